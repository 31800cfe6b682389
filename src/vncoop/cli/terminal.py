"""Where output goes: terminal or pipe, colour, the pager, ``--jq``, ``--exit-status``, closed pipes.

Two questions, answered apart (as ripgrep and git do):
- **layout**: a rich table when stdout is a terminal (or ``VNCOOP_FORCE_TTY`` is set, as gh's
  ``GH_FORCE_TTY``; a number sets the width), plain tab-separated text otherwise;
- **colour**: ``--color always|never`` decides; ``auto`` (the default) colours a terminal unless
  ``NO_COLOR`` is set, or when ``FORCE_COLOR``/``CLICOLOR_FORCE`` is. Colour never changes the layout.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any, TextIO

from vncoop.errors import WRITE_ERRNOS, ExitCode, VncoopError
from vncoop.output.formats import OutputFormat, json_value, render
from vncoop.output.view import Terminal, View, dumps_json


class ColorWhen(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def real_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _set(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


def stdout_terminal(color: ColorWhen = ColorWhen.auto) -> Terminal | None:
    """The terminal stdout is (None for a pipe or a file), with the colour choice made."""
    forced = os.environ.get("VNCOOP_FORCE_TTY", "")
    if forced not in ("", "0"):
        width = int(forced) if forced.isdigit() and int(forced) >= 20 else None
    elif real_tty():
        import shutil

        # COLUMNS=0 (or a terminal that reports no size) would draw nothing at all
        columns = shutil.get_terminal_size((80, 24)).columns
        width = columns if columns >= 20 else 80
    else:
        return None
    if color is ColorWhen.always:
        colour = True
    elif color is ColorWhen.never or os.environ.get("NO_COLOR"):
        colour = False
    else:
        colour = True  # a terminal, or FORCE_COLOR / CLICOLOR_FORCE, which change nothing else
    return Terminal(colour=colour, width=width)


def silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class CannotWrite(VncoopError):
    """stdout refused the output (a full disk, /dev/full): exit 1, in one line."""


@contextmanager
def writing_output() -> Iterator[None]:
    """Around every write of a command's output: a write that fails for want of room or of a
    usable descriptor is the user's to fix, not a bug (a closed pipe is handled apart)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.errno not in WRITE_ERRNOS:
            raise
        silence_stdout()  # what is still buffered would fail again at exit
        raise CannotWrite(f"cannot write the output: {exc.strerror or exc}") from None


def output_format(fmt: OutputFormat, as_json: bool, jq: str | None = None) -> OutputFormat:
    return OutputFormat.json if as_json or jq is not None else fmt


def write_json(value: Any, jq: str | None) -> None:
    """A JSON value to stdout: pretty, or through ``--jq`` (strings raw, the rest compact)."""
    with writing_output():
        if jq is None:
            sys.stdout.write(dumps_json(value) + "\n")
        else:
            from vncoop.output.jq_filter import apply_jq

            for line in apply_jq(jq, value):
                sys.stdout.write(line + "\n")
        sys.stdout.flush()


def streamable(fmt: OutputFormat, fields: list[str] | None, jq: str | None) -> bool:
    """Whether the output is the cache's stored fact JSON unchanged, so it can be streamed
    without parsing: ``--json`` or ``jsonl`` of whole facts, in English, in UTF-8."""
    from vncoop.output.formats import STREAMABLE
    from vncoop.output.view import JsonText
    from vncoop.text.i18n import DEFAULT_LANGUAGE, current

    return (
        fmt in STREAMABLE
        and fields is None
        and jq is None
        and current() == DEFAULT_LANGUAGE
        and not JsonText.ascii_only
    )


def emit_stream(write: Callable[[TextIO], int], exit_status: bool) -> None:
    """Stream to stdout with ``write`` (which says how many facts it wrote); -e when none."""
    with writing_output():
        count = write(sys.stdout)
        sys.stdout.flush()
    exit_if_empty(count == 0, exit_status)


def exit_if_empty(empty: bool, exit_status: bool) -> None:
    """``--exit-status``: no result is exit 4, after the (empty) output has been written."""
    if empty and exit_status:
        raise SystemExit(ExitCode.NO_RESULTS)


def emit(
    view: View,
    fmt: OutputFormat,
    empty_note: str | None = None,
    pager: bool | None = None,
    *,
    jq: str | None = None,
    exit_status: bool = False,
    color: ColorWhen = ColorWhen.auto,
) -> None:
    """Render a view to stdout in the chosen format, through the pager when that applies."""
    if jq is not None:
        write_json(json_value(view), jq)
        exit_if_empty(not view.records, exit_status)
        return
    terminal = stdout_terminal(color)
    if terminal is not None and fmt is OutputFormat.table and view.records and real_tty():
        from vncoop.cli.pager import page, pager_command

        command = pager_command(pager)
        if command:
            import io
            import shutil

            from vncoop.output.rich_tables import rich_table

            buffer = io.StringIO()
            rich_table(view, buffer, terminal._replace(width=terminal.width or shutil.get_terminal_size().columns))
            if page(buffer.getvalue(), command):
                exit_if_empty(not view.records, exit_status)
                return
    with writing_output():
        render(view, fmt, sys.stdout, terminal)
        sys.stdout.flush()
    if empty_note and not view.records and fmt is OutputFormat.table:
        sys.stderr.write(f"vncoop: {empty_note}\n")
    exit_if_empty(not view.records, exit_status)


def progress_reporter(after_seconds: float = 1.0) -> Callable[[int, int], None] | None:
    """A progress bar on stderr for long corpus loads, shown only on a terminal and only once
    loading has taken ``after_seconds``; None when stderr is not a terminal."""
    try:
        if not sys.stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    started = time.monotonic()

    def report(done: int, total: int) -> None:
        if time.monotonic() - started < after_seconds:
            return
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\rvncoop: loading corpus [{'#' * filled}{' ' * (width - filled)}] {done}/{total} files")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report
