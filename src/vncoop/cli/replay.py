"""Help pages and shell completion, replayed: an answer that depends only on the program and the
terminal is computed once (Typer imported, the command built) and read back after that.

An answer is recorded with what it depends on, the way make decides what to rebuild: the command
line; the environment variables Typer, Click, rich and vncoop read (width, colour, terminal,
language, completion); whether each standard stream is a terminal, and its size; the output
encoding; the interpreter; and the stamp (size, modification and change time, inode) of every
module file the run imported (see :mod:`vncoop.cli.stamps`). A run with the same key whose files
are all unchanged writes the recorded text and exits 0 without importing Typer.

Only a run that exits 0, writes nothing to stderr and reads no corpus is recorded: completing a
fact id or an organisation reads the corpus, so it is computed every time. ``VNCOOP_NO_CACHE``
turns replay off, as it does the corpus cache.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import vncoop
from vncoop.cli.stamps import imported_files, unchanged
from vncoop.index.common import cache_directory, keep_marshalled

FORMAT = 1
MAX_ANSWERS = 256  # answers kept on disk; the oldest are removed first
HELP_FLAGS = frozenset({"--help", "-h"})
COMPLETION_VARIABLE = "_VNCOOP_COMPLETE"
# Every variable that the libraries (read from their source) or vncoop consult for these pages
ENVIRONMENT_PREFIXES = (
    "COLUMNS", "LINES", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "PY_COLORS",
    "TTY_", "JUPYTER_", "DATABRICKS_", "GITHUB_ACTIONS", "UNICODE_VERSION", "_TYPER", "TYPER_",
    "VNCOOP_", "_VNCOOP", "COMP_", "LC_", "LANG", "PYTHON",
)  # fmt: skip
# Every corpus read resolves its directory through this module: a run that imported it read one
CORPUS_MODULE = "vncoop.corpus.layout"
# The libraries that draw help pages, found again through the search path before a replay
LIBRARIES = ("typer", "click", "rich")
_SIDE_EFFECTS = frozenset({"--install-completion", "--show-completion"})  # writes rc files; asks the shell


def wanted(args: list[str]) -> bool:
    """Whether ``args`` ask for help or completion (what may be replayed)."""
    if os.environ.get("VNCOOP_NO_CACHE") or _SIDE_EFFECTS.intersection(args):
        return False
    if os.environ.get(COMPLETION_VARIABLE):  # empty, Click runs the command line as usual
        return True
    options = args[: args.index("--")] if "--" in args else args
    return bool(args) and (args[0] == "help" or not HELP_FLAGS.isdisjoint(options))


def _key(args: list[str]) -> bytes:
    environment = sorted(item for item in os.environ.items() if item[0].startswith(ENVIRONMENT_PREFIXES))
    streams: list[Any] = []
    for descriptor in (0, 1, 2):
        try:
            size: Any = tuple(os.get_terminal_size(descriptor))
        except (OSError, ValueError):
            size = None
        try:
            streams.append((os.isatty(descriptor), size))
        except OSError:
            streams.append((None, size))
    for stream in (sys.stdout, sys.stderr):
        streams.append((getattr(stream, "encoding", None), getattr(stream, "errors", None)))
    # The program as invoked (Click names it in usage lines: vncoop, python -m vncoop, a symlink),
    # the interpreter's own options, and where modules are looked for
    invoked = (sys.argv[0], tuple(getattr(sys, "orig_argv", ())), tuple(sys.path), os.path.dirname(vncoop.__file__))
    return marshal.dumps((FORMAT, sys.version, sys.prefix, invoked, tuple(args), tuple(environment), tuple(streams)))


def _folder() -> str:
    return os.path.join(cache_directory(), "replay")


class Answer:
    """One help page or completion: where it is kept, and whether it can be played back."""

    def __init__(self, args: list[str]) -> None:
        self.key = _key(args)
        try:
            self.path: str | None = os.path.join(_folder(), f"{zlib.crc32(self.key):08x}.answer")
        except OSError:  # no home to keep a cache in: every answer is computed
            self.path = None

    def play(self) -> bool:
        """Write the recorded answer if it is still true; False if it must be computed."""
        if self.path is None:
            return False
        try:
            with open(self.path, "rb") as file:
                key, files, libraries, text = marshal.loads(file.read())
        except (OSError, ValueError, EOFError, TypeError):  # none yet, unreadable, or another format
            return False
        if key != self.key or not isinstance(text, str) or not unchanged(files, libraries):
            return False
        sys.stdout.write(text)
        return True

    def keep(self, text: str) -> None:
        """Record ``text`` with the stamps of every module file imported; never fails the run."""
        stamped = imported_files(LIBRARIES)
        if self.path is None or stamped is None:
            return
        files, libraries = stamped
        if keep_marshalled(self.path, (self.key, files, libraries, text)):
            with suppress(OSError):
                _prune(os.path.dirname(self.path))


def _prune(folder: str) -> None:
    entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".answer")]
    if len(entries) > MAX_ANSWERS:
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in entries[: len(entries) - MAX_ANSWERS]:
            os.unlink(entry.path)


class _Recorder:
    """A standard stream that passes everything on and remembers the text written to it."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.parts: list[str] = []
        self.bypassed = False  # bytes written to the buffer beneath: not recorded, so not replayable

    def write(self, text: str) -> int:
        written = self._stream.write(text)  # first: Click probes with bytes, which a text stream refuses
        self.parts.append(text)
        return int(written)

    @property
    def buffer(self) -> Any:
        self.bypassed = True
        return self._stream.buffer

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def recording(answer: Answer | None) -> Iterator[None]:
    """Run the command as usual and, if it ends well, keep what it wrote for next time."""
    if answer is None:
        yield
        return
    stdout, stderr = sys.stdout, sys.stderr
    out, err = _Recorder(stdout), _Recorder(stderr)
    sys.stdout, sys.stderr = out, err
    succeeded = False
    try:
        yield
        succeeded = True
    except SystemExit as exc:
        succeeded = exc.code in (0, None)
        raise
    finally:
        sys.stdout, sys.stderr = stdout, stderr
        clean = not (err.parts or err.bypassed or out.bypassed) and CORPUS_MODULE not in sys.modules
        if succeeded and clean and all(isinstance(part, str) for part in out.parts):
            answer.keep("".join(out.parts))
