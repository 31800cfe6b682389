"""Paging long tables on a terminal, the way git and gh do: by default on a terminal, never piped.

The command is ``$VNCOOP_PAGER``, else ``$PAGER``, else ``less -FRX`` (which quits at once when
the text fits a screen, so short output looks unpaged). ``--no-pager`` or ``VNCOOP_PAGER=cat``
turns it off.
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
        done = subprocess.run(command, input=text.encode("utf-8"), env=env, check=False)
    except OSError:
        return False
    return done.returncode == 0  # a pager that failed (VNCOOP_PAGER=false) showed nothing: print
