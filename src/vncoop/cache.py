"""A cache of the validated corpus: an SQLite file that a search reads without YAML or pydantic.

One file per corpus directory in ``$XDG_CACHE_HOME/vncoop`` (``~/.cache/vncoop``) holds:

- ``files``: each corpus file's size and modification time (and the sources and thesaurus);
- ``facts``: one row per fact, in corpus order: its JSON and its search tokens;
- ``fts``: an FTS5 index of each fact's terms (all of them, and again, marked, those of its title
  and keywords: its *lead*), and ``vocab``: each term's document frequency,
  which :mod:`vncoop.indexed` searches without loading the corpus.

It is keyed on the vncoop version and on each file's stamp: only changed files are parsed and
validated again (on every core when there are several); the rows of the others are copied from
the previous cache. A corpus with problems is never cached, so errors show on every run.

Writers build a complete new cache in a temporary file and move it into place atomically, so two
processes building at once cannot leave a half-written cache and readers never see one. A cache
that cannot be read is ignored with a warning and rebuilt; one that cannot be written is built
in memory for this run.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .corpus import SOURCES_FILE, THESAURUS_FILE, Corpus, discover_fact_files, display_path
from .errors import CorpusError, Problem
from .searchtext import LEAD_MARK, fields_from_text, index_terms

CACHE_FORMAT = "8"
PARALLEL_MIN_FILES = 4  # validating fewer changed files than this is quicker than starting workers
FTS_TOKENIZER = "unicode61 remove_diacritics 0 tokenchars '~.%^'"
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, payload TEXT);
CREATE TABLE facts (
    pos INTEGER PRIMARY KEY, file TEXT, id TEXT, line INTEGER, fact TEXT, tokens TEXT, sources TEXT
);
CREATE TABLE vocab (term TEXT PRIMARY KEY, df INTEGER) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    terms, content='', detail=none, tokenize="{FTS_TOKENIZER}"
);
"""
FACT_COLUMNS = "file, id, line, fact, tokens, sources"
Stamp = tuple[int, int]
Progress = Callable[[int, int], None]  # (files validated, files to validate)
FactRow = tuple[str, int, str, str, str, str]  # id, line, fact JSON, tokens, index terms, evidence sources
FileOutcome = tuple[list[Problem], list[FactRow]]


@dataclass
class OpenCache:
    """A read-only connection to an up-to-date cache, and what was worth a warning on the way."""

    connection: sqlite3.Connection
    root: Path
    warnings: list[str] = field(default_factory=list)

    def facts_count(self) -> int:
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'facts'").fetchone()
        return int(row[0])

    def payload(self, name: str, default: Any) -> Any:
        row = self.connection.execute("SELECT payload FROM files WHERE path = ?", (name,)).fetchone()
        return json.loads(row[0]) if row else default

    def base(self) -> Corpus:
        """The corpus without its facts: sources and thesaurus (what a search needs up front)."""
        sources = self.payload(SOURCES_FILE, {"sources": {}})["sources"]
        thesaurus = self.payload(THESAURUS_FILE, {"groups": []})["groups"]
        return Corpus(self.root, [], sources, thesaurus, warnings=list(self.warnings))

    def corpus(self) -> Corpus:
        """The whole corpus, read back in file order (tokens stay text until a search needs them)."""
        corpus = self.base()
        rows = self.connection.execute("SELECT file, id, line, fact, tokens FROM facts ORDER BY pos")
        loads = json.loads
        for file, fact_id, line, fact, tokens in rows:
            corpus.facts.append(loads(fact))
            corpus.locations[fact_id] = (file, line)
            corpus.tokens[fact_id] = tokens
        return corpus


def cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vncoop"


def cache_path(root: Path) -> Path:
    # zlib rather than hashlib: it imports in microseconds; the full path is also checked in meta.
    key = zlib.crc32(str(root.resolve()).encode("utf-8", "surrogatepass"))
    return cache_home() / f"corpus-{key:08x}.sqlite"


def _version_key() -> str:
    return f"{__version__}/{CACHE_FORMAT}"


def _stamps(root: Path) -> tuple[dict[str, Path], dict[str, Stamp]]:
    """Every corpus file (sources, thesaurus, then fact files in order) and its size and mtime."""
    inventory = {SOURCES_FILE: root / SOURCES_FILE}
    if (root / THESAURUS_FILE).exists():
        inventory[THESAURUS_FILE] = root / THESAURUS_FILE
    for path in discover_fact_files(root):
        inventory[display_path(path, root)] = path
    stamps: dict[str, Stamp] = {}
    for name, path in inventory.items():
        try:
            info = path.stat()
        except OSError as exc:
            raise CorpusError([Problem(name, None, None, None, f"cannot read: {exc.strerror or exc}")]) from None
        stamps[name] = (info.st_size, info.st_mtime_ns)
    return inventory, stamps


