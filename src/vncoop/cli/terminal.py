"""Where output goes: terminal detection, colour overrides, the pager, closed pipes."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

from vncoop.output.formats import OutputFormat, render
from vncoop.output.view import View


def stdout_is_terminal() -> bool:
    if os.environ.get("CLICOLOR_FORCE", "0") not in ("", "0") or os.environ.get("FORCE_COLOR"):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def real_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def output_format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    return OutputFormat.json if as_json else fmt


def emit(view: View, fmt: OutputFormat, empty_note: str | None = None, pager: bool | None = None) -> None:
    terminal = stdout_is_terminal()
    if terminal and fmt is OutputFormat.table and view.records and real_tty():
        from vncoop.cli.pager import page, pager_command

        command = pager_command(pager)
        if command:
            import io
            import shutil

            from vncoop.output.rich_tables import rich_table

            buffer = io.StringIO()
            force_colour = not os.environ.get("NO_COLOR")
            rich_table(view, buffer, width=shutil.get_terminal_size().columns, force_terminal=force_colour)
            if page(buffer.getvalue(), command):
                return
    render(view, fmt, sys.stdout, terminal)
    sys.stdout.flush()
    if empty_note and not view.records and fmt is OutputFormat.table:
        sys.stderr.write(f"vncoop: {empty_note}\n")


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
