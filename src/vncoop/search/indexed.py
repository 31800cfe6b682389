"""Search a corpus from its cache without loading it whole.

The cache (see :mod:`vncoop.index.store`) holds one row per fact and an SQLite FTS5 index of each fact's
search terms (folded stems, six-letter roots, number readings, and its title's terms marked). A
search asks the index for a few hundred candidate facts (all that match, when they fit; else tier
by tier, see :mod:`vncoop.search.tiers`), loads only those, and the engine ranks them with the
same scorer as the in-memory search. Word frequencies and typo correction use the whole corpus's
vocabulary, so scores mean the same thing either way (a test checks they are equal)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from vncoop.domain.records import FactDict
from vncoop.index.tokens import fields_from_text, fts_text
from vncoop.search.query import Concept, concept_frequency
from vncoop.search.score import Candidate
from vncoop.search.tiers import any_of, concept_query, fill, plan

CANDIDATES = 200  # facts scored per query (more when a --limit asks for more)
KEEP_LOADED = 20000  # parsed facts kept between queries, at most


class SqliteLexicon:
    """The corpus-wide vocabulary, from the cache's ``vocab`` table."""

    def __init__(self, connection: sqlite3.Connection, size: int, thesaurus_words: set[str]) -> None:
        self.connection = connection
        self.size = size
        self.thesaurus_words = thesaurus_words
        self._words: list[str] | None = None
        self._frequencies: dict[str, int] = {}

    def known(self, term: str) -> bool:
        return term in self.thesaurus_words or self.document_frequency(term) > 0

    def words(self) -> list[str]:
        if self._words is None:
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'words'").fetchone()
            words = row[0].split("\n") if row and row[0] else []  # in order: the vocab table's
            words.extend(word for word in self.thesaurus_words if not self.document_frequency(word))
            words.sort()  # the same list as in memory, so typo corrections tie-break the same way
            self._words = words
        return self._words

    def document_frequency(self, term: str) -> int:
        found = self._frequencies.get(term)
        if found is None:
            row = self.connection.execute("SELECT df FROM vocab WHERE term = ?", (fts_text(term),)).fetchone()
            found = self._frequencies[term] = int(row[0]) if row else 0
        return found


class IndexCandidates:
    """Candidate facts from the cache's FTS5 index, each loaded (and parsed) only once."""

    def __init__(self, connection: sqlite3.Connection, lexicon: SqliteLexicon) -> None:
        self.connection = connection
        self.lexicon = lexicon
        self._loaded: dict[int, Candidate] = {}

    def _load(self, positions: list[int]) -> list[Candidate]:
        missing = [p for p in positions if p not in self._loaded]
        for position in positions:  # asked for again (a batch of queries): sets answer faster than scans
            if position in self._loaded:
                for field in self._loaded[position][1]:
                    field.settle()
        if len(self._loaded) + len(missing) > KEEP_LOADED:  # a long --stdin batch on a large corpus
            self._loaded = {p: self._loaded[p] for p in positions if p in self._loaded}
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(f"SELECT pos, fact, tokens FROM facts WHERE pos IN ({marks})", chunk)
            for position, fact, tokens in rows:
                self._loaded[position] = (json.loads(fact), fields_from_text(tokens))
        return [self._loaded[p] for p in sorted(positions)]

    def _positions(self, concepts: list[Concept], wanted: int) -> list[int]:
        """Up to ``wanted`` facts: every fact matching any concept when they fit (the shipped
        corpus always does), else tier by tier (see :func:`vncoop.search.tiers.plan`)."""
        query = "SELECT rowid FROM fts WHERE fts MATCH ?"

        def matching(expression: str, limit: int) -> list[int]:
            return [row[0] for row in self.connection.execute(query + " LIMIT ?", (expression, limit))]

        def ranked(expression: str) -> list[int]:
            return [row[0] for row in self.connection.execute(query + " ORDER BY rank", (expression,))]

        every_match = matching(any_of(concepts), wanted + 1)
        if len(every_match) <= wanted:
            return every_match  # room for all: the tiers would only choose among them
        frequency = {id(c): concept_frequency(self.lexicon, c) for c in concepts}
        return fill(plan(concepts, lambda c: frequency[id(c)], wanted), wanted, matching, ranked)

    def candidates(
        self, concepts: Sequence[Concept], matches: Callable[[FactDict], bool] | None, limit: int | None
    ) -> list[Candidate]:
        searchable = [c for c in concepts if concept_query(c)]
        if not searchable:
            return []
        wanted = max(CANDIDATES, 2 * (limit or 0))
        wanted = wanted if matches is None else wanted * 10
        loaded = self._load(self._positions(searchable, wanted))
        return loaded if matches is None else [item for item in loaded if matches(item[0])]
