"""A cache of the validated corpus, so an unchanged corpus loads without YAML or pydantic.

One SQLite file per corpus directory in ``$XDG_CACHE_HOME/vncoop`` (``~/.cache/vncoop``), one row
per corpus file holding its validated content as JSON, keyed on the file's size and modification
time and on the vncoop version. Only changed files are parsed and validated again; files with
problems are never cached, so errors are reported on every run.

Writers build a complete new cache in a temporary file and move it into place atomically, so two
processes building at once cannot leave a half-written cache and readers never see one. A cache
that cannot be read is ignored with a warning and rebuilt.
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .corpus import (
    SOURCES_FILE,
    THESAURUS_FILE,
    Corpus,
    FactFile,
    assemble,
    discover_fact_files,
    display_path,
    no_facts_problem,
)
from .errors import CorpusError, Problem

if TYPE_CHECKING:
    from .indexed import IndexedSearch

CACHE_FORMAT = "3"
PARALLEL_MIN_FILES = 4  # validating fewer changed files than this is quicker than starting workers
Stamp = tuple[int, int]
Progress = Callable[[int, int], None]  # (files validated, files to validate)


def cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vncoop"


def cache_path(root: Path) -> Path:
    # zlib rather than hashlib: it imports in microseconds; the full path is also checked in meta.
    key = zlib.crc32(str(root.resolve()).encode("utf-8", "surrogatepass"))
    return cache_home() / f"corpus-{key:08x}.sqlite"


def _version_key() -> str:
    return f"{__version__}/{CACHE_FORMAT}"


def _inventory(root: Path) -> dict[str, Path]:
    files = {SOURCES_FILE: root / SOURCES_FILE}
    if (root / THESAURUS_FILE).exists():
        files[THESAURUS_FILE] = root / THESAURUS_FILE
    for path in discover_fact_files(root):
        files[display_path(path, root)] = path
    return files


def _read_cache(path: Path, root: Path) -> dict[str, tuple[Stamp, str]]:
    """Rows of a usable cache; {} when there is none or it belongs to another version."""
    if not path.exists():
        return {}
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("version") != _version_key() or meta.get("root") != str(root.resolve()):
            return {}
        rows = connection.execute("SELECT path, size, mtime_ns, payload FROM files").fetchall()
    finally:
        connection.close()
    return {row[0]: ((int(row[1]), int(row[2])), str(row[3])) for row in rows}


def _write_cache(path: Path, root: Path, rows: dict[str, tuple[Stamp, str]], corpus: Corpus) -> None:
    import tempfile

    from .indexed import write_index_tables

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".corpus-", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temp_name)
        try:
            connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            connection.execute(
                "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, payload TEXT)"
            )
            connection.execute("INSERT INTO meta VALUES ('version', ?)", (_version_key(),))
            connection.execute("INSERT INTO meta VALUES ('root', ?)", (str(root.resolve()),))
            connection.executemany(
                "INSERT INTO files VALUES (?, ?, ?, ?)",
                [(name, stamp[0], stamp[1], payload) for name, (stamp, payload) in rows.items()],
            )
            write_index_tables(connection, corpus)
            connection.commit()
        finally:
            connection.close()
        os.replace(temp_name, path)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def _validate(root: Path, name: str, path: Path) -> tuple[Any, list[Problem]]:
    """Parse and validate one changed file; returns its JSON-able content and its problems."""
    from . import validation  # pydantic and yaml: only when something changed

    if name == SOURCES_FILE:
        sources, _lines, problems = validation.validate_sources(root)
        return {"sources": sources}, problems
    if name == THESAURUS_FILE:
        groups, problems = validation.validate_thesaurus(root)
        return {"groups": groups}, problems
    from .searchtext import fact_fields, fields_to_json

    fact_file, problems = validation.validate_fact_file(path, root)
    tokens = {fact["id"]: fields_to_json(fact_fields(fact)) for fact in fact_file.facts}
    return {"facts": fact_file.facts, "lines": fact_file.lines, "tokens": tokens}, problems


def _cached_entry(
    name: str, stamp: Stamp, cached: dict[str, tuple[Stamp, str]], warnings: list[str], location: Path
) -> Any | None:
    """A file's content from the cache when its stamp matches, else None."""
    row = cached.get(name)
    if row is None or row[0] != stamp:
        return None
    try:
        return json.loads(row[1])
    except ValueError:
        warnings.append(f"ignoring a corrupt entry for {name} in cache {location}")
        return None


def _validate_job(job: tuple[str, str, str]) -> tuple[Any, list[Problem], str]:
    """Validate one file (in a worker process when many changed): content, problems, cache text."""
    gc.disable()
    root, name, path = job
    content, problems = _validate(Path(root), name, Path(path))
    return content, problems, "" if problems else json.dumps(content, ensure_ascii=False)


