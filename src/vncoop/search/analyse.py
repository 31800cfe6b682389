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

from vncoop.index.stems import root_keys, stem
from vncoop.index.thesaurus import Member, ThesaurusIndex, thesaurus_index
from vncoop.search.query import EXACT, FUZZY, STEMMED, THESAURUS, Alternative, Concept, Lexicon, concept_frequency
from vncoop.search.reading import QueryReading, read_query, written_in_vietnamese
from vncoop.text.fold import fold, number_tokens, numbers_in_words, spell_currency, word_tokens

MAX_CONCEPTS = 32
MAX_PHRASE = 5
FUZZY_CUTOFF = 80.0


class Thesaurus:
    """The corpus's groups of equivalent terms, looked up by the stems of a phrase (see
    :mod:`vncoop.index.thesaurus`, which also keeps this index in the cache)."""

    def __init__(self, groups: Sequence[Sequence[str]], index: ThesaurusIndex | None = None) -> None:
        self.keys, self.groups, self.words, self.phrases = thesaurus_index(groups) if index is None else index
        self._by_root: dict[str, list[int]] | None = None

    def groups_by_root(self, word_stem: str) -> list[list[Member]]:
        """Groups holding a one-word term with the same Snowball stem (invested ~ investment)."""
        if self._by_root is None:
            self._by_root = {}
            for group_id, members in enumerate(self.groups):
                for stems, exact in members:
                    if len(stems) == 1 and not written_in_vietnamese(exact[0]):
                        for key in root_keys(stems[0]):
                            if group_id not in self._by_root.setdefault(key, []):
                                self._by_root[key].append(group_id)
        found: list[int] = []
        for key in root_keys(word_stem):
            found += [g for g in self._by_root.get(key, []) if g not in found]
        return [self.groups[g] for g in found]

    def groups_of(self, stems: tuple[str, ...]) -> list[list[Member]]:
        return [self.groups[g] for g in self.keys.get(stems, [])]

    def is_phrase(self, folded: tuple[str, ...]) -> bool:
        """Whether words (folded) are a thesaurus term of two words or more, keys or in full."""
        stems = tuple(stem(word) for word in folded)
        return len(stems) >= 2 and (stems in self.keys or stems in self.phrases)


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

    def read(self, query: str) -> QueryReading:
        """The query's words, function words, question and syntax (see :mod:`~vncoop.search.reading`)."""
        return read_query(spell_currency(query), self.thesaurus.is_phrase)

    def concepts(self, query: str | QueryReading) -> list[Concept]:
        reading = self.read(query) if isinstance(query, str) else query
        query = reading.text
        content = reading.content[: MAX_CONCEPTS * 2]
        # Correct unknown words first, so that corrected words can still meet the thesaurus.
        slots: list[Slot] = []
        vietnamese = written_in_vietnamese(query)
        for word in content:
            stemmed = stem(word)
            # no typo correction in a query written in Vietnamese: a syllable one mark or letter
            # away is another word (vàng, gold, is not vẫn)
            slots.append((word, stemmed, [] if vietnamese else self.correct(stemmed)))
        concepts: list[Concept] = []
        i = 0
        while i < len(slots) and len(concepts) < MAX_CONCEPTS:
            consumed = self._thesaurus_concept(slots, i, concepts)
            if consumed:
                i += consumed
                continue
            word, stemmed, corrections = slots[i]
            concept = Concept(word, [Alternative((stemmed,), (word,), EXACT, "exact")])
            if not written_in_vietnamese(word):  # same stem, other ending: invested ~ investment
                concept.alternatives.extend(Alternative((key,), (), STEMMED, "stemmed") for key in root_keys(stemmed))
            for fixed, score in corrections:
                concept.alternatives.append(Alternative((fixed,), (), FUZZY * score / 100, "fuzzy"))
                for members in self.thesaurus.groups_of((fixed,)):
                    concept.alternatives.extend(
                        Alternative(s, (), FUZZY * THESAURUS * score / 100, "fuzzy+thesaurus") for s, _ in members
                    )
            concepts.append(concept)
            i += 1
        if vietnamese:
            for concept in concepts:
                concept.as_typed = True
        _pair_syllables(concepts)
        for readings, label in sorted(_query_numbers(query)):
            concepts.append(Concept(label, [], frozenset(readings)))
        for label, readings in reading.numbers:  # numbers in words: fifty thousand, một triệu
            concepts.append(Concept(label, [], readings))
        for concept in concepts:
            concept.weight = self._idf(concept)
        return concepts

    def phrase(self, query: str | QueryReading) -> tuple[str, ...]:
        """The query's words as stems, in order: a fact holding them together matches as a phrase."""
        text = query if isinstance(query, str) else query.text
        return tuple(stem(w) for w in word_tokens(spell_currency(text)))

    def required(
        self, reading: QueryReading
    ) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[frozenset[str]]]:
        """The quoted phrases and the excluded words (``-word``, ``-"a phrase"``) as runs of stems,
        and the excluded numbers (``-2030``, ``-"fifty thousand"``) as their readings."""

        def runs(texts: list[str]) -> list[tuple[str, ...]]:
            found = (tuple(stem(w) for w in word_tokens(spell_currency(text))) for text in texts)
            return [run for run in found if run]

        numbers = []
        words = []
        for text in reading.excluded:
            readings = number_tokens(text) or numbers_in_words(word_tokens(text))
            if readings:
                numbers.append(frozenset(r for r in readings if not r.endswith("%")) or frozenset(readings))
            else:
                words.append(text)
        excluded = runs(words)
        for run in list(excluded):  # -semiconductor drops "semi-conducteurs" and "bán dẫn" too
            for group in self.thesaurus.groups_of(run):
                excluded += [stems for stems, _exact in group if stems not in excluded]
        return runs(reading.phrases), excluded, numbers

    def _thesaurus_concept(self, slots: Sequence[Slot], i: int, out: list[Concept]) -> int:
        """Greedy longest thesaurus phrase starting at slot ``i``; return how many slots it used."""
        for length in range(min(MAX_PHRASE, len(slots) - i), 0, -1):
            window = slots[i : i + length]
            stems = tuple(s for _, s, _ in window)
            quality, how = 1.0, "exact"
            groups = self.thesaurus.groups_of(stems)
            if not groups and length == 1 and not written_in_vietnamese(window[0][0]):
                groups = self.thesaurus.groups_by_root(stems[0])
                quality, how = STEMMED, "stemmed"
            if not groups and length == 1 and window[0][2]:
                fixed, score = window[0][2][0]
                groups = self.thesaurus.groups_of((fixed,))
                quality, how = FUZZY * score / 100, "fuzzy"
                stems = (fixed,)
            if not groups:
                continue
            words = tuple(w for w, _, _ in window)
            if how == "stemmed":  # the word itself, its stems, then its group's terms
                concept = Concept(words[0], [Alternative(stems, words, EXACT, "exact")])
            else:
                concept = Concept(
                    " ".join(words), [Alternative(stems, words if how == "exact" else (), EXACT * quality, how)]
                )
            if length == 1 and how in ("exact", "stemmed") and not written_in_vietnamese(words[0]):
                concept.alternatives += [Alternative((key,), (), STEMMED, "stemmed") for key in root_keys(stems[0])]
            member_how = {"exact": "thesaurus", "stemmed": "stemmed+thesaurus"}.get(how, "fuzzy+thesaurus")
            for members in groups:
                for member_stems, member_exact in members:
                    if member_stems != stems:  # a term written with marks matches as written (Nhật, not nhất)
                        exact = member_exact if any(fold(word) != word for word in member_exact) else ()
                        concept.alternatives.append(Alternative(member_stems, exact, THESAURUS * quality, member_how))
            out.append(concept)
            return length
        return 0

    def _idf(self, concept: Concept) -> float:
        total = max(self.lexicon.size, 1)
        return math.log(1 + total / (1 + concept_frequency(self.lexicon, concept)))


def _pair_syllables(concepts: list[Concept]) -> None:
    """Mark Vietnamese syllables typed side by side (each its own concept, no thesaurus phrase):
    each is matched fully only beside its neighbour (see :attr:`Concept.together`)."""

    def syllable(concept: Concept) -> str | None:
        exact = concept.alternatives[0].exact if concept.alternatives else ()
        if len(exact) == 1 and written_in_vietnamese(exact[0]):
            return concept.alternatives[0].stems[0]
        return None

    stems = [syllable(concept) for concept in concepts]
    for at, concept in enumerate(concepts):
        if stems[at] is None:
            continue
        runs = []
        if at > 0 and stems[at - 1] is not None:
            runs.append((stems[at - 1], stems[at]))
        if at + 1 < len(concepts) and stems[at + 1] is not None:
            runs.append((stems[at], stems[at + 1]))
        concept.together = tuple(runs)  # type: ignore[arg-type]


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