def _open_existing(location: Path, root: Path, warnings: list[str]) -> tuple[sqlite3.Connection, dict[str, Stamp]]:
    """A read-only connection to the cache of this version and root, and its stamps; else raises LookupError."""
    if not location.exists():
        raise LookupError(location)
    connection = sqlite3.connect(f"file:{location}?mode=ro", uri=True)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("version") != _version_key() or meta.get("root") != str(root.resolve()):
            raise LookupError(location)
        rows = connection.execute("SELECT path, size, mtime_ns FROM files").fetchall()
        return connection, {row[0]: (int(row[1]), int(row[2])) for row in rows}
    except sqlite3.Error as exc:
        connection.close()
        warnings.append(f"ignoring unreadable cache {location} ({exc}); rebuilding it")
        raise LookupError(location) from None
    except LookupError:
        connection.close()
        raise


def open_cache(root: Path, progress: Progress | None = None) -> OpenCache:
    """An up-to-date cache of the corpus at ``root``, rebuilt for what changed; raises CorpusError."""
    inventory, stamps = _stamps(root)
    warnings: list[str] = []
    location = cache_path(root)
    try:
        previous, old_stamps = _open_existing(location, root, warnings)
    except LookupError:
        previous, old_stamps = None, {}
    if previous is not None:
        if old_stamps == stamps:
            return OpenCache(previous, root, warnings)
        previous.close()
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        handle, temp_name = tempfile.mkstemp(prefix=".corpus-", suffix=".tmp", dir=location.parent)
        os.close(handle)
    except OSError as exc:
        warnings.append(f"could not write cache {location} ({exc.strerror or exc}); using one in memory")
        connection = sqlite3.connect(":memory:")
        _build(connection, root, inventory, stamps, {}, None, progress)
        return OpenCache(connection, root, warnings)
    try:
        connection = sqlite3.connect(temp_name)
        # No journal, no fsync: a half-written temporary file is never used (it is renamed into
        # place only when complete), and a cache lost to a crash is merely rebuilt.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        try:
            old = str(location) if previous is not None else None
            _build(connection, root, inventory, stamps, old_stamps, old, progress)
        finally:
            connection.close()
        os.replace(temp_name, location)
        return OpenCache(sqlite3.connect(f"file:{location}?mode=ro", uri=True), root, warnings)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def _build(
    connection: sqlite3.Connection,
    root: Path,
    inventory: dict[str, Path],
    stamps: dict[str, Stamp],
    old_stamps: dict[str, Stamp],
    old: str | None,
    progress: Progress | None,
) -> None:
    """Fill an empty database with the corpus; raise CorpusError (and commit nothing) on problems.

    The cyclic garbage collector is paused meanwhile: a build allocates millions of objects
    that live on (ids seen, rows in flight), which it would rescan again and again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        _fill(connection, root, inventory, stamps, old_stamps, old, progress)
    finally:
        if collecting:
            gc.enable()


def _fill(
    connection: sqlite3.Connection,
    root: Path,
    inventory: dict[str, Path],
    stamps: dict[str, Stamp],
    old_stamps: dict[str, Stamp],
    old: str | None,
    progress: Progress | None,
) -> None:
    connection.executescript(SCHEMA)
    if old is not None:
        connection.execute("ATTACH DATABASE ? AS old", (old,))
    unchanged = {name for name, stamp in stamps.items() if old is not None and old_stamps.get(name) == stamp}
    builder = _Builder(connection, root, [name for name in inventory if name not in unchanged], progress)
    payloads = {
        name: builder.small_file(name, inventory[name], name in unchanged)
        for name in (SOURCES_FILE, THESAURUS_FILE)
        if name in inventory
    }
    sources = set(json.loads(payloads[SOURCES_FILE])["sources"])
    fact_names = [name for name in inventory if name not in payloads]
    outcomes = _validate_many(root, [(name, inventory[name]) for name in fact_names if name not in unchanged])
    try:
        for name in fact_names:
            rows = builder.copied_file(name) if name in unchanged else builder.validated_file(name, next(outcomes))
            _cross_check(name, rows, sources, builder.seen, builder.cross)
    finally:
        outcomes.close()  # stops the workers if anything went wrong
    problems = builder.problems + builder.cross
    if not problems and not builder.seen:
        problems.append(Problem(str(root), None, None, None, "the corpus has no facts"))
    if problems:
        connection.rollback()
        raise CorpusError(problems)
    # Each term's document frequency, as the index counts it (its tokenizer splits terms as search did)
    connection.execute("CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab(main, fts, 'row')")
    connection.execute(
        "INSERT INTO vocab SELECT term, doc FROM temp.fts_terms WHERE substr(term, 1, 1) != ?", (LEAD_MARK,)
    )
    connection.execute("DROP TABLE temp.fts_terms")
    files = [(name, *stamps[name], payloads.get(name)) for name in inventory]
    connection.executemany("INSERT INTO files VALUES (?, ?, ?, ?)", files)
    meta = {"version": _version_key(), "root": str(root.resolve()), "facts": str(len(builder.seen))}
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()
    if old is not None:
        connection.execute("DETACH DATABASE old")


class _Builder:
    """What a build accumulates file by file: problems, ids seen, progress."""

    INSERT = f"INSERT INTO facts (pos, {FACT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"

    def __init__(self, connection: sqlite3.Connection, root: Path, changed: list[str], progress: Progress | None):
        self.connection = connection
        self.root = root
        self.changed = changed
        self.progress = progress
        self.done = 0
        self.problems: list[Problem] = []
        self.cross: list[Problem] = []
        self.seen: dict[str, tuple[str, int]] = {}
        self.next_position = 0

    def _advance(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, len(self.changed))

    def small_file(self, name: str, path: Path, unchanged: bool) -> str:
        """Sources or thesaurus, validated here (they are small) unless unchanged: their JSON."""
        if unchanged:
            return str(self.connection.execute("SELECT payload FROM old.files WHERE path = ?", (name,)).fetchone()[0])
        content, problems = _validate(self.root, name, path)
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
        facts = [
            (start + n, name, fact_id, line, fact, tokens, cited)
            for n, (fact_id, line, fact, tokens, _, cited) in enumerate(rows)
        ]
        self.connection.executemany(self.INSERT, facts)
        # The index keeps no text of its own (contentless): it is given each fact's terms here
        terms = [(start + n, row[4]) for n, row in enumerate(rows)]
        self.connection.executemany("INSERT INTO fts (rowid, terms) VALUES (?, ?)", terms)
        self._advance()
        return rows


def _cross_check(
    name: str, rows: Iterable[FactRow], sources: set[str], seen: dict[str, tuple[str, int]], out: list[Problem]
) -> None:
    """What spans files: ids unique across the corpus, evidence citing known sources."""
    for fact_id, line, _fact, _tokens, _terms, cited in rows:
        if fact_id in seen:
            first_file, first_line = seen[fact_id]
            message = f"duplicate id (also at {first_file}:{first_line})"
            out.append(Problem(name, line, fact_id, "id", message))
            continue
        seen[fact_id] = (name, line)
        if not sources:
            continue  # sources.yaml itself is broken: that problem says enough
        for index, source in enumerate(cited.split(" ")):
            if source not in sources:
                out.append(Problem(name, line, fact_id, f"evidence.{index}.source", f"unknown source {source!r}"))


def _validate(root: Path, name: str, path: Path) -> tuple[Any, list[Problem]]:
    """Parse and validate one changed file: its JSON-able content and its problems."""
    from . import validation  # pydantic and yaml: only when something changed

    if name == SOURCES_FILE:
        sources, _lines, problems = validation.validate_sources(root)
        return {"sources": sources}, problems
    if name == THESAURUS_FILE:
        groups, problems = validation.validate_thesaurus(root)
        return {"groups": groups}, problems
    fact_file, problems = validation.validate_fact_file(path, root)
    return fact_file, problems


def _fact_file_job(job: tuple[str, str, str]) -> FileOutcome:
    """Validate one fact file and make its cache rows (in a worker process when many changed)."""
    from .searchtext import fact_fields, fields_to_text

    gc.disable()  # millions of small objects that all live on: nothing for the collector to find
    try:
        root, name, path = job
        fact_file, problems = _validate(Path(root), name, Path(path))
        rows: list[FactRow] = []
        dumps = json.dumps
        for fact in fact_file.facts:
            fields = fact_fields(fact)
            cited = " ".join(evidence["source"] for evidence in fact["evidence"])
            fact_json = dumps(fact, ensure_ascii=False)
            rows.append(
                (
                    fact["id"],
                    fact_file.lines[fact["id"]],
                    fact_json,
                    fields_to_text(fields),
                    index_terms(fields),
                    cited,
                )
            )
        return problems, rows
    finally:
        gc.enable()


def _validate_many(root: Path, jobs: list[tuple[str, Path]]) -> Generator[FileOutcome, None, None]:
    """Outcomes of changed fact files, in order; on every core when there are enough to pay for it."""
    work = [(str(root), name, str(path)) for name, path in jobs]
    workers = min(os.cpu_count() or 1, 8)
    pool = None
    outcomes: Iterable[FileOutcome] = ()
    if workers > 1 and len(work) >= PARALLEL_MIN_FILES:
        from concurrent.futures import ProcessPoolExecutor

        try:
            pool = ProcessPoolExecutor(max_workers=workers)
            outcomes = pool.map(_fact_file_job, work, chunksize=1)
        except (OSError, RuntimeError, ImportError):
            pool = None  # no processes here (a sandbox, a frozen app): do it in this one
    if pool is None:
        outcomes = map(_fact_file_job, work)
    try:
        yield from outcomes
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def load_with_cache(root: Path, progress: Progress | None = None) -> Corpus:
    return open_cache(root, progress).corpus()