def _validate_many(
    root: Path, jobs: list[tuple[str, Path]], progress: Progress | None = None
) -> list[tuple[Any, list[Problem], str]]:
    """Validate changed files, on every core when there are enough of them to pay for it."""
    work = [(str(root), name, str(path)) for name, path in jobs]
    results: list[tuple[Any, list[Problem], str]] = []

    def collect(outcomes: Iterable[tuple[Any, list[Problem], str]]) -> list[tuple[Any, list[Problem], str]]:
        for outcome in outcomes:
            results.append(outcome)
            if progress is not None:
                progress(len(results), len(work))
        return results

    workers = min(os.cpu_count() or 1, 8)
    if workers > 1 and len(work) >= PARALLEL_MIN_FILES:
        from concurrent.futures import ProcessPoolExecutor

        try:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                return collect(pool.map(_validate_job, work, chunksize=1))
        except (OSError, RuntimeError, ImportError):
            results.clear()  # no processes here (a sandbox, a frozen app): do it in this one
    return collect(_validate_job(job) for job in work)


def _stamps(root: Path) -> tuple[dict[str, Path], dict[str, Stamp]]:
    inventory = _inventory(root)
    stamps: dict[str, Stamp] = {}
    for name, path in inventory.items():
        try:
            info = path.stat()
        except OSError as exc:
            raise CorpusError([Problem(name, None, None, None, f"cannot read: {exc.strerror or exc}")]) from None
        stamps[name] = (info.st_size, info.st_mtime_ns)
    return inventory, stamps


def open_indexed(root: Path) -> IndexedSearch | None:
    """A search over the cache's index when it is fresh and the corpus large; else None."""
    from .indexed import IndexedSearch, index_threshold

    location = cache_path(root)
    if os.environ.get("VNCOOP_NO_CACHE") or not location.exists():
        return None
    try:
        _inventory_, stamps = _stamps(root)
        connection = sqlite3.connect(f"file:{location}?mode=ro", uri=True)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        size = int(meta.get("facts", 0))
        fresh = meta.get("version") == _version_key() and meta.get("root") == str(root.resolve())
        if not fresh or size < index_threshold():
            connection.close()
            return None
        rows = connection.execute("SELECT path, size, mtime_ns FROM files").fetchall()
        if {row[0]: (int(row[1]), int(row[2])) for row in rows} != stamps:
            connection.close()
            return None
        small = connection.execute(
            "SELECT path, payload FROM files WHERE path IN (?, ?)", (SOURCES_FILE, THESAURUS_FILE)
        ).fetchall()
        payloads = dict(small)
        sources = json.loads(payloads[SOURCES_FILE])["sources"]
        thesaurus = json.loads(payloads.get(THESAURUS_FILE, '{"groups": []}'))["groups"]
    except (CorpusError, sqlite3.Error, ValueError, KeyError, OSError):
        return None
    return IndexedSearch(connection, Corpus(root, [], sources, thesaurus), size)


def load_with_cache(root: Path, progress: Progress | None = None) -> Corpus:
    inventory, stamps = _stamps(root)

    warnings: list[str] = []
    location = cache_path(root)
    try:
        cached = _read_cache(location, root)
    except (sqlite3.Error, ValueError, OSError) as exc:
        warnings.append(f"ignoring unreadable cache {location} ({exc}); rebuilding it")
        cached = {}

    contents: dict[str, Any] = {}
    payloads: dict[str, tuple[Stamp, str]] = {}
    problems: list[Problem] = []
    # Loading builds millions of small objects that all live on: the cyclic garbage collector
    # would rescan them again and again for nothing (2-3x slower on large corpora).
    collecting = gc.isenabled()
    gc.disable()
    try:
        changed: list[tuple[str, Path]] = []
        for name, stamp in stamps.items():
            content = _cached_entry(name, stamp, cached, warnings, location)
            if content is None:
                changed.append((name, inventory[name]))
            else:
                contents[name] = content
                payloads[name] = cached[name]
        for (name, _path), (content, file_problems, text) in zip(
            changed, _validate_many(root, changed, progress), strict=True
        ):
            contents[name] = content
            problems.extend(file_problems)
            if not file_problems:
                payloads[name] = (stamps[name], text)
    finally:
        if collecting:
            gc.enable()

    sources = contents[SOURCES_FILE]["sources"]
    thesaurus = contents.get(THESAURUS_FILE, {"groups": []})["groups"]
    fact_files = [
        FactFile(name, contents[name]["facts"], contents[name]["lines"])
        for name in inventory
        if name not in (SOURCES_FILE, THESAURUS_FILE)
    ]
    corpus, cross_problems = assemble(root, sources, thesaurus, fact_files)
    for name in inventory:
        corpus.tokens.update(contents[name].get("tokens", {}))
    problems.extend(cross_problems)
    problems = problems or no_facts_problem(corpus)
    if problems:
        raise CorpusError(problems)
    if set(payloads) != set(cached) or any(cached.get(k) != v for k, v in payloads.items()):
        try:
            _write_cache(location, root, payloads, corpus)
        except (OSError, sqlite3.Error) as exc:
            warnings.append(f"could not write cache {location} ({exc})")
    corpus.warnings.extend(warnings)
    return corpus
