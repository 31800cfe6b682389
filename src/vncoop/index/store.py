"""A cache of the validated corpus: an SQLite file that a search reads without YAML or pydantic.

One file per corpus directory in ``$XDG_CACHE_HOME/vncoop`` (``~/.cache/vncoop``) holds:

- ``files``: each corpus file's stamp (size, modification time, inode, change time) and the
  parsed sources and thesaurus; the archived texts are stamped too (the quotes anchored in them
  are anchored again when one changes);
- ``facts``: one row per fact, in corpus order: its JSON and its search tokens;
- ``fts``: an FTS5 index of each fact's terms (all of them, and again, marked, those of its
  title: its *lead*), and ``vocab``: each term's document frequency,
  which :mod:`vncoop.search.indexed` searches without loading the corpus.

It is keyed on the vncoop version and on each file's stamp: only changed files are parsed and
validated again (on every core when there are several); the rows of the others are copied from
the previous cache. A corpus with problems is never cached, so errors show on every run.

Writers build a complete new cache in a temporary file and move it into place atomically, so two
processes building at once cannot leave a half-written cache and readers never see one. A cache
that cannot be read is ignored with a warning and rebuilt; one that cannot be written is built
in memory for this run.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

from vncoop.corpus.layout import ENTITIES_FILE, SOURCES_FILE, THESAURUS_FILE, discover_fact_files, display_path
from vncoop.domain.filters import FactFilter
from vncoop.domain.records import Corpus, FactDict, SlotRecord
from vncoop.errors import CorpusError, Problem, undone_if_terminated
from vncoop.index.common import (
    ARCHIVE_PREFIX,
    RACY_WINDOW_NS,
    Progress,
    Stamp,
    archive_stamp,
    cache_directory,
    collector_paused,
    stamp_from_text,
    version_key,
)
from vncoop.index.listing import RANKS, counts, where
from vncoop.index.thesaurus import ThesaurusIndex, loads

T = TypeVar("T")


class OpenCache(SlotRecord):
    """A read-only connection to an up-to-date cache, and what was worth a warning on the way."""

    __slots__ = ("connection", "root", "warnings", "_payloads")

    def __init__(self, connection: sqlite3.Connection, root: Path, warnings: list[str] | None = None) -> None:
        self.connection, self.root = connection, root
        self.warnings = [] if warnings is None else warnings
        self._payloads: dict[str, Any] = {}  # read once: a search asks twice

    def facts_count(self) -> int:
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'facts'").fetchone()
        return int(row[0])

    def payload(self, name: str, default: Any) -> Any:
        """The parsed sources or thesaurus (read-only: shared by every caller of this cache)."""
        if name not in self._payloads:
            row = self.connection.execute("SELECT payload FROM files WHERE path = ?", (name,)).fetchone()
            self._payloads[name] = json.loads(row[0]) if row else None
        found = self._payloads[name]
        return default if found is None else found

    def thesaurus_index(self) -> ThesaurusIndex | None:
        """The thesaurus as search looks it up, kept when the cache was built."""
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'thesaurus'").fetchone()
        return loads(row[0]) if row else None

    def sources(self) -> dict[str, Any]:
        """The source documents by id (read-only, like every payload)."""
        return cast("dict[str, Any]", self.payload(SOURCES_FILE, {"sources": {}})["sources"])

    def thesaurus(self) -> list[list[str]]:
        return cast("list[list[str]]", self.payload(THESAURUS_FILE, {"groups": []})["groups"])

    def base(self, entities: bool = True) -> Corpus:
        """The corpus without its facts: sources, thesaurus and, unless ``entities`` is False, the
        entity registry, which in a large corpus costs more to read than the rest of a search."""
        registry = self.payload(ENTITIES_FILE, {"entities": {}})["entities"] if entities else {}
        return Corpus(self.root, [], self.sources(), self.thesaurus(), warnings=list(self.warnings), entities=registry)

    def fact(self, fact_id: str) -> FactDict | None:
        """One fact by id, without reading the others."""
        if not _utf8(fact_id):  # no id is (validation makes them kebab-case ASCII)
            return None
        row = self.connection.execute("SELECT fact FROM facts WHERE id = ?", (fact_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def fact_texts(self, chosen: FactFilter, order: str, limit: int | None = None) -> Iterator[tuple[str, int | None]]:
        """The stored JSON (as ``--json`` writes a fact) and year of each fact the filter keeps,
        in ``order`` (``newest`` or ``oldest``, see :mod:`vncoop.index.listing`), one row at a
        time: nothing is parsed, and memory does not grow with the corpus."""
        clause, params = where(chosen)
        sql = f"SELECT fact, year FROM facts{clause} ORDER BY {RANKS[order]} LIMIT ?"  # noqa: S608 - fixed names
        yield from self.connection.execute(sql, [*params, -1 if limit is None else limit])

    def counts(self, chosen: FactFilter) -> dict[str, Any]:
        """``stats`` of the facts the filter keeps, counted by SQL."""
        return counts(self.connection, chosen)

    @collector_paused
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
    return Path(cache_directory())


def cache_path(root: Path) -> Path:
    # zlib rather than hashlib: it imports in microseconds; the full path is also checked in meta.
    key = zlib.crc32(str(root.resolve()).encode("utf-8", "surrogatepass"))
    return cache_home() / f"corpus-{key:08x}.sqlite"


def _stamps(root: Path) -> tuple[dict[str, Path], dict[str, Stamp]]:
    """Every corpus file (sources, thesaurus, entities, then fact files in order) and its stamp."""
    inventory = {SOURCES_FILE: root / SOURCES_FILE}
    for optional in (THESAURUS_FILE, ENTITIES_FILE):
        if (root / optional).exists():
            inventory[optional] = root / optional
    for path in discover_fact_files(root):
        inventory[display_path(path, root)] = path
    stamps: dict[str, Stamp] = {}
    for name, path in inventory.items():
        try:
            info = path.stat()
        except OSError as exc:
            raise CorpusError([Problem(name, None, None, None, f"cannot read: {exc.strerror or exc}")]) from None
        stamps[name] = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)
    return inventory, stamps


def _open_existing(location: Path, root: Path, warnings: list[str]) -> tuple[sqlite3.Connection, dict[str, Stamp], int]:
    """A read-only connection to the cache of this version and root, its stamps and when they
    were taken; else raises LookupError."""
    if not location.exists():
        raise LookupError(location)
    try:  # a cache this user cannot read (made by ``sudo -E vncoop``) fails here, not at connect
        connection = sqlite3.connect(f"file:{location}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        warnings.append(f"ignoring unreadable cache {location} ({exc}); rebuilding it")
        raise LookupError(location) from None
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("version") != version_key() or meta.get("root") != str(root.resolve()):
            raise LookupError(location)
        rows = connection.execute("SELECT path, stamp FROM files").fetchall()
        return connection, {path: stamp_from_text(stamp) for path, stamp in rows}, int(meta["stamped_at"])
    except (sqlite3.Error, ValueError, KeyError) as exc:
        connection.close()
        warnings.append(f"ignoring unreadable cache {location} ({exc}); rebuilding it")
        raise LookupError(location) from None
    except LookupError:
        connection.close()
        raise


STALE_AFTER_SECONDS = 3600  # a build takes seconds; a temporary file this old was left by a killed run


def _sweep_stale_temporaries(folder: Path) -> None:
    """Remove temporary caches that a run killed mid-build (SIGKILL, a power cut) left behind."""
    now = time.time()
    try:
        for entry in os.scandir(folder):
            if entry.name.startswith(".corpus-") and entry.name.endswith(".tmp"):
                try:
                    if now - entry.stat().st_mtime > STALE_AFTER_SECONDS:
                        os.unlink(entry.path)
                except OSError:
                    pass  # another run's, or already gone
    except OSError:
        pass


class NotCacheable(Exception):
    """A corpus the cache cannot hold (file names that are not UTF-8), or no home folder to keep
    a cache in: read it without the cache."""


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def open_cache(root: Path, progress: Progress | None = None) -> OpenCache:
    """An up-to-date cache of the corpus at ``root``, rebuilt for what changed; raises CorpusError,
    or NotCacheable for a corpus whose file names SQLite cannot store."""
    stamped_at = time.time_ns()  # before the stat calls: a file changed during them is racy
    inventory, stamps = _stamps(root)
    odd = next((name for name in [str(root), *inventory] if not _utf8(name)), None)
    if odd is not None:
        shown = odd.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise NotCacheable(f"a file name that is not UTF-8 ({shown!r}): the corpus is read without the cache")
    warnings: list[str] = []
    try:
        location = cache_path(root)
    except OSError as exc:
        raise NotCacheable(f"{exc.strerror}: the corpus is read without the cache") from None
    try:
        previous, old_stamps, old_stamped_at = _open_existing(location, root, warnings)
    except LookupError:
        previous, old_stamps, old_stamped_at = None, {}, 0
    for name in old_stamps:  # the archives the last build anchored quotes in (named by sources.yaml)
        if name.startswith(ARCHIVE_PREFIX):
            stamps[name] = archive_stamp(root, name) or (-1, -1, -1, -1)
    if previous is not None:
        racy = {
            name for name, stamp in old_stamps.items() if abs(stamp[1] - old_stamped_at) <= RACY_WINDOW_NS
        }  # a file dated in the future is not racy: its ctime still tells an edit
        if old_stamps == stamps and not racy:
            return OpenCache(previous, root, warnings)
        previous.close()
        old_stamps = {name: stamp for name, stamp in old_stamps.items() if name not in racy}
    from vncoop.index.build import build  # pydantic, yaml and worker processes: only when something changed

    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        _sweep_stale_temporaries(location.parent)
        import tempfile

        handle, temp_name = tempfile.mkstemp(prefix=".corpus-", suffix=".tmp", dir=location.parent)
        os.close(handle)
    except OSError as exc:
        return _in_memory(root, inventory, stamps, progress, warnings, f"{location} ({exc.strerror or exc})")
    try:
        connection = sqlite3.connect(temp_name)
        # No journal, no fsync: a half-written temporary file is never used (it is renamed into
        # place only when complete), and a cache lost to a crash is merely rebuilt.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        try:
            old = str(location) if previous is not None else None
            with undone_if_terminated(lambda: os.unlink(temp_name)):
                build(connection, root, inventory, stamps, old_stamps, old, progress, stamped_at)
        finally:
            connection.close()
        os.replace(temp_name, location)
        _remove_sidecars(location)
        return OpenCache(sqlite3.connect(f"file:{location}?mode=ro", uri=True), root, warnings)
    except (OSError, sqlite3.Error) as exc:  # a full disk, a vanished folder: the run goes on
        problem = f"{location} ({exc})"
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return _in_memory(root, inventory, stamps, progress, warnings, problem)


def _in_memory(
    root: Path,
    inventory: dict[str, Path],
    stamps: dict[str, Stamp],
    progress: Progress | None,
    warnings: list[str],
    problem: str,
) -> OpenCache:
    """A cache built in memory for this run, when the cache file cannot be written."""
    from vncoop.index.build import build

    warnings.append(f"could not write cache {problem}; using one in memory")
    connection = sqlite3.connect(":memory:")
    build(connection, root, inventory, stamps, {}, None, progress)
    return OpenCache(connection, root, warnings)


def _remove_sidecars(location: Path) -> None:
    """Remove journal files beside the cache. vncoop writes none (its caches are built without a
    journal and moved into place whole), so one there is stray: left by another tool, or a copy.
    SQLite would roll it into the new cache, or refuse to open it read-only ("hot journal")."""
    for suffix in ("-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{location}{suffix}")
        except OSError:
            pass  # none there (the usual case), or not ours to remove


def discard_cache(root: Path) -> None:
    """Remove the cache of ``root`` (found damaged in use): the next open rebuilds it."""
    try:
        location = cache_path(root)
    except OSError:  # no home folder: no cache to discard
        return
    try:
        location.unlink()
    except OSError:
        pass
    _remove_sidecars(location)


def with_a_sound_cache(root: Path, use: Callable[[], T], warnings: list[str]) -> T:
    """``use()``, and once more after a rebuild if the cache turns out damaged inside its pages
    (a check of every page on each run would cost more than most searches)."""
    try:
        return use()
    except sqlite3.DatabaseError as exc:
        warnings.append(f"the cache was damaged ({exc}); rebuilt it")
        discard_cache(root)
        return use()


def load_with_cache(root: Path, progress: Progress | None = None) -> Corpus:
    warnings: list[str] = []
    corpus = with_a_sound_cache(root, lambda: open_cache(root, progress).corpus(), warnings)
    corpus.warnings.extend(warnings)
    return corpus
