"""Building the corpus cache (see :mod:`vncoop.index.store`): validating changed files, on every core
when there are several, and writing their rows, the FTS5 index and the vocabulary.

Each worker validates a file and makes its rows whole (fact JSON, tokens, index terms), so the
main process only inserts strings; an unchanged file's rows are copied from the previous cache.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

from vncoop.corpus.crosscheck import CrossCheck
from vncoop.corpus.layout import ENTITIES_FILE, SOURCES_FILE, THESAURUS_FILE
from vncoop.errors import CorpusError, Problem, undone_if_terminated
from vncoop.index import thesaurus
from vncoop.index.common import (
    ARCHIVE_PREFIX,
    Progress,
    Stamp,
    archive_stamp,
    collector_paused,
    stamp_text,
    version_key,
)
from vncoop.index.listing import RANKED, listing_columns
from vncoop.index.stems import ROOT_MARK
from vncoop.index.tokens import FTS_TOKENIZER, LEAD_MARK, fields_from_text, index_terms
from vncoop.text.json_writer import dumps_indented

PARALLEL_MIN_FILES = 4  # validating fewer changed files than this is quicker than starting workers
# The narrow columns first: a row's first bytes lie on its table page, and the JSON and tokens
# that follow spill onto overflow pages, which a filter or a count then never reads.
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
    path TEXT PRIMARY KEY, stamp TEXT, payload TEXT
);
CREATE TABLE facts (
    pos INTEGER PRIMARY KEY, kind TEXT, year INTEGER, chrono INTEGER, file TEXT, id TEXT, line INTEGER,
    sources TEXT, tags TEXT, fact TEXT, tokens TEXT
);
CREATE TABLE fact_tags (tag TEXT, pos INTEGER, PRIMARY KEY (tag, pos)) WITHOUT ROWID;
CREATE TABLE vocab (term TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    terms, content='', detail=none, tokenize="{FTS_TOKENIZER}"
);
"""
FACT_COLUMNS = "file, id, line, fact, tokens, sources, kind, year, chrono, tags"
SMALL_FILES = (SOURCES_FILE, THESAURUS_FILE, ENTITIES_FILE)  # validated in the main process, kept as JSON
# id, line, fact JSON, tokens, index terms, evidence sources, then kind, year, chrono, tags (index/listing.py)
FactRow = tuple[Any, ...]
FileOutcome = tuple[list[Problem], list[FactRow]]


@collector_paused
def build(
    connection: sqlite3.Connection,
    root: Path,
    inventory: dict[str, Path],
    stamps: dict[str, Stamp],
    old_stamps: dict[str, Stamp],
    old: str | None,
    progress: Progress | None,
    stamped_at: int = 0,
) -> None:
    """Fill an empty database with the corpus; raise CorpusError (and commit nothing) on problems.
    ``stamped_at`` is when the stamps were taken (nanoseconds), to tell racily clean files later."""
    connection.executescript(SCHEMA)
    if old is not None:
        connection.execute("ATTACH DATABASE ? AS old", (old,))
    unchanged = {name for name, stamp in stamps.items() if old is not None and old_stamps.get(name) == stamp}
    if SOURCES_FILE not in unchanged:  # the archives may be others: every quote is anchored again
        unchanged = {name for name in unchanged if name in SMALL_FILES}
    if (ENTITIES_FILE in stamps or ENTITIES_FILE in old_stamps) and ENTITIES_FILE not in unchanged:
        unchanged = {name for name in unchanged if name in SMALL_FILES}  # names in every fact may change
    builder = _Builder(connection, root, [name for name in inventory if name not in unchanged], progress)
    payloads = {
        name: builder.small_file(name, inventory[name], name in unchanged) for name in SMALL_FILES if name in inventory
    }
    source_records = json.loads(payloads[SOURCES_FILE])["sources"]
    entities = json.loads(payloads[ENTITIES_FILE])["entities"] if ENTITIES_FILE in payloads else {}
    sources = set(source_records)
    fact_names = [name for name in inventory if name not in payloads]
    archive_stamps = {}
    for record in source_records.values():
        name = ARCHIVE_PREFIX + record["text"]
        stamp = archive_stamp(root, name)
        if stamp is not None:  # an archive that cannot be read: validate says so
            archive_stamps[name] = stamp
    old_archives = {name: stamp for name, stamp in old_stamps.items() if name.startswith(ARCHIVE_PREFIX)}
    if archive_stamps != old_archives:  # an archive changed: every quote is anchored again
        unchanged = {name for name in unchanged if name in SMALL_FILES}
        builder.changed = [name for name in inventory if name not in unchanged]
    check = CrossCheck(sources)
    archive_key = tuple(sorted((sid, str(root / s["text"])) for sid, s in source_records.items()))
    jobs = [(name, inventory[name]) for name in fact_names if name not in unchanged]
    outcomes = _validate_many(root, jobs, archive_key, entities)
    try:
        for name in fact_names:
            rows = builder.copied_file(name) if name in unchanged else builder.validated_file(name, next(outcomes))
            for row in rows:
                check.admit(name, row[0], row[1], row[5].split(" "))
    finally:
        outcomes.close()  # stops the workers if anything went wrong
    problems = builder.problems + check.problems
    if not problems:
        problems = check.no_facts(root)
    if problems:
        connection.rollback()
        raise CorpusError(problems)
    connection.execute("CREATE INDEX facts_by_id ON facts (id)")  # for show ID; built once, sorted
    for statement in RANKED:  # list, timeline, stats: ranks and tags (index/listing.py)
        connection.execute(statement)
    # for the next update: an unchanged file's rows are copied by file, one index look-up each
    # (a scan each made updating after one change quadratic in the number of files)
    connection.execute("CREATE INDEX facts_by_file ON facts (file, pos)")
    # Each term's document frequency, as the index counts it (its tokenizer splits terms as search did)
    connection.execute("CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab(main, fts, 'row')")
    connection.execute(
        "INSERT INTO vocab SELECT term, doc FROM temp.fts_terms WHERE substr(term, 1, 1) != ?", (LEAD_MARK,)
    )
    connection.execute("DROP TABLE temp.fts_terms")
    files = [(name, stamp_text(stamps[name]), payloads.get(name)) for name in inventory]
    files += [(name, stamp_text(stamp), None) for name, stamp in archive_stamps.items()]
    connection.executemany("INSERT INTO files VALUES (?, ?, ?)", files)
    # The words typo correction matches against (no roots), in order, as one value: fetching
    # them row by row costs more than the correction itself on a large corpus
    words = connection.execute("SELECT term FROM vocab WHERE substr(term, 1, 1) != ?", (ROOT_MARK,))
    meta = {
        "version": version_key(),
        "root": str(root.resolve()),
        "facts": str(len(check.seen)),
        "stamped_at": str(stamped_at),
        "words": "\n".join(row[0] for row in words),
    }
    groups = json.loads(payloads[THESAURUS_FILE])["groups"] if THESAURUS_FILE in payloads else []
    connection.execute(
        "INSERT INTO meta VALUES ('thesaurus', ?)", (thesaurus.dumps(thesaurus.thesaurus_index(groups)),)
    )
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()
    if old is not None:
        connection.execute("DETACH DATABASE old")


