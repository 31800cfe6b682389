"""Query analysis: what the user typed, read as concepts to look for.

1. The query is split into words and numbers. Words are folded (no case, no diacritics) and
   lightly stemmed (plural ``s``); numbers are read in every notation (``78,6`` = ``78.6``,
   ``50 000`` = ``50,000``; ``20 %`` keeps its percent sign).
2. A word the corpus does not know is corrected against the corpus vocabulary with rapidfuzz
   (``semicondutor`` → ``semiconductor``, ``Tokio`` → ``tokyo``).
3. Words and phrases found in the thesaurus (``facts/thesaurus.yaml``) become *concepts* whose
   alternatives are the other terms of their group (``bán dẫn`` ≈ ``semiconductor`` ≈ ``puce``).
4. Each concept is weighed by how rare it is in the corpus (IDF), through a :class:`Lexicon`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from vncoop.index.tokens import ROOT_MIN, root_key, stem
from vncoop.search.query import EXACT, FUZZY, ROOT, THESAURUS, Alternative, Concept, Lexicon, concept_frequency
from vncoop.text.fold import fold, number_tokens, spell_currency, word_tokens

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

Member = tuple[tuple[str, ...], tuple[str, ...]]  # a thesaurus term: its stems, its exact words


class Thesaurus:
    """The corpus's groups of equivalent terms, looked up by the stems of a phrase."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        self.keys: dict[tuple[str, ...], list[int]] = {}
        self.groups: list[list[Member]] = []
        for group_id, group in enumerate(groups):
            members = []
            for term in group:
                exact = tuple(word_tokens(term))
                stems = tuple(stem(t) for t in exact)
                if stems:
                    members.append((stems, exact))
                    key = tuple(s for s in stems if s not in STOPWORDS) or stems
                    self.keys.setdefault(key, []).append(group_id)
            self.groups.append(members)
        self.words = {s for key in self.keys for s in key}

    def groups_of(self, stems: tuple[str, ...]) -> list[list[Member]]:
        return [self.groups[g] for g in self.keys.get(stems, [])]


Slot = tuple[str, str, list[tuple[str, float]]]  # a query word, its stem, its typo corrections


class QueryAnalyser:
    """Turns a query into weighted concepts, knowing the corpus through its lexicon."""

    def __init__(self, thesaurus: Thesaurus, lexicon: Lexicon) -> None:
        self.thesaurus = thesaurus
        self.lexicon = lexicon

    def correct(self, token: str) -> list[tuple[str, float]]:
        """Vocabulary words close to an unknown token (typo correction), best first."""
        if len(token) < 4 or token.isdigit() or self.lexicon.known(token):
            return []
        from rapidfuzz import fuzz, process  # only for a word the corpus lacks

        cutoff = FUZZY_CUTOFF if len(token) >= 5 else 85.0
        found = process.extract(token, self.lexicon.words(), scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
        return [(word, score) for word, score, _ in found]

    def concepts(self, query: str) -> list[Concept]:
        query = spell_currency(query)
        exact_words = word_tokens(query)
        content = [w for w in exact_words if fold(w) not in STOPWORDS] or exact_words
        content = content[: MAX_CONCEPTS * 2]
        # Correct unknown words first, so that corrected words can still meet the thesaurus.
        slots: list[Slot] = []
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
                for members in self.thesaurus.groups_of((fixed,)):
                    concept.alternatives.extend(
                        Alternative(s, (), FUZZY * THESAURUS * score / 100, "fuzzy+thesaurus") for s, _ in members
                    )
            concepts.append(concept)
            i += 1
        for readings, label in sorted(_query_numbers(query)):
            concepts.append(Concept(label, [], frozenset(readings)))
        for concept in concepts:
            concept.weight = self._idf(concept)
        return concepts

    def phrase(self, query: str) -> tuple[str, ...]:
        """The query's words as stems, in order: a fact holding them together matches as a phrase."""
        return tuple(stem(w) for w in word_tokens(spell_currency(query)))

    def _thesaurus_concept(self, slots: Sequence[Slot], i: int, out: list[Concept]) -> int:
        """Greedy longest thesaurus phrase starting at slot ``i``; return how many slots it used."""
        for length in range(min(MAX_PHRASE, len(slots) - i), 0, -1):
            window = slots[i : i + length]
            stems = tuple(s for _, s, _ in window)
            quality, how = 1.0, "exact"
            groups = self.thesaurus.groups_of(stems)
            if not groups and length == 1 and window[0][2]:
                fixed, score = window[0][2][0]
                groups = self.thesaurus.groups_of((fixed,))
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


def _query_numbers(query: str) -> set[tuple[frozenset[str], str]]:
    """The numbers of a query, each as its readings and how it was written."""
    from vncoop.text.numbers import NUMBER_RE

    found: set[tuple[frozenset[str], str]] = set()
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


def normalise_query(query: str) -> str:
    """Collapse whitespace and drop control characters; the query as the user meant it."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in query)
    return re.sub(r"\s+", " ", cleaned).strip()
