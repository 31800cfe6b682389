"""Search a large corpus from its cache without loading it whole.

The cache file (see :mod:`vncoop.cache`) also holds one row per fact and an SQLite FTS5 table of
each fact's search terms (folded stems, six-letter roots, number readings). For a large corpus a
search asks FTS5 for the few hundred facts that share the most query terms (BM25), loads only
those, and ranks them with the same scorer as the in-memory search; word frequencies and typo
correction use the whole corpus's vocabulary table, so scores mean the same thing either way.
Small corpora are searched in memory: loading them is cheaper than asking SQLite.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from typing import Any

from .corpus import Corpus, FactDict
from .search import Concept, Hit, SearchIndex
from .searchtext import ROOT_MARK, ROOT_MIN, root_key

INDEX_MIN_FACTS = 1000
CANDIDATES = 400
FTS_TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '~.%'"


def index_threshold() -> int:
    try:
        return int(os.environ.get("VNCOOP_INDEX_MIN_FACTS", INDEX_MIN_FACTS))
    except ValueError:
        return INDEX_MIN_FACTS


def fact_terms(fields: list[list[Any]]) -> set[str]:
    """Every term a fact can be found by: stems, roots of long stems, and number readings."""
    terms: set[str] = set()
    for _name, stems, _exact, numbers in fields:
        for term in stems:
            if term != "\x00":
                terms.add(term)
                if len(term) >= ROOT_MIN:
                    terms.add(root_key(term))
        terms.update(numbers)
    return terms


def write_index_tables(connection: sqlite3.Connection, corpus: Corpus) -> None:
    """Per-fact rows, the FTS5 term index and the vocabulary with document frequencies."""
    connection.execute("CREATE TABLE facts (pos INTEGER PRIMARY KEY, id TEXT, fact TEXT, tokens TEXT)")
    connection.execute(f'CREATE VIRTUAL TABLE terms USING fts5(body, tokenize="{FTS_TOKENIZER}")')
    connection.execute("CREATE TABLE vocab (term TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID")
    frequency: Counter[str] = Counter()
    fact_rows = []
    term_rows = []
    for position, fact in enumerate(corpus.facts):
        fields = corpus.tokens[fact["id"]]
        terms = fact_terms(fields)
        frequency.update(terms)
        fact_rows.append((position, fact["id"], json.dumps(fact, ensure_ascii=False), json.dumps(fields)))
        term_rows.append((position, " ".join(terms)))
    connection.executemany("INSERT INTO facts VALUES (?, ?, ?, ?)", fact_rows)
    connection.executemany("INSERT INTO terms (rowid, body) VALUES (?, ?)", term_rows)
    connection.executemany("INSERT INTO vocab VALUES (?, ?)", frequency.items())
    connection.execute("INSERT INTO meta VALUES ('facts', ?)", (str(len(corpus.facts)),))


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
    """The corpus-wide vocabulary, from the cache's ``vocab`` and ``terms`` tables."""

    def __init__(self, connection: sqlite3.Connection, size: int, thesaurus_words: set[str]) -> None:
        self.connection = connection
        self.size = size
        self.thesaurus_words = thesaurus_words
        self._words: list[str] | None = None

    def known(self, term: str) -> bool:
        if term in self.thesaurus_words:
            return True
        return self.connection.execute("SELECT 1 FROM vocab WHERE term = ?", (term,)).fetchone() is not None

    def words(self) -> list[str]:
        if self._words is None:
            rows = self.connection.execute("SELECT term FROM vocab WHERE substr(term, 1, 1) != ?", (ROOT_MARK,))
            self._words = sorted({row[0] for row in rows} | self.thesaurus_words)
        return self._words

    def document_frequency(self, term: str) -> int:
        row = self.connection.execute("SELECT df FROM vocab WHERE term = ?", (term,)).fetchone()
        return int(row[0]) if row else 0


class IndexedSearch:
    """Ranked search over a cached corpus, loading only candidate facts."""

    def __init__(self, connection: sqlite3.Connection, base: Corpus, size: int) -> None:
        self.connection = connection
        self.base = base  # sources and thesaurus only; no facts
        self.analyser = SearchIndex(base)
        self.lexicon = SqliteLexicon(connection, size, self.analyser.thesaurus_words)
        self.analyser.lexicon = self.lexicon

    def _load(self, positions: list[int]) -> tuple[list[FactDict], dict[str, Any]]:
        facts: list[FactDict] = []
        tokens: dict[str, Any] = {}
        for start in range(0, len(positions), 500):
            chunk = positions[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(f"SELECT pos, id, fact, tokens FROM facts WHERE pos IN ({marks})", chunk)
            for _pos, fact_id, fact, fields in sorted(rows):
                facts.append(json.loads(fact))
                tokens[fact_id] = json.loads(fields)
        return facts, tokens

    def search(self, query: str, matches: Any = None, limit: int | None = None) -> list[Hit]:
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
                "SELECT rowid FROM terms WHERE terms MATCH ? ORDER BY rank LIMIT ?", (joiner.join(expressions), wanted)
            ).fetchall()
            positions = [row[0] for row in rows]
            if len(positions) >= wanted:
                break
        facts, tokens = self._load(positions)
        if matches is not None:
            facts = [fact for fact in facts if matches(fact)]
        candidates = Corpus(self.base.root, facts, self.base.sources, self.base.thesaurus, tokens=tokens)
        return SearchIndex(candidates, self.lexicon).search(query, None, limit, concepts)
