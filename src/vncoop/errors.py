"""The one family of errors the core raises; the CLI maps each to a message and an exit code."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Every exit status vncoop uses (the README's table lists the same)."""

    OK = 0
    DATA_ERROR = 1  # invalid corpus, unknown fact id, partner or source
    USAGE_ERROR = 2  # unknown option or command, invalid option value
    INTERNAL_ERROR = 3  # a bug
    NO_RESULTS = 4  # nothing matched, with --exit-status (-e)
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


INTERRUPTED_MESSAGE = "vncoop: interrupted\n"  # what a Ctrl-C prints, wherever it lands
# Errors that say the output cannot be written (a full disk, /dev/full, a bad descriptor), as
# opposed to a closed pipe, which means the reader has all it wanted.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, errno.EDQUOT})


def quoted(typed: str) -> str:
    """A name the user typed, quoted for a message: ``repr``, except that bytes which were not
    UTF-8 (kept by Python as lone surrogates) show as the bytes they were: ``'ab\\xffc'``."""
    if not any("\udc80" <= char <= "\udcff" for char in typed):
        return repr(typed)
    shown = (f"\\x{ord(char) - 0xDC00:02x}" if "\udc80" <= char <= "\udcff" else repr(char)[1:-1] for char in typed)
    return "'" + "".join(shown) + "'"


# What a SIGTERM must undo at once, rather than by unwinding: an exception raised inside a
# library call that holds a lock (a process pool handing out work) can deadlock the clean-up
# that follows it. The CLI's signal handler runs these, newest first, then exits.
TEARDOWN: list[Callable[[], None]] = []
if hasattr(os, "register_at_fork"):  # a forked worker must never run its parent's teardown
    os.register_at_fork(after_in_child=TEARDOWN.clear)


@contextmanager
def undone_if_terminated(action: Callable[[], None]) -> Iterator[None]:
    """Within the block, a termination signal runs ``action`` (and exits) instead of unwinding."""
    TEARDOWN.append(action)
    try:
        yield
    finally:
        TEARDOWN.remove(action)


class VncoopError(Exception):
    """Base of every error the core raises on purpose. ``exit_code`` tells the CLI how to exit."""

    exit_code = ExitCode.DATA_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(VncoopError):
    """An id, partner or source that is not in the corpus (with suggestions in the message)."""


class UsageError(VncoopError):
    """A request the user can fix on the command line (unknown field, bad option value)."""

    exit_code = ExitCode.USAGE_ERROR


class OutputError(VncoopError):
    """An export target that cannot be written (exists without --force, missing folder, …)."""


class Problem(NamedTuple):
    """One problem in a corpus, located as precisely as the input allows.

    A NamedTuple rather than a dataclass: immutable, hashable and ordered all the same, and a
    tenth of the cost to define, which every run pays at start-up."""

    file: str
    line: int | None
    fact_id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [place]
        if self.fact_id:
            parts.append(self.fact_id)
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


def problem_order(problem: Problem) -> tuple[str, int, str]:
    """The one order problems are listed in: by file, then line, then what is said."""
    return (problem.file, problem.line or 0, str(problem))


class CorpusError(VncoopError):
    """A corpus that cannot be used; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=problem_order)
        first = str(self.problems[0]) if self.problems else "invalid corpus"
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''}; run `vncoop validate`)" if more else ""
        super().__init__(first + suffix)
