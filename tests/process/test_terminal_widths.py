"""Tables that fit, on a real pseudo-terminal at 60, 80 and 120 columns: no line wider than the
terminal, every id whole on one line, for every command that draws a table."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

ROOT = Path(__file__).resolve().parents[2]
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COMMANDS = [
    ["search", "semiconductor engineers"],
    ["search", "How much has Japan invested in Vietnam?"],
    ["list", "--limit", "15"],
    ["partner", "japan", "--limit", "8"],
    ["timeline"],
    ["stats"],
    ["sources"],
    ["show", "japan-registered-fdi-capital-vietnam", "--context"],
]


def _on_a_terminal(args: list[str], columns: int, tmp_path: Path) -> list[str]:
    import struct

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**os.environ, "VNCOOP_PAGER": "cat", "XDG_CACHE_HOME": str(tmp_path), "NO_COLOR": "1"}
    env.pop("COLUMNS", None)
    env.pop("VNCOOP_FORCE_TTY", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "vncoop", *args], stdin=slave, stdout=slave, stderr=subprocess.DEVNULL, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(master)
    text = ESCAPES.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")
    return text.splitlines()


@functools.cache
def _expected_ids(args: tuple[str, ...]) -> list[str]:
    """The ids the same command lists in JSON: each must be drawn whole (asked once per command)."""
    done = subprocess.run([sys.executable, "-m", "vncoop", *args, "--json"], capture_output=True, text=True, check=True)
    data = json.loads(done.stdout)
    if isinstance(data, list):
        return [item["id"] for item in data]
    if "years" in data:
        return [fact["id"] for year in data["years"] for fact in year["facts"]] + [f["id"] for f in data["undated"]]
    return [data["id"]] if "id" in data else []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")
@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_line_fits_and_ids_stay_whole(tmp_path: Path, args: list[str], columns: int) -> None:
    from rich.cells import cell_len

    lines = _on_a_terminal(args, columns, tmp_path)
    assert lines, "nothing was drawn"
    assert all(cell_len(line) <= columns for line in lines), [line for line in lines if cell_len(line) > columns]
    text = "\n".join(lines)
    for fact_id in _expected_ids(tuple(args)):
        if len(fact_id) <= columns - 4:
            assert fact_id in text, fact_id  # never folded across two lines


TRANSLATED = [
    ["list", "--limit", "15", "--fields", "kind,date,title,partners"],
    ["show", "japan-registered-fdi-capital-vietnam"],
    ["partner", "japan", "--limit", "8"],
    ["stats"],
]


def _column_rules(line: str) -> list[int]:
    """Where a table line draws its column rules, in terminal cells."""
    from rich.cells import cell_len

    return [cell_len(line[:at]) for at, char in enumerate(line) if char in "┃│┏┓┗┛┡┩┳╇┻┼┬┴╋┃"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")
@pytest.mark.parametrize("language", ["fr", "vi"])
@pytest.mark.parametrize("args", TRANSLATED, ids=" ".join)
def test_translated_tables_fit_and_their_columns_line_up(tmp_path: Path, args: list[str], language: str) -> None:
    """At 80 columns in French and Vietnamese: every line fits, and within each table every row
    draws its rules at the same cells (diacritics never shift a column)."""
    from rich.cells import cell_len

    lines = _on_a_terminal([*args, "--lang", language], 80, tmp_path)
    assert lines and all(cell_len(line) <= 80 for line in lines)
    tables: list[list[list[int]]] = [[]]
    for line in lines:
        rules = _column_rules(line)
        if line.startswith(("┏", "┌")):
            tables.append([])
        if rules and line[:1] in "┃│":
            tables[-1].append(rules)
    drawn = [rows for rows in tables if rows]
    assert drawn or args[0] in ("list", "partner"), "a table was expected"
    for rows in drawn:
        assert all(rules == rows[0] for rules in rows), rows
