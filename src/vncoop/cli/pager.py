"""Paging long tables on a terminal, the way git does: only when asked, never when piped.

``--pager`` asks for it; ``VNCOOP_PAGER`` (a command) asks for it by default; the command is
``$VNCOOP_PAGER``, else ``$PAGER``, else ``less -FRX`` (which quits when the text fits a screen).
``--no-pager`` or ``VNCOOP_PAGER=cat`` turns it off.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping


def pager_command(asked: bool | None, environ: Mapping[str, str] = os.environ) -> list[str] | None:
    """The pager to run, or None. ``asked`` is the --pager/--no-pager flag (None when not given)."""
    configured = environ.get("VNCOOP_PAGER", "").strip()
    if asked is False or configured == "cat":
        return None
    if asked is None and not configured:
        return None
    command = configured or environ.get("PAGER", "").strip() or "less -FRX"
    try:
        parts = shlex.split(command)
    except ValueError:
        return None
    return parts or None


def page(text: str, command: list[str]) -> bool:
    """Send text through the pager; False when the pager cannot run (the caller prints instead)."""
    env = {**os.environ}
    env.setdefault("LESS", "FRX")
    try:
        subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
    except OSError:
        return False
    return True
