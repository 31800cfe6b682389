"""Candidates from memory: inverted indexes over a corpus loaded whole.

Used when caching is off (``VNCOOP_NO_CACHE``), and as the reference the index search is tested
against: the same analysis and scorer, every matching fact scored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vncoop.domain.records import Corpus, FactDict
from vncoop.index.stems import ROOT_MARK
from vncoop.index.tokens import FieldText, fact_fields, fields_from_text
from vncoop.search.query import Concept
from vncoop.search.score import Candidate


class MemoryLexicon:
    """The corpus-wide vocabulary of a corpus in memory."""

    def __init__(self, index: MemoryIndex, thesaurus_words: set[str]) -> None:
        self.index = index
        self.size = len(index.facts)
        self.thesaurus_words = thesaurus_words
        self._words: list[str] | None = None

    def known(self, term: str) -> bool:
        return term in self.index.postings or term in self.thesaurus_words

    def words(self) -> list[str]:
        if self._words is None:
            found = {s for s in self.index.postings if not s.startswith(ROOT_MARK)}
            self._words = sorted(found | self.thesaurus_words)
        return self._words

    def document_frequency(self, term: str) -> int:
        return len(self.index.postings.get(term) or self.index.number_postings.get(term) or ())


class MemoryIndex:
    """Per-fact field tokens plus inverted indexes from stems and numbers to facts."""

    def __init__(self, corpus: Corpus) -> None:
        self.facts = corpus.facts
        self.fields: list[list[FieldText]] = []
        self.postings: dict[str, set[int]] = {}
        self.number_postings: dict[str, set[int]] = {}
        for position, fact in enumerate(self.facts):
            stored = corpus.tokens.get(fact["id"])
            texts = fields_from_text(stored) if stored is not None else fact_fields(fact)
            self.fields.append(texts)
            for text in texts:
                for token in text.vocabulary:
                    self.postings.setdefault(token, set()).add(position)
                for number in text.numbers:
                    self.number_postings.setdefault(number, set()).add(position)

    def _matching(self, concept: Concept) -> set[int]:
        found: set[int] = set()
        for number in concept.numbers:
            found |= self.number_postings.get(number, set())
        for alternative in concept.alternatives:
            postings = [self.postings.get(s) for s in alternative.stems]
            if all(postings):
                found |= set.intersection(*postings)  # type: ignore[arg-type]
        return found

    def candidates(
        self, concepts: Sequence[Concept], matches: Callable[[FactDict], bool] | None, limit: int | None
    ) -> list[Candidate]:
        """Every fact holding any concept (and passing ``matches``): all of them are scored."""
        positions: set[int] = set()
        for concept in concepts:
            positions |= self._matching(concept)
        chosen = [(self.facts[p], self.fields[p]) for p in sorted(positions)]
        return chosen if matches is None else [item for item in chosen if matches(item[0])]
