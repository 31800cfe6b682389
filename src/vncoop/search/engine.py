"""The search engine: query analysis, a source of candidate facts, and the scorer, composed.

Two sources share one analyser and one scorer: the cache's FTS5 index (every search, when
caching is on) and a corpus in memory (``VNCOOP_NO_CACHE``, and the reference in tests), so a
query ranks the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from vncoop.domain.records import Corpus, FactDict
from vncoop.search.analyse import QueryAnalyser, Thesaurus
from vncoop.search.query import Concept, Hit, Hits
from vncoop.search.score import Candidate, Wanted, rank
from vncoop.search.snippets import snippet

if TYPE_CHECKING:
    from vncoop.index.store import OpenCache

FactPredicate = Callable[[FactDict], bool]


class CandidateSource(Protocol):
    def candidates(
        self, concepts: Sequence[Concept], matches: FactPredicate | None, limit: int | None
    ) -> list[Candidate]: ...


class SearchEngine:
    """Ranked, explainable search: analyse the query, take candidates, score them."""

    def __init__(self, analyser: QueryAnalyser, source: CandidateSource) -> None:
        self.analyser = analyser
        self.source = source

    def concepts(self, query: str) -> list[Concept]:
        return self.analyser.concepts(query)

    def search(self, query: str, matches: FactPredicate | None = None, limit: int | None = None) -> list[Hit]:
        """Hits best first; ``matches``: an optional predicate on facts (the CLI's filters)."""
        reading = self.analyser.read(query)
        concepts = self.analyser.concepts(reading)
        if not concepts:
            return Hits(notes=reading.notes())
        phrases, excluded, excluded_numbers = self.analyser.required(reading)
        wanted = Wanted(phrases, excluded, reading.intent, reading.asked_by, excluded_numbers)
        # Facts the syntax drops are taken out after scoring: the source may have to give more.
        source_limit = None if wanted.filters() and limit is not None else limit
        candidates = self.source.candidates(concepts, matches, source_limit)
        hits = rank(candidates, concepts, reading.text, self.analyser.phrase(reading), limit, wanted)
        for hit in hits:  # only the hits returned: a snippet per result, not per candidate
            hit.snippet = snippet(hit.fact, concepts)
        return Hits(hits, notes=reading.notes())


def memory_engine(corpus: Corpus) -> SearchEngine:
    """Every fact of a loaded corpus scored."""
    from vncoop.search.memory import MemoryIndex, MemoryLexicon

    thesaurus = Thesaurus(corpus.thesaurus)
    index = MemoryIndex(corpus)
    return SearchEngine(QueryAnalyser(thesaurus, MemoryLexicon(index, thesaurus.words)), index)


def indexed_engine(cache: OpenCache) -> SearchEngine:
    """Candidates from the cache's FTS5 index; only they are loaded and scored."""
    from vncoop.search.indexed import IndexCandidates, SqliteLexicon

    thesaurus = Thesaurus(cache.thesaurus(), cache.thesaurus_index())
    lexicon = SqliteLexicon(cache.connection, cache.facts_count(), thesaurus.words)
    return SearchEngine(QueryAnalyser(thesaurus, lexicon), IndexCandidates(cache.connection, lexicon))
