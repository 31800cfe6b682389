"""Search a corpus from its cache without loading it whole.

The cache (see :mod:`vncoop.index.store`) holds one row per fact and an SQLite FTS5 index of each fact's
search terms (folded stems, six-letter roots, number readings, and its title's terms marked). A
search asks the index for a few hundred candidate facts (all that match, when they fit; else tier
by tier, see :meth:`IndexedSearch._candidates`), loads only those, and ranks them with the same
scorer as the in-memory search. Word frequencies and typo correction use the whole corpus's
vocabulary, so scores mean the same thing either way (a test checks they are equal)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from vncoop.domain.records import Corpus, FactDict
from vncoop.index.store import OpenCache
from vncoop.index.tokens import LEAD_MARK, FieldText, fields_from_text
from vncoop.search.memory import SearchIndex
from vncoop.search.query import Concept, Hit, concept_frequency
from vncoop.text.fold import VALUE_SEPARATOR

CANDIDATES = 200  # facts scored per query (more when a --limit asks for more)
MAX_PAIRS = 6  # pairs of concepts tried together in the lead, at most
RANKED_TIER = 1000  # BM25 costs ~15-30 µs per fact it scores: rank tiers up to this size
RANK_BUDGET = 2500  # and at most this many facts ranked per query, whatever the tiers
KEEP_LOADED = 20000  # parsed facts kept between queries, at most


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def concept_query(concept: Concept, mark: str = "") -> str | None:
    """An FTS5 expression true for facts holding any alternative of the concept (in their lead
    only, with ``mark`` LEAD_MARK)."""
    parts = [_quoted(mark + number) for number in sorted(concept.numbers)]
    for alternative in concept.alternatives:
        stems = [s for s in alternative.stems if s and s != VALUE_SEPARATOR]
        if stems:
            parts.append("(" + " AND ".join(_quoted(mark + s) for s in stems) + ")")
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
            row = self.connection.execute("SELECT value FROM meta WHERE key = 'words'").fetchone()
            words = row[0].split("\n") if row and row[0] else []  # in order: the vocab table's
            words.extend(word for word in self.thesaurus_words if not self.document_frequency(word))
            words.sort()  # the same list as in memory, so typo corrections tie-break the same way
            self._words = words
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
        if len(self._loaded) + len(missing) > KEEP_LOADED:  # a long --stdin batch on a large corpus
            self._loaded = {p: self._loaded[p] for p in positions if p in self._loaded}
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.connection.execute(f"SELECT pos, fact, tokens FROM facts WHERE pos IN ({marks})", chunk)
            for position, fact, tokens in rows:
                self._loaded[position] = (json.loads(fact), fields_from_text(tokens))
        return [self._loaded[p] for p in sorted(positions)]

    def _candidates(self, concepts: list[Concept], wanted: int) -> list[int]:
        """Up to ``wanted`` facts: every fact matching any concept when they fit (the shipped
        corpus always does), else tier by tier, from the best to the broadest:

        1. every concept in the lead (the title), then every concept anywhere (concepts no fact
           holds left out: they cannot narrow anything);
        2. every concept but one, dropping the commonest first, then two concepts together in the
           title, the rarest pairs first (for three concepts or more);
        3. any of the rarest concepts (as many as together are found in at most RANKED_TIER
           facts): the words that say most about what is wanted, as the ranker's IDF weights do;
        4. any concept in the lead, then any concept anywhere.

        Within a tier BM25 picks when the tier is small enough to rank cheaply (its cost grows
        with every fact it scores) and the query's ranking budget allows; otherwise the tier is
        taken in corpus order, the tiers before it having given the best facts."""

        def joined(joiner: str, group: list[Concept], mark: str = "") -> str:
            return "(" + joiner.join(e for e in (concept_query(c, mark) for c in group) if e) + ")"

        query = "SELECT rowid FROM fts WHERE fts MATCH ?"
        broadest = joined(" OR ", concepts)
        every_match = [row[0] for row in self.connection.execute(query + " LIMIT ?", (broadest, wanted + 1))]
        if len(every_match) <= wanted:
            return every_match  # room for all: the tiers would only choose among them
        frequency = {id(c): concept_frequency(self.lexicon, c) for c in concepts}
        by_rarity = sorted(concepts, key=lambda c: frequency[id(c)])
        present = [c for c in by_rarity if frequency[id(c)]]
        # (expression, the most candidates it may give): partial tiers share the room, so that
        # one large tier cannot crowd out the others
        tiers: list[tuple[str, int]] = []
        if len(present) > 1:
            tiers += [(joined(" AND ", present, LEAD_MARK), wanted), (joined(" AND ", present), wanted)]
            if len(present) > 2:
                share = max(wanted // (2 * len(present)), 10)
                tiers += [(joined(" AND ", [c for c in present if c is not d]), share) for d in reversed(present)]
                # two concepts together in the title, the rarest pairs first
                pairs = [[a, b] for i, a in enumerate(present) for b in present[i + 1 :]][:MAX_PAIRS]
                tiers += [(joined(" AND ", pair, LEAD_MARK), max(wanted // (2 * len(pairs)), 10)) for pair in pairs]
            rare: list[Concept] = []
            total = 0
            for concept in by_rarity:
                if total + frequency[id(concept)] <= RANKED_TIER:  # a commoner one is passed over
                    total += frequency[id(concept)]
                    rare.append(concept)
            if rare and len(rare) < len(concepts):
                tiers.append((joined(" OR ", rare), wanted))
        tiers += [(joined(" OR ", concepts, LEAD_MARK), wanted), (broadest, wanted)]
        chosen: dict[int, None] = {}
        budget = RANK_BUDGET
        for tier, cap in tiers:
            room = min(wanted - len(chosen), cap)
            if room <= 0:
                if len(chosen) >= wanted:
                    break
                continue
            found = [row[0] for row in self.connection.execute(query + " LIMIT ?", (tier, RANKED_TIER + 1))]
            found = [position for position in found if position not in chosen]
            if len(found) > room and len(found) <= min(RANKED_TIER, budget):
                budget -= len(found)
                ranked = self.connection.execute(query + " ORDER BY rank", (tier,))
                found = [row[0] for row in ranked if row[0] not in chosen]
            chosen.update(dict.fromkeys(found[:room]))
        return list(chosen)

    def search(
        self, query: str, matches: Callable[[FactDict], bool] | None = None, limit: int | None = None
    ) -> list[Hit]:
        """``matches``: an optional predicate on facts (the CLI's filters)."""
        concepts = self.analyser.concepts(query)
        searchable = [c for c in concepts if concept_query(c)]
        if not searchable:
            return []
        wanted = max(CANDIDATES, 2 * (limit or 0))
        wanted = wanted if matches is None else wanted * 10
        positions = self._candidates(searchable, wanted)
        loaded = self._load(positions)
        if matches is not None:
            loaded = [item for item in loaded if matches(item[0])]
        # No thesaurus: the concepts are analysed already, and it would be analysed again per query
        candidates = Corpus(self.base.root, [fact for fact, _ in loaded], self.base.sources, [])
        index = SearchIndex(candidates, self.lexicon, fields=[fields for _, fields in loaded])
        return index.search(query, None, limit, concepts)
