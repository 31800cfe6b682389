"""Ranked, explainable search over facts in English, French and Vietnamese.

How a query is read:
1. It is split into words and numbers. Words are folded (no case, no diacritics) and lightly
   stemmed (plural ``s``); numbers are read in every notation (``78,6`` = ``78.6``,
   ``50 000`` = ``50,000``; ``20 %`` keeps its percent sign).
2. A word the corpus does not know is corrected against the index vocabulary with rapidfuzz
   (``semicondutor`` → ``semiconductor``, ``Tokio`` → ``tokyo``).
3. Words and phrases found in the thesaurus (``facts/thesaurus.yaml``) become *concepts* whose
   alternatives are the other terms of their group (``bán dẫn`` ≈ ``semiconductor`` ≈ ``puce``).

How a fact is scored: each concept takes its best match over the fact's fields (title and
keywords weigh most, then organisations, partner names and summary, then the kind's own text
fields, then evidence quotes), scaled by how it matched (same accents > folded > thesaurus >
fuzzy). Rare concepts weigh more than common ones (IDF). The score adds, in decreasing order of
weight: the whole query found as a phrase; every concept matched; the share of concepts matched;
the match quality. Facts below a minimum share of matched concepts are not returned, so a query
matching nothing meaningful returns nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from vncoop.domain.records import Corpus
from vncoop.index.tokens import (
    FIELD_WEIGHTS,
    MAX_WEIGHT,
    ROOT_MARK,
    ROOT_MIN,
    FieldText,
    fact_fields,
    fields_from_text,
    find_run,
    root_key,
    stem,
)
from vncoop.search.query import Alternative, Concept, Hit, Lexicon, Match, concept_frequency
from vncoop.text.fold import fold, lower, number_tokens, spell_currency, word_tokens

EXACT, FOLDED, THESAURUS, ROOT, FUZZY = 1.0, 0.95, 0.85, 0.8, 0.7
MIN_COVERAGE = 0.5
MAX_CONCEPTS = 32
MAX_PHRASE = 5
FUZZY_CUTOFF = 80.0

# Words that carry no meaning for a search: articles, prepositions, question and auxiliary
# words (English, French, Vietnamese). A query made only of them is searched as typed.
_STOP_TEXT = """
a an the of in on at to for and or with by from about is are was were be been as its this that these
those what when where which who whom whose how why does do did has have had will would can could should
until since into than then there their they them it's very also any some much many long
le la les l un une des de du d et ou en au aux a à pour par avec sur dans est sont ce cette ces quel
quelle quels quelles quand combien comment pourquoi qui que quoi où est-ce
và của các những cho với trong tại là được về có một từ đến này khi gì nào bao nhiêu đâu sao ai
"""
STOPWORDS = frozenset(_STOP_TEXT.split()) | frozenset(fold(word) for word in _STOP_TEXT.split())


class MemoryLexicon:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.size = len(index.facts)
        self._words: list[str] | None = None

    def known(self, term: str) -> bool:
        return term in self.index.postings or term in self.index.thesaurus_words

    def words(self) -> list[str]:
        if self._words is None:
            found = {s for s in self.index.postings if not s.startswith(ROOT_MARK)}
            self._words = sorted(found | self.index.thesaurus_words)
        return self._words

    def document_frequency(self, term: str) -> int:
        return len(self.index.postings.get(term) or self.index.number_postings.get(term) or ())


class SearchIndex:
    """Per-fact field tokens plus inverted indexes from stems and numbers to facts."""

    def __init__(
        self, corpus: Corpus, lexicon: Lexicon | None = None, fields: list[list[FieldText]] | None = None
    ) -> None:
        """``fields``: the facts' tokenised fields when already at hand. Facts given that way were
        chosen as candidates by the caller (the FTS5 index): every one is scored, no postings built."""
        self.facts = corpus.facts
        self.fields: list[list[FieldText]] = []
        self.postings: dict[str, set[int]] = {}
        self.number_postings: dict[str, set[int]] = {}
        self.preselected = fields is not None
        if fields is not None:
            self.fields = fields
        for position, fact in enumerate(self.facts if fields is None else ()):
            stored = corpus.tokens.get(fact["id"])
            texts = fields_from_text(stored) if stored is not None else fact_fields(fact)
            self.fields.append(texts)
            for text in texts:
                for token in text.vocabulary:
                    self.postings.setdefault(token, set()).add(position)
                for number in text.numbers:
                    self.number_postings.setdefault(number, set()).add(position)
        self.thesaurus: dict[tuple[str, ...], list[int]] = {}
        self.groups: list[list[tuple[tuple[str, ...], tuple[str, ...]]]] = []
        for group_id, group in enumerate(corpus.thesaurus):
            members = []
            for term in group:
                exact = tuple(word_tokens(term))
                stems = tuple(stem(t) for t in exact)
                if stems:
                    members.append((stems, exact))
                    key = tuple(s for s in stems if s not in STOPWORDS) or stems
                    self.thesaurus.setdefault(key, []).append(group_id)
            self.groups.append(members)
        self.thesaurus_words = {s for key in self.thesaurus for s in key}
        self.lexicon: Lexicon = lexicon or MemoryLexicon(self)

    # -- query analysis -------------------------------------------------------------------
    def correct(self, token: str) -> list[tuple[str, float]]:
        """Vocabulary words close to an unknown token (typo correction), best first."""
        if len(token) < 4 or token.isdigit() or self.lexicon.known(token):
            return []
        from rapidfuzz import fuzz, process

        cutoff = FUZZY_CUTOFF if len(token) >= 5 else 85.0
        found = process.extract(token, self.lexicon.words(), scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
        return [(word, score) for word, score, _ in found]

    def concepts(self, query: str) -> list[Concept]:
        query = spell_currency(query)
        exact_words = [w for w in word_tokens(query)]
        content = [w for w in exact_words if fold(w) not in STOPWORDS] or exact_words
        content = content[: MAX_CONCEPTS * 2]
        # Correct unknown words first, so that corrected words can still meet the thesaurus.
        slots: list[tuple[str, str, list[tuple[str, float]]]] = []
        for word in content:
            stemmed = stem(word)
            slots.append((word, stemmed, self.correct(stemmed)))
        concepts: list[Concept] = []
        i = 0
        while i < len(slots) and len(concepts) < MAX_CONCEPTS:
            consumed = self._thesaurus_concept(slots, i, concepts)
            if consumed:
                i += consumed
                continue
            word, stemmed, corrections = slots[i]
            concept = Concept(word, [Alternative((stemmed,), (word,), EXACT, "exact")])
            if len(stemmed) >= ROOT_MIN:  # same root, other ending: normalised ~ normalization
                concept.alternatives.append(Alternative((root_key(stemmed),), (), ROOT, "root"))
            for fixed, score in corrections:
                concept.alternatives.append(Alternative((fixed,), (), FUZZY * score / 100, "fuzzy"))
                for members in self._groups_of((fixed,)):
                    concept.alternatives.extend(
                        Alternative(s, (), FUZZY * THESAURUS * score / 100, "fuzzy+thesaurus") for s, _ in members
                    )
            concepts.append(concept)
            i += 1
        for number in sorted(self._query_numbers(query)):
            readings, label = number
            concepts.append(Concept(label, [], frozenset(readings)))
        for concept in concepts:
            concept.weight = self._idf(concept)
        return concepts

    def _query_numbers(self, query: str) -> set[tuple[frozenset[str], str]]:
        found: set[tuple[frozenset[str], str]] = set()
        from vncoop.text.numbers import NUMBER_RE

        for match in NUMBER_RE.finditer(query):
            before = query[match.start() - 1] if match.start() else ""
            if before.isalpha() or query[match.end() : match.end() + 1].isalpha():
                continue  # part of a word (5G, H100), which is matched as a word
            token = match.group(0).strip()
            readings = number_tokens(query[match.start() : match.end() + 2])
            percent = {r for r in readings if r.endswith("%")}
            chosen = percent or {r for r in readings if not r.endswith("%")}
            if chosen:
                found.add((frozenset(chosen), token + ("%" if percent else "")))
        return found

    def _groups_of(self, stems: tuple[str, ...]) -> list[list[tuple[tuple[str, ...], tuple[str, ...]]]]:
        return [self.groups[g] for g in self.thesaurus.get(stems, [])]

    def _thesaurus_concept(
        self, slots: Sequence[tuple[str, str, list[tuple[str, float]]]], i: int, out: list[Concept]
    ) -> int:
        """Greedy longest thesaurus phrase starting at slot ``i``; return how many slots it used."""
        for length in range(min(MAX_PHRASE, len(slots) - i), 0, -1):
            window = slots[i : i + length]
            stems = tuple(s for _, s, _ in window)
            quality, how = 1.0, "exact"
            groups = self._groups_of(stems)
            if not groups and length == 1 and window[0][2]:
                fixed, score = window[0][2][0]
                groups = self._groups_of((fixed,))
                quality, how = FUZZY * score / 100, "fuzzy"
                stems = (fixed,)
            if not groups:
                continue
            words = tuple(w for w, _, _ in window)
            concept = Concept(
                " ".join(words), [Alternative(stems, words if how == "exact" else (), EXACT * quality, how)]
            )
            for members in groups:
                for member_stems, _member_exact in members:
                    if member_stems != stems:
                        concept.alternatives.append(
                            Alternative(
                                member_stems,
                                (),
                                THESAURUS * quality,
                                "thesaurus" if how == "exact" else "fuzzy+thesaurus",
                            )
                        )
            out.append(concept)
            return length
        return 0

    def _idf(self, concept: Concept) -> float:
        total = max(self.lexicon.size, 1)
        return math.log(1 + total / (1 + concept_frequency(self.lexicon, concept)))

    def candidates(self, concept: Concept) -> set[int]:
        found: set[int] = set()
        for number in concept.numbers:
            found |= self.number_postings.get(number, set())
        for alternative in concept.alternatives:
            postings = [self.postings.get(s) for s in alternative.stems]
            if all(postings):
                found |= set.intersection(*postings)  # type: ignore[arg-type]
        return found

    # -- matching -------------------------------------------------------------------------
    def best_match(self, position: int, concept: Concept) -> tuple[float, Match | None, bool, int]:
        """(quality in 0..1, why, non-fuzzy?, how many fields matched) of a concept in one fact."""
        best, why, solid, breadth = 0.0, None, False, 0
        firsts = concept.first_stems()
        for text in self.fields[position]:
            vocabulary = text.vocabulary
            if vocabulary.isdisjoint(firsts) and not (concept.numbers and concept.numbers & text.numbers):
                continue  # most fields hold none of the concept's words: one set operation says so
            scale = text.weight / MAX_WEIGHT
            field_hit = False
            if concept.numbers and concept.numbers & text.numbers:
                field_hit = True
                value = scale * EXACT
                if value > best:
                    matched = sorted(concept.numbers & text.numbers)[0]
                    best, why, solid = value, Match(concept.label, text.name, matched, "number"), True
            for alternative in concept.alternatives:
                if field_hit and alternative.quality * scale <= best:
                    continue
                if alternative.stems[0] not in vocabulary:
                    continue
                if alternative.how == "root":
                    at = next(i for i, t in enumerate(text.stems) if root_key(t) == alternative.stems[0])
                else:
                    at = find_run(text.stems, alternative.stems)
                if at < 0:
                    continue
                field_hit = True
                quality, how = alternative.quality, alternative.how
                span = text.exact[at : at + len(alternative.stems)]
                if how == "exact" and tuple(span) != alternative.exact:
                    quality, how = FOLDED, "folded"
                value = scale * quality
                if value > best:
                    best = value
                    why = Match(concept.label, text.name, " ".join(span), how)
                    solid = how not in ("fuzzy", "fuzzy+thesaurus", "root")
            breadth += field_hit
        return best, why, solid, breadth

    def search(
        self,
        query: str,
        facts: Iterable[int] | None = None,
        limit: int | None = None,
        concepts: list[Concept] | None = None,
    ) -> list[Hit]:
        concepts = self.concepts(query) if concepts is None else concepts
        if not concepts:
            return []
        candidates: set[int] = set(range(len(self.facts))) if self.preselected else set()
        for concept in concepts if not self.preselected else ():
            candidates |= self.candidates(concept)
        if facts is not None:
            candidates &= set(facts)
        total_weight = sum(c.weight for c in concepts) or 1.0
        phrase = tuple(stem(w) for w in word_tokens(spell_currency(query)))
        hits: list[Hit] = []
        for position in candidates:
            matched_weight, quality_sum, all_solid, solid_count, breadth_sum = 0.0, 0.0, True, 0, 0.0
            matches: list[Match] = []
            for concept in concepts:
                quality, why, solid, breadth = self.best_match(position, concept)
                if why is None:
                    all_solid = False
                    continue
                matches.append(why)
                matched_weight += concept.weight * (1.0 if solid else 0.8)
                quality_sum += concept.weight * quality
                breadth_sum += concept.weight * breadth / len(FIELD_WEIGHTS)
                all_solid = all_solid and solid
                solid_count += solid
            coverage = matched_weight / total_weight
            # Enough of the query's meaning must match: half its (IDF-weighted) concepts, or
            # half of them counted plainly with at least one exact/folded/thesaurus match.
            if coverage < MIN_COVERAGE and not (solid_count and len(matches) >= MIN_COVERAGE * len(concepts)):
                continue
            phrase_hit = 0.0
            if len(phrase) >= 2:
                for text in self.fields[position]:
                    if find_run(text.stems, phrase) >= 0:
                        phrase_hit = 1.0
                        matches.insert(0, Match(query.strip(), text.name, " ".join(phrase), "phrase"))
                        break
            # Tiers: phrase (4) > every concept (2) > share matched (≤1) > quality (≤1); the number
            # of fields a concept appears in (≤0.2) separates facts about a term from mentions.
            score = (
                4.0 * phrase_hit
                + 2.0 * all_solid
                + coverage
                + quality_sum / total_weight
                + 0.2 * breadth_sum / total_weight
            )
            hits.append(Hit(self.facts[position], round(score, 4), matches))
        hits.sort(key=lambda h: (-h.score, h.fact["id"]))
        return hits[:limit] if limit is not None else hits


def normalise_query(query: str) -> str:
    """Collapse whitespace and drop control characters; the query as the user meant it."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in query)
    return re.sub(r"\s+", " ", cleaned).strip()


__all__ = ["Hit", "Match", "SearchIndex", "fold", "lower", "normalise_query"]
