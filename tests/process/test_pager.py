"""Paging: only on a terminal, only when asked (--pager) or configured (VNCOOP_PAGER)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from vncoop.cli.pager import pager_command

from conftest import VALID


@pytest.mark.parametrize(
    ("asked", "env", "expected"),
    [
        (None, {}, ["less", "-FRX"]),  # on by default, as git and gh do
        (None, {"PAGER": "more"}, ["more"]),
        (None, {"VNCOOP_PAGER": "cat"}, None),
        (True, {}, ["less", "-FRX"]),
        (True, {"PAGER": "more -s"}, ["more", "-s"]),
        (None, {"VNCOOP_PAGER": "most"}, ["most"]),
        (True, {"VNCOOP_PAGER": "most", "PAGER": "more"}, ["most"]),
        (False, {"VNCOOP_PAGER": "most"}, None),
        (True, {"VNCOOP_PAGER": "cat"}, None),
        (True, {"VNCOOP_PAGER": "'unclosed"}, None),
    ],
)
def test_pager_command(asked: bool | None, env: dict[str, str], expected: list[str] | None) -> None:
    assert pager_command(asked, env) == expected


def _run_on_pty(args: list[str], env: dict[str, str]) -> str:
    master, slave = pty.openpty()
    process = subprocess.Popen(args, stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_table_is_paged_on_a_terminal_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "VNCOOP_PAGER": "sed s/^/PAGED:/", "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "120"}
    command = [sys.executable, "-m", "vncoop", "list", "--facts-dir", str(VALID)]
    on_terminal = _run_on_pty(command, env)
    assert "PAGED:" in on_terminal and "sample-seminar" in on_terminal
    piped = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert "PAGED:" not in piped.stdout and "sample-seminar" in piped.stdout
    not_asked = _run_on_pty([*command, "--no-pager"], env)
    assert "PAGED:" not in not_asked and "sample-seminar" in not_asked


def test_a_terminal_pages_by_default_through_pager(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """As git and gh: on a terminal, long output goes through $PAGER unless told otherwise."""
    env = {**os.environ, "PAGER": "sed s/^/PAGED:/", "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "120"}
    env.pop("VNCOOP_PAGER", None)
    command = [sys.executable, "-m", "vncoop", "list", "--facts-dir", str(VALID)]
    assert "PAGED:" in _run_on_pty(command, env)
    assert "PAGED:" not in _run_on_pty(command, {**env, "VNCOOP_PAGER": "cat"})


def test_a_real_terminal_is_coloured_unless_told_not_to(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "VNCOOP_PAGER": "cat", "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "120", "TERM": "xterm"}
    for name in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"):
        env.pop(name, None)
    command = [sys.executable, "-m", "vncoop", "list", "--facts-dir", str(VALID)]
    assert "\x1b[" in _run_on_pty(command, env)
    never = _run_on_pty([*command, "--color", "never"], env)
    assert "\x1b[" not in never and "sample-seminar" in never and "┃" in never
    assert "\x1b[" not in _run_on_pty(command, {**env, "NO_COLOR": "1"})
