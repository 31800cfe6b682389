"""What every command shares however it was started (by Typer, or parsed without it by
:mod:`vncoop.cli.light`): the options given before the command, the language, and the one place
an error becomes one line on stderr and an exit code. Importable without Typer.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from vncoop.cli.terminal import ColorWhen, silence_stdout
from vncoop.errors import INTERRUPTED_MESSAGE, ExitCode, UsageError, VncoopError, quoted
from vncoop.output.escape import one_line
from vncoop.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, from_environment, tr, use


class GlobalOptions:
    """Options given before the command; a command's own option of the same name wins."""

    facts_dir: Path | None = None
    color: ColorWhen = ColorWhen.auto
    lang: str | None = None

    @classmethod
    def reset(cls, facts_dir: Path | None, color: ColorWhen, lang: str | None = None) -> None:
        cls.facts_dir, cls.color, cls.lang = facts_dir, color, lang


def use_language(local: str | None) -> None:
    """The command's ``--lang``, else the one before the command, else the environment's."""
    chosen = local or GlobalOptions.lang
    if chosen is None:
        use(from_environment())
    elif chosen.lower() in LANGUAGES:
        use(chosen.lower())
    else:
        raise UsageError(tr("invalid value for --lang: {value} is not one of {choices}",
                            value=quoted(chosen), choices=", ".join(LANGUAGES)))  # fmt: skip


def environment_language() -> None:
    """Before any parsing, so that a parse error is already in the user's language; an invalid
    $VNCOOP_LANG is reported by the command itself (exit 2), not here."""
    try:
        use(from_environment())
    except VncoopError:
        use(DEFAULT_LANGUAGE)


def facts_dir_option(local: Path | None) -> Path | None:
    return local if local is not None else GlobalOptions.facts_dir


def color_option(local: ColorWhen | None) -> ColorWhen:
    return local if local is not None else GlobalOptions.color


def fail(message: str, code: ExitCode) -> NoReturn:
    """The one place errors are shown: one line, corpus or user text made inert."""
    sys.stderr.write(f"vncoop: error: {one_line(message)}\n")
    raise SystemExit(code)


def warn(warning: str) -> None:
    sys.stderr.write(f"vncoop: warning: {one_line(warning)}\n")


@contextmanager
def errors_mapped(passing: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Run a command's work: domain errors become their exit codes, Ctrl-C 130, a closed pipe a
    quiet 0, and anything unexpected (except the ``passing`` exceptions) the documented last resort."""
    try:
        yield
    except VncoopError as exc:
        fail(exc.message, exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED_MESSAGE)
        raise SystemExit(ExitCode.INTERRUPTED) from None
    except BrokenPipeError:
        silence_stdout()
        raise SystemExit(ExitCode.OK) from None
    except passing:
        raise
    except Exception as exc:  # noqa: BLE001 - the documented last resort
        error = f"{type(exc).__name__}: {exc}"
        fail(
            tr("internal error ({error}); please report it with the command you ran", error=error),
            ExitCode.INTERNAL_ERROR,
        )