class _Builder:
    """What a build accumulates file by file: problems, ids seen, progress."""

    INSERT = f"INSERT INTO facts (pos, {FACT_COLUMNS}) VALUES ({', '.join('?' * 11)})"

    def __init__(self, connection: sqlite3.Connection, root: Path, changed: list[str], progress: Progress | None):
        self.connection = connection
        self.root = root
        self.changed = changed
        self.progress = progress
        self.done = 0
        self.problems: list[Problem] = []
        self.next_position = 0

    def _advance(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.changed))

    def small_file(self, name: str, path: Path, unchanged: bool) -> str:
        """Sources, thesaurus or entities, validated here (they are small) unless unchanged: their JSON."""
        if unchanged:
            return str(self.connection.execute("SELECT payload FROM old.files WHERE path = ?", (name,)).fetchone()[0])
        content, problems = validate_file(self.root, name, path)
        self.problems.extend(problems)
        self._advance()
        return json.dumps(content, ensure_ascii=False)

    def copied_file(self, name: str) -> list[FactRow]:
        """An unchanged fact file: its rows straight from the previous cache."""
        start = self.next_position
        self.connection.execute(
            f"INSERT INTO facts (pos, {FACT_COLUMNS}) SELECT ? + row_number() OVER (ORDER BY pos) - 1, {FACT_COLUMNS} "
            "FROM old.facts WHERE file = ? ORDER BY pos",
            (start, name),
        )
        rows: list[FactRow] = self.connection.execute(
            "SELECT id, line, '', tokens, '', sources FROM old.facts WHERE file = ? ORDER BY pos", (name,)
        ).fetchall()
        self.next_position += len(rows)
        # The index keeps no text (contentless): the terms come back from the stored tokens
        terms = [(start + n, index_terms(fields_from_text(row[3]))) for n, row in enumerate(rows)]
        self.connection.executemany("INSERT INTO fts (rowid, terms) VALUES (?, ?)", terms)
        return rows

    def validated_file(self, name: str, outcome: FileOutcome) -> list[FactRow]:
        problems, rows = outcome
        self.problems.extend(problems)
        start = self.next_position
        self.next_position += len(rows)
        facts = [(start + n, name, *row[:4], *row[5:]) for n, row in enumerate(rows)]
        self.connection.executemany(self.INSERT, facts)
        # The index keeps no text of its own (contentless): it is given each fact's terms here
        terms = [(start + n, row[4]) for n, row in enumerate(rows)]
        self.connection.executemany("INSERT INTO fts (rowid, terms) VALUES (?, ?)", terms)
        self._advance()
        return rows


def validate_file(root: Path, name: str, path: Path) -> tuple[Any, list[Problem]]:
    """Parse and validate one changed file: its JSON-able content and its problems."""
    from vncoop.corpus import validate as validation  # pydantic and yaml: only when something changed

    if name == SOURCES_FILE:
        sources, _lines, problems = validation.validate_sources(root)
        return {"sources": sources}, problems
    if name == THESAURUS_FILE:
        groups, problems = validation.validate_thesaurus(root)
        return {"groups": groups}, problems
    if name == ENTITIES_FILE:
        entities, problems = validation.validate_entities(root)
        return {"entities": entities}, problems
    fact_file, problems = validation.validate_fact_file(path, root, _ENTITIES)
    return fact_file, problems


