"""What a search is made of: the query's concepts and their alternatives, the corpus-wide
lexicon that weighs them, and the hits it returns with why each matched.

Shared by query analysis (:mod:`~vncoop.search.analyse`), the candidate sources
(:mod:`~vncoop.search.memory`, :mod:`~vncoop.search.indexed`) and the scorer (:mod:`~vncoop.search.score`).
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

from vncoop.domain.records import FactDict, SlotRecord
from vncoop.text.fold import VALUE_SEPARATOR

# How well an alternative matched, as a share of a field's weight: the same accents > folded >
# the same Snowball stem > thesaurus > a typo correction.
EXACT, FOLDED, STEMMED, THESAURUS, FUZZY = 1.0, 0.95, 0.9, 0.85, 0.7


class Match(NamedTuple):
    """Why a fact matched: which query term, in which field, as which text, and how."""

    term: str
    field: str
    matched: str
    how: str  # exact | folded | stemmed | thesaurus | fuzzy | number | phrase | intent

    def to_dict(self) -> dict[str, str]:
        return {"term": self.term, "field": self.field, "matched": self.matched, "how": self.how}


class Hit(SlotRecord):
    __slots__ = ("fact", "score", "matches", "snippet")

    def __init__(
        self,
        fact: FactDict,
        score: float,
        matches: list[Match] | None = None,
        snippet: dict[str, Any] | None = None,  # the evidence it shows (see search/snippets.py)
    ) -> None:
        self.fact, self.score, self.snippet = fact, score, snippet
        self.matches = [] if matches is None else matches


class Hits(list[Hit]):
    """Hits best first, and how the query was read (``--explain`` shows it)."""

    def __init__(self, hits: list[Hit] | None = None, notes: list[str] | None = None) -> None:
        super().__init__(hits or [])
        self.notes = notes or []


class Alternative(NamedTuple):
    stems: tuple[str, ...]
    exact: tuple[str, ...]  # accent-preserving tokens, for the exact-accent bonus
    quality: float
    how: str


class Concept(SlotRecord):
    """One unit of meaning in the query: a word, a thesaurus phrase, or a number."""

    __slots__ = ("label", "alternatives", "numbers", "weight", "together", "as_typed", "_firsts", "_ranked")

    def __init__(
        self,
        label: str,
        alternatives: list[Alternative] | None = None,
        numbers: frozenset[str] = frozenset(),
        weight: float = 1.0,
        # A Vietnamese syllable typed next to another is half of a word (hòa bình, dự án): it counts
        # fully only where a fact holds it beside that neighbour, as one of these runs of stems.
        together: tuple[tuple[str, ...], ...] = (),
        # In a query written in Vietnamese every word is typed as meant, marks or none (cà is not cả)
        as_typed: bool = False,
    ) -> None:
        self.label, self.numbers, self.weight, self.together, self.as_typed = label, numbers, weight, together, as_typed
        self.alternatives = [] if alternatives is None else alternatives
        self._firsts: frozenset[str] | None = None
        self._ranked: list[Alternative] | None = None

    def ranked(self) -> list[Alternative]:
        """The alternatives best quality first: once one matched a field, none after it can beat it."""
        if self._ranked is None:
            self._ranked = sorted(self.alternatives, key=lambda alternative: -alternative.quality)
        return self._ranked

    def first_stems(self) -> frozenset[str]:
        """The first stem of every alternative: a field holding none of them cannot match."""
        if self._firsts is None:
            self._firsts = frozenset(alternative.stems[0] for alternative in self.alternatives)
        return self._firsts


class Lexicon(Protocol):
    """What query analysis needs to know about the whole corpus: its words and how common they are.

    In memory for a loaded corpus (:class:`~vncoop.search.memory.MemoryLexicon`); backed by the cache's SQLite tables
    when only candidate facts are loaded (:mod:`vncoop.search.indexed`).
    """

    size: int

    def known(self, term: str) -> bool: ...

    def words(self) -> list[str]: ...

    def document_frequency(self, term: str) -> int: ...


def concept_frequency(lexicon: Lexicon, concept: Concept) -> int:
    """How many facts a concept is likely to match: its most common alternative (a phrase counts
    as its rarest word). An estimate that needs one lookup per term, at any corpus size."""
    counts = [lexicon.document_frequency(number) for number in concept.numbers]
    for alternative in concept.alternatives:
        stems = [s for s in alternative.stems if s != VALUE_SEPARATOR]
        if stems:
            counts.append(min(lexicon.document_frequency(s) for s in stems))
    return max(counts, default=0)
