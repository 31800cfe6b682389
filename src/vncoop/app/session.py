"""The use cases the CLI calls, over one corpus: open it (cache or not), filter, search, show.

Returns data and never prints: warnings go to the ``warn`` sink the caller gives (the CLI writes
them to stderr), progress to ``progress``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from vncoop.domain.records import Corpus, FactDict
from vncoop.errors import Problem, problem_order
from vncoop.text.i18n import tr

if TYPE_CHECKING:
    from vncoop.domain.filters import FactFilter
    from vncoop.index.common import Progress
    from vncoop.index.store import OpenCache
    from vncoop.search.engine import SearchEngine
    from vncoop.search.query import Hit

SearchFunction = Callable[[str], "list[Hit]"]
T = TypeVar("T")


class FilterArgs(NamedTuple):
    """Filters as the user typed them (partner and entity names, kinds, sectors, years, source ids)."""

    kinds: Iterable[str] | None = None
    partners: Iterable[str] | None = None
    sectors: Iterable[str] | None = None
    since: int | None = None
    until: int | None = None
    sources: Iterable[str] | None = None
    orgs: Iterable[str] | None = None  # organisation, person or group names


class Session:
    """One command's access to one corpus directory."""

    def __init__(
        self,
        facts_dir: Path | None,
        progress: Progress | None = None,
        warn: Callable[[str], None] = lambda message: None,
    ) -> None:
        self.facts_dir = facts_dir
        self.progress = progress
        self._sink = warn
        self._warned: set[str] = set()
        self._cache: OpenCache | None = None

    def warn(self, message: str) -> None:
        """Each warning once per session, however many times the corpus is opened."""
        if message not in self._warned:
            self._warned.add(message)
            self._sink(message)

    def corpus(self) -> Corpus:
        from vncoop.app.corpora import load_corpus

        corpus = load_corpus(self.facts_dir, progress=self.progress)
        for warning in corpus.warnings:
            self.warn(warning)
        return corpus

    def sources(self) -> dict[str, Any]:
        """The source documents by id, without reading the facts when the cache has them."""
        cache = self.cache()
        if cache is not None:
            return self._sound(lambda open_cache: open_cache.sources())
        return self.corpus().sources

    def base(self) -> Corpus:
        """The corpus without its facts (sources, thesaurus, entities) when the cache has it."""
        cache = self.cache()
        if cache is not None:
            return self._sound(lambda open_cache: open_cache.base())
        return self.corpus()

    def entities(self) -> dict[str, Any]:
        """The organisations, people and groups by id."""
        return self.base().entities

    def source_with_text(self, source_id: str) -> dict[str, Any]:
        """One source document: its metadata, ``archive`` (the path) and ``text`` (the archive)."""
        from vncoop.domain.filters import lookup_source

        sources = self.sources()
        source = dict(lookup_source(sources, source_id))
        record = {key: value for key, value in source.items() if key != "text"}
        record["archive"] = source["text"]
        record["text"] = read_archive(self._root(), source)
        return record

    def citable(self, wanted: str) -> dict[str, Any]:
        """A fact or a source by id (``cite`` takes both), or NotFoundError with "did you mean"."""
        from vncoop.errors import NotFoundError, quoted
        from vncoop.text.suggest import suggest

        sources = self.sources()
        try:  # a fact first: an id both names (a fact about its own source) cites the fact
            return self.fact_with_sources(wanted)
        except NotFoundError:
            if wanted.strip() in sources:
                return dict(sources[wanted.strip()])
            ids = (
                [fact["id"] for fact in self._sound(lambda cache: cache.corpus()).facts]
                if self.cache()
                else [fact["id"] for fact in self.corpus().facts]
            )
            hint = suggest(wanted.strip().lower(), [*ids, *sources])
            raise NotFoundError(
                tr("no fact or source with id {id}{hint}", id=quoted(wanted.strip()), hint=hint)
            ) from None

    def with_context(self, fact: FactDict) -> FactDict:
        """``fact`` with each quote's sentence before and after in its archive (``context``)."""
        from vncoop.corpus.anchors import Archive, position

        archives: dict[str, Archive] = {}
        sources = self.sources()
        fact = dict(fact)
        fact["evidence"] = [dict(item) for item in fact["evidence"]]
        for item in fact["evidence"]:
            span = position(item)
            source = sources.get(item["source"])
            if span is None or source is None:
                continue
            if item["source"] not in archives:
                archives[item["source"]] = Archive(read_archive(self._root(), source))
            item["context"] = archives[item["source"]].context(*span)
        return fact

    def _root(self) -> Path:
        from vncoop.corpus.layout import resolve_facts_dir

        return resolve_facts_dir(self.facts_dir)

    def cache(self) -> OpenCache | None:
        """The corpus's up-to-date cache, or None when caching is off."""
        from vncoop.corpus.layout import check_root, resolve_facts_dir
        from vncoop.index.common import caching_enabled

        root = resolve_facts_dir(self.facts_dir)
        check_root(root)
        if not caching_enabled():
            return None
        if self._cache is None:  # opened once per session, however many facts are asked for
            from vncoop.index.store import NotCacheable, open_cache

            try:
                self._cache = open_cache(root, self.progress)
            except NotCacheable as exc:
                self.warn(str(exc))
                return None
            for warning in self._cache.warnings:
                self.warn(warning)
        return self._cache

    def facts(self, filters: FilterArgs) -> list[FactDict]:
        """The facts that pass the filters, newest first (chosen and ordered by the cache's SQL,
        only those parsed, when there is a cache)."""
        from vncoop.domain.dates import newest_first

        texts = self.fact_texts(filters, "newest")
        if texts is not None:
            import json

            return [json.loads(text) for text, _year in texts]
        corpus = self.corpus()
        return newest_first(fact_filter(corpus, filters).apply(corpus.facts))

    def fact_texts(
        self, filters: FilterArgs, order: str, limit: int | None = None
    ) -> Iterator[tuple[str, int | None]] | None:
        """Each kept fact's JSON as stored (as ``--json`` writes it) and its year, ``newest`` or
        ``oldest`` first, read one at a time; None without a cache (the caller loads the corpus)."""
        cache = self.cache()
        if cache is None:
            return None
        chosen = self._cached_filter(filters)

        def started(open_cache: OpenCache) -> tuple[Iterator[tuple[str, int | None]], tuple[str, int | None] | None]:
            rows = open_cache.fact_texts(chosen, order, limit)
            return rows, next(rows, None)  # a damaged page shows here: the cache is rebuilt once

        rows, first = self._sound(started)
        if first is None:
            return iter(())
        return itertools.chain([first], rows)

    def stats(self, filters: FilterArgs) -> dict[str, Any]:
        """``stats``'s counts: GROUP BYs over the cache, else counted in memory."""
        from vncoop.domain.overviews import corpus_stats

        cache = self.cache()
        if cache is not None:
            chosen = self._cached_filter(filters)
            return self._sound(lambda open_cache: open_cache.counts(chosen))
        corpus = self.corpus()
        return corpus_stats(fact_filter(corpus, filters).apply(corpus.facts))

    def search_engine(self, filters: FilterArgs, limit: int) -> SearchFunction:
        """A function query → hits: over the cache's index, or in memory when caching is off."""
        from vncoop.domain.filters import FactFilter
        from vncoop.search.engine import indexed_engine, memory_engine

        cache = self.cache()
        if cache is not None:
            engine, chosen = indexed_engine(cache), self._cached_filter(filters)
        else:
            corpus = self.corpus()
            engine, chosen = memory_engine(corpus), fact_filter(corpus, filters)
        predicate = None if chosen == FactFilter() else chosen.matches
        if cache is None:
            return lambda text: engine.search(text, predicate, limit)
        current: list[tuple[OpenCache, SearchEngine]] = [(cache, engine)]  # replaced if the cache is rebuilt

        def search(text: str) -> list[Hit]:
            def on(open_cache: OpenCache) -> list[Hit]:
                if open_cache is not current[0][0]:
                    current[0] = (open_cache, indexed_engine(open_cache))
                return current[0][1].search(text, predicate, limit)

            return self._sound(on)

        return search

    def _cached_filter(self, filters: FilterArgs) -> FactFilter:
        """The filters resolved against the open cache (no fact is read): its sources, and its
        entity registry only for ``--org``, since in a large corpus the registry is most of what a
        listing or a search would otherwise read and hold."""
        corpus = self._sound(lambda open_cache: open_cache.base(entities=bool(filters.orgs)))
        return fact_filter(corpus, filters)

    def _sound(self, use: Callable[[OpenCache], T]) -> T:
        """``use(cache)``, and once more after a rebuild if the cache turns out damaged inside its
        pages (checking every page on each run would cost more than most searches)."""
        import sqlite3  # loaded already by the cache

        from vncoop.index.store import discard_cache

        cache = self.cache()
        assert cache is not None
        try:
            return use(cache)
        except sqlite3.DatabaseError as exc:
            self.warn(tr("the cache was damaged ({error}); rebuilt it", error=exc))
            discard_cache(cache.root)
            self._cache = None
            rebuilt = self.cache()
            assert rebuilt is not None
            return use(rebuilt)

    def timeline(self, filters: FilterArgs, limit: int | None = None) -> dict[str, Any]:
        """Dated facts oldest first in year groups, then the undated (at most ``limit`` facts)."""
        from vncoop.domain.overviews import limited, timeline

        texts = self.fact_texts(filters, "oldest", limit)
        if texts is not None:
            import json

            return timeline(json.loads(text) for text, _year in texts)
        corpus = self.corpus()
        return limited(timeline(fact_filter(corpus, filters).apply(corpus.facts)), limit)

    def coverage(self, source_id: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Per source (one, or all): how many sentences its archive has and how many no quote
        covers; and those sentences, flagged ones first (see :mod:`vncoop.corpus.coverage`)."""
        from vncoop.corpus.anchors import position
        from vncoop.corpus.coverage import uncovered_sentences
        from vncoop.domain.entities import entity_names
        from vncoop.domain.filters import lookup_source

        corpus = self.corpus()
        chosen = [source_id] if source_id is not None else list(corpus.sources)
        wanted = {lookup_source(corpus.sources, one)["id"] for one in chosen}
        spans: dict[str, list[tuple[int, int]]] = {one: [] for one in wanted}
        for fact in corpus.facts:
            for evidence in fact["evidence"]:
                at = position(evidence)
                if at is not None and evidence["source"] in spans:
                    spans[evidence["source"]].append(at)
        names = {name: entity["id"] for entity in corpus.entities.values() for name in entity_names(entity)}
        summary, sentences = [], []
        for one in (s for s in corpus.sources if s in wanted):
            text = read_archive(corpus.root, corpus.sources[one])
            total, uncovered = uncovered_sentences(one, text, spans[one], names)
            flagged = sum(1 for sentence in uncovered if sentence["flags"])
            summary.append({"source": one, "sentences": total, "uncovered": len(uncovered), "flagged": flagged})
            sentences.extend(uncovered)
        return summary, sentences

    def fact_with_sources(self, fact_id: str) -> FactDict:
        """One fact, with ``sources``: the source documents its evidence cites, in order."""
        from vncoop.domain.filters import lookup_fact

        found: FactDict | None = None
        sources: dict[str, Any] = {}
        if self.cache() is not None:  # one fact straight from the cache, the others left unread
            found, sources = self._sound(lambda cache: (cache.fact(fact_id.strip()), cache.sources()))
        if found is None:  # no cache, or no such id: the whole corpus, for "did you mean"
            corpus = self._sound(lambda cache: cache.corpus()) if self.cache() is not None else self.corpus()
            found, sources = lookup_fact(corpus, fact_id), corpus.sources
        fact = dict(found)
        used = []
        for evidence in fact["evidence"]:
            source = sources.get(evidence["source"])
            if source and source not in used:
                used.append(source)
        fact["sources"] = used
        return fact


def sorted_facts(facts: list[FactDict], order: str) -> list[FactDict]:
    """``--sort``: ``date`` (newest first, the default order), ``amount`` (largest first; facts
    without an amount last, newest first among equals) or ``id``."""
    if order == "amount":
        from vncoop.domain.quantities import amount_order

        return sorted(facts, key=amount_order)  # stable: ties keep the newest-first order
    if order == "id":
        return sorted(facts, key=lambda fact: fact["id"])
    return facts


def read_archive(root: Path, source: dict[str, Any]) -> str:
    """A source's archived text, or a CorpusError naming it."""
    from vncoop.corpus.layout import decode_text, read_bytes

    path = root / source["text"]
    return decode_text(read_bytes(path, source["text"]), source["text"])


def check_corpus(directory: Path | None) -> tuple[Path, Corpus, list[Problem]]:
    """``validate``: every problem of a corpus directory (schema, ids, sources, quotes, numbers),
    each once, in the one problem order; never through the cache, which would hide them."""
    from vncoop.corpus.evidence import check_evidence
    from vncoop.corpus.layout import check_root, resolve_facts_dir
    from vncoop.corpus.validate import validate_corpus_files

    root = resolve_facts_dir(directory)
    check_root(root)
    corpus, problems = validate_corpus_files(root)
    found = set(problems + check_evidence(corpus))
    return root, corpus, sorted(found, key=problem_order)


def fact_filter(corpus: Corpus, filters: FilterArgs) -> FactFilter:
    from vncoop.domain.filters import build_filter

    return build_filter(
        corpus,
        filters.kinds or (),
        filters.partners or (),
        filters.sectors or (),
        filters.since,
        filters.until,
        filters.sources or (),
        filters.orgs or (),
    )
