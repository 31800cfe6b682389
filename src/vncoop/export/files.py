"""Export the corpus to a file chosen by its extension: SQLite (for Datasette), JSON, JSON Lines, CSV.

Every file is written to a temporary file in the target's directory and moved into place with
``os.replace``, so a reader never sees half a file and a failed export leaves nothing behind.
Nothing here prints: the CLI reports what :func:`export_corpus` returns.
"""

from __future__ import annotations

import io
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from vncoop.domain.dates import newest_first
from vncoop.domain.records import Corpus, FactDict
from vncoop.errors import OutputError, UsageError
from vncoop.export.sqlite import METADATA_FILE, datasette_metadata, write_sqlite
from vncoop.output.formats import OutputFormat, render, stream_facts
from vncoop.output.view import View, dumps_json
from vncoop.text.i18n import tr
from vncoop.text.suggest import suggest

__all__ = ["OutputError", "export_corpus", "export_format", "export_stored"]


@dataclass
class ExportResult:
    path: Path | None  # None: written to stdout
    format: str
    facts: int
    extra_files: list[Path] = field(default_factory=list)  # written beside the main file
    text: str = ""  # what goes to stdout when ``path`` is None


# The formats a file can be written in: SQLite, or any text format of ``--format`` (through the
# same renderers, so an exported CSV has exactly the columns of ``vncoop list --format csv``).
TEXT_FORMATS = ("json", "jsonl", "csv", "tsv", "markdown", "yaml")
FORMATS = ("sqlite", *TEXT_FORMATS)
BY_SUFFIX = {
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def export_format(path: Path | None, asked: str | None = None) -> str:
    """The format to write: ``asked`` (``--format``) if given, else ``path``'s extension; json for
    stdout (``path`` None). An unknown format, or SQLite to stdout, is a usage error."""
    if asked is not None:
        chosen = asked.strip().lower()
        if chosen not in FORMATS:
            raise UsageError(
                tr("unknown export format {format}{hint} (valid: {choices})",
                   format=repr(asked), hint=suggest(chosen, FORMATS), choices=", ".join(FORMATS))
            )  # fmt: skip
    elif path is None:
        chosen = "json"
    else:
        found = BY_SUFFIX.get(path.suffix.lower())
        if found is None:
            shown = f"extension {path.suffix!r}" if path.suffix else "no extension"
            raise UsageError(
                f"cannot export to {str(path)!r} ({shown}); use one of: {', '.join(BY_SUFFIX)}, or --format"
            )
        chosen = found
    if path is None and chosen == "sqlite":
        raise UsageError(tr("SQLite cannot be written to stdout; give a file name"))
    return chosen


def export_text(facts: list[FactDict], fmt: str) -> str:
    buffer = io.StringIO()
    render(View(facts), OutputFormat(fmt), buffer, None)
    return buffer.getvalue()


def export_corpus(corpus: Corpus, path: Path | None, fmt: str, force: bool = False) -> ExportResult:
    """Every fact of ``corpus`` (newest first, as ``vncoop list`` orders them) in ``fmt``: written
    to ``path``, or returned as ``text`` when ``path`` is None (stdout: the CLI writes it)."""
    facts = newest_first(corpus.facts)
    if path is None:
        return ExportResult(None, fmt, len(facts), text=export_text(facts, fmt))
    targets = _writable_targets(path, fmt, force)
    if fmt == "sqlite":
        import sqlite3

        with _atomic(path) as tmp:
            try:
                write_sqlite(corpus, facts, tmp)
            except sqlite3.Error as exc:  # a full disk or quota reaches SQLite first
                raise OutputError(tr("cannot write {path}: {error}", path=repr(str(path)), error=exc)) from None
        metadata = dumps_json(datasette_metadata(corpus, path.stem)) + "\n"
        with _atomic(targets[1]) as tmp:
            tmp.write_text(metadata, encoding="utf-8")
        return ExportResult(path, fmt, len(facts), [targets[1]])
    text = export_text(facts, fmt)
    with _atomic(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        out.write(text)
    return ExportResult(path, fmt, len(facts))


def _writable_targets(path: Path, fmt: str, force: bool) -> list[Path]:
    """The files an export writes (SQLite adds its Datasette metadata), refused before any work
    when one is a directory, exists without --force, or has no directory to go in."""
    targets = [path]
    if fmt == "sqlite":
        targets.append(path.parent / METADATA_FILE)
    for target in targets:
        if target.is_dir():
            raise OutputError(tr("{path} is a directory", path=repr(str(target))))
        if os.path.lexists(target) and not force:  # a dangling symlink is there too
            raise OutputError(tr("{path} already exists; use --force to replace it", path=repr(str(target))))
    if not path.parent.is_dir():
        raise OutputError(tr("no such directory: {path}", path=repr(str(path.parent))))
    return targets


def export_stored(texts: Iterable[str], path: Path, fmt: str, force: bool = False) -> ExportResult:
    """JSON or JSON Lines of the cache's stored facts (newest first), streamed into ``path``
    without parsing them: the same bytes ``export_corpus`` writes, in flat memory."""
    _writable_targets(path, fmt, force)
    with _atomic(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
        count = stream_facts(texts, OutputFormat(fmt), out)
    return ExportResult(path, fmt, count)


@contextmanager
def _atomic(target: Path) -> Iterator[Path]:
    """A fresh temporary path beside ``target``, moved onto it when the block succeeds. A file it
    replaces keeps its permissions (``--force`` onto a 0600 file leaves a 0600 file), as a plain
    overwrite would; a new file gets 0666 less the umask, as open() gives."""
    tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        try:
            os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
        except FileNotFoundError:
            pass  # a new file, or a dangling symlink (replaced by the file itself)
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(
            tr("cannot write {path}: {error}", path=repr(str(target)), error=exc.strerror or exc)
        ) from None
    finally:
        if tmp.exists():
            tmp.unlink()
