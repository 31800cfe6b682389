"""Search a corpus from its cache without loading it whole.

The cache (see :mod:`vncoop.cache`) holds one row per fact and an SQLite FTS5 index of each fact's
search terms (folded stems, six-letter roots, number readings). A search asks FTS5 for the few
hundred facts that share the most query terms (BM25), loads only those, and ranks them with the
same scorer as the in-memory search; word frequencies and typo correction use the whole corpus's
vocabulary table, so scores mean the same thing either way (a test checks they are equal).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from .cache import OpenCache
from .corpus import Corpus, FactDict
from .search import Concept, Hit, SearchIndex
from .searchtext import ROOT_MARK, FieldText, fields_from_text

CANDIDATES = 400


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def concept_query(concept: Concept) -> str | None:
    """An FTS5 expression true for facts holding any alternative of the concept."""
    parts = [_quoted(number) for number in sorted(concept.numbers)]
    for alternative in concept.alternatives:
        stems = [s for s in alternative.stems if s and s != "\x00"]
        if stems:
            parts.append("(" + " AND ".join(_quoted(s) for s in stems) + ")")
    return "(" + " OR ".join(parts) + ")" if parts else None


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
            rows = self.connection.execute("SELECT term FROM vocab WHERE substr(term, 1, 1) != ?", (ROOT_MARK,))
            self._words = sorted({row[0] for row in rows} | self.thesaurus_words)
        return self._words

    def document_frequency(self, term: str) -> int:
        found = self._frequencies.get(term)
        if found is None:
            row = self.connection.execute("SELECT df FROM vocab WHERE term = ?", (term,)).fetchone()
            found = self._frequencies[term] = int(row[0]) if row else 0
        return found


class IndexedSearch:
    """Ranked search over a cached corpus, loading only candidate facts (and each only once)."""

    def __init__(self, cache: OpenCache) -> None:
        self.connection = cache.connection
        self.base = cache.base()  # sources and thesaurus only; no facts
        self.analyser = SearchIndex(self.base)
        self.lexicon = SqliteLexicon(self.connection, cache.facts_count(), self.analyser.thesaurus_words)
        self.analyser.lexicon = self.lexicon
        self._loaded: dict[int, tuple[FactDict, list[FieldText]]] = {}

    def _load(self, positions: list[int]) -> list[tuple[FactDict, list[FieldText]]]:
        missing = [p for p in positions if p not in self._loaded]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(f"SELECT pos, fact, tokens FROM facts WHERE pos IN ({marks})", chunk)
            for position, fact, tokens in rows:
                self._loaded[position] = (json.loads(fact), fields_from_text(tokens))
        return [self._loaded[p] for p in sorted(positions)]

    def search(
        self, query: str, matches: Callable[[FactDict], bool] | None = None, limit: int | None = None
    ) -> list[Hit]:
        """``matches``: an optional predicate on facts (the CLI's filters)."""
        concepts = self.analyser.concepts(query)
        expressions = [e for e in (concept_query(c) for c in concepts) if e]
        if not expressions:
            return []
        wanted = CANDIDATES if matches is None else CANDIDATES * 10
        # Facts holding every concept first (a smaller set for BM25 to rank), then any concept.
        positions: list[int] = []
        for joiner in (" AND ", " OR ") if len(expressions) > 1 else (" OR ",):
            rows = self.connection.execute(
                "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?", (joiner.join(expressions), wanted)
            ).fetchall()
            positions = [row[0] for row in rows]
            if len(positions) >= wanted:
                break
        loaded = self._load(positions)
        if matches is not None:
            loaded = [item for item in loaded if matches(item[0])]
        candidates = Corpus(self.base.root, [fact for fact, _ in loaded], self.base.sources, self.base.thesaurus)
        index = SearchIndex(candidates, self.lexicon, fields=[fields for _, fields in loaded])
        return index.search(query, None, limit, concepts)