# The corpus's entities, in the process that validates fact files (each worker gets them once)
_ENTITIES: dict[str, Any] = {}


def _entities_are(entities: dict[str, Any]) -> None:
    _ENTITIES.clear()
    _ENTITIES.update(entities)


ArchiveKey = tuple[tuple[str, str], ...]  # (source id, archived text path) of every source
_ARCHIVES: dict[ArchiveKey, Any] = {}  # per process: each archive read once per build


@collector_paused
def _fact_file_job(job: tuple[str, str, str, ArchiveKey]) -> FileOutcome:
    """Validate one fact file and make its cache rows (in a worker process when many changed);
    its quotes are anchored in their archives (see :mod:`vncoop.corpus.anchors`)."""
    from vncoop.corpus.anchors import Archives
    from vncoop.index.tokens import fact_fields, fields_to_text

    root, name, path, archive_key = job
    fact_file, problems = validate_file(Path(root), name, Path(path))
    archives = _ARCHIVES.get(archive_key)
    if archives is None:
        _ARCHIVES.clear()
        archives = _ARCHIVES[archive_key] = Archives({sid: Path(text) for sid, text in archive_key})
    rows: list[FactRow] = []
    for fact in fact_file.facts:
        archives.anchor(fact)
        fields = fact_fields(fact)
        cited = " ".join(evidence["source"] for evidence in fact["evidence"])
        fact_json = dumps_indented(fact)  # as --json writes it: streamed unparsed
        rows.append(
            (
                fact["id"],
                fact_file.lines[fact["id"]],
                fact_json,
                fields_to_text(fields),
                index_terms(fields),
                cited,
                *listing_columns(fact),
            )
        )
    return problems, rows


def _validate_many(
    root: Path, jobs: list[tuple[str, Path]], archive_key: ArchiveKey, entities: dict[str, Any]
) -> Generator[FileOutcome, None, None]:
    """Outcomes of changed fact files, in order; on every core when there are enough to pay for it."""
    _ARCHIVES.clear()  # archives may have changed since the last build in this process
    _entities_are(entities)
    work = [(str(root), name, str(path), archive_key) for name, path in jobs]
    workers = min(usable_cores(), 8)
    pool = None
    try:  # the pool is shut down however this ends: a signal may land while jobs are submitted
        outcomes: Iterable[FileOutcome] = ()
        if workers > 1 and len(work) >= PARALLEL_MIN_FILES:
            from concurrent.futures import ProcessPoolExecutor

            try:
                pool = ProcessPoolExecutor(
                    max_workers=workers,
                    mp_context=_worker_context(),
                    initializer=_worker_started,
                    initargs=(os.getpid(), entities),
                )
                outcomes = pool.map(_fact_file_job, work, chunksize=1)
            except (OSError, RuntimeError, ImportError):
                pool = None  # no processes here (a sandbox, a frozen app): do it in this one
        if pool is None:
            outcomes = map(_fact_file_job, work)
            yield from outcomes
        else:
            with undone_if_terminated(_kill_workers):
                yield from outcomes
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _worker_context() -> Any:
    """Workers forked from this process where forking is safe, else spawned: either way this
    process is their parent, which each watches (see ``_worker_started``). Python 3.14 starts
    them from a fork server by default on Linux, whose children have the server as parent, so
    the start method is chosen here rather than left to the default. A program that embeds
    vncoop and runs threads gets spawned workers: a fork copies another thread's locks held."""
    import multiprocessing
    import threading

    if (
        sys.platform != "darwin"  # fork is unsafe with the system's libraries there
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def usable_cores() -> int:
    """The cores this process may run on (``taskset``, a cpuset, ``PYTHON_CPU_COUNT`` where
    Python reads it), not the machine's: more workers than that only take turns, each holding
    its share of the corpus in memory. CPU quotas (``docker --cpus``) are not seen."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counted is not None:
        return int(counted() or 1)
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def _kill_workers() -> None:
    import multiprocessing

    for child in multiprocessing.active_children():
        child.kill()


PARENT_CHECK_SECONDS = 0.25


def _worker_started(parent: int, entities: dict[str, Any]) -> None:
    """In each worker: leave signals to the main process (a Ctrl-C or SIGTERM to the whole group
    must not print a traceback per worker; the main process stops the pool), and exit as soon as
    the main process is gone, even killed with SIGKILL, instead of waiting for jobs for ever.
    The corpus's entities come with it, once per worker. A forked worker inherits the collector
    paused (the build runs with it paused), and each job pauses it only while it runs: turned
    on here, the garbage of one job is collected before the next, instead of never."""
    import gc

    gc.enable()
    _entities_are(entities)
    import signal
    import threading

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_IGN if name == "SIGINT" else signal.SIG_DFL)

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="vncoop-parent-watch", daemon=True).start()
