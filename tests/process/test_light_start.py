"""A search started without Typer (``cli/light.py``), in real processes: after one run through
Typer keeps the command's description, a run reads its options without importing Typer and must
write, to stdout and stderr, byte for byte what a run through Typer writes, with the same exit
status; anything it is unsure of is Typer's, with Typer's message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import VALID, console_script

pytestmark = pytest.mark.usefixtures("settled_imports")  # nothing is kept from a file saved just now

COMMAND_LINES = [
    ["search", "semiconductor engineers", "--json"],
    ["search", "kỹ sư bán dẫn", "-n", "2", "--fields", "id,score", "--format", "CSV"],
    ["search", "japan", "--kind", "investment", "--jq", ".[].id"],
    ["search", "zzzzqqqq", "-e", "--json"],  # nothing found: exit 4
    ["search", "chip", "--kind", "no-such-kind"],  # the work's own usage error
    ["search", "chip", "--facts-dir", str(VALID)],
    ["search", "--stdin", "--fields", "id"],
    ["search"],
    ["search", "chip", "--nope"],  # Typer's error, with its suggestion
    ["search", "chip", "--limit", "0"],
    ["search", "chip", "--lang", "xx"],
]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100", **extra}
    env.pop("VNCOOP_NO_CACHE", None)
    return env


def _run(args: list[str], env: dict[str, str], *python_options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *python_options, "-m", "vncoop", *args] if python_options else [console_script(), *args]
    return subprocess.run(command, input="JETRO\n78,6\n", capture_output=True, text=True, env=env, timeout=60)


def _imported(traced: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines() if line.startswith("import time:")}


def _kept(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache" / "vncoop" / "commands"
    return sorted(folder.glob("*.parameters")) if folder.exists() else []


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
def test_a_light_run_writes_what_typer_writes(tmp_path: Path, args: list[str]) -> None:
    env = _env(tmp_path)
    computed = _run(args, {**env, "VNCOOP_NO_CACHE": "1"})
    first, second = _run(args, env), _run(args, env)
    assert (first.stdout, first.stderr, first.returncode) == (computed.stdout, computed.stderr, computed.returncode)
    assert (second.stdout, second.stderr, second.returncode) == (computed.stdout, computed.stderr, computed.returncode)


def test_a_search_after_the_first_imports_no_typer(tmp_path: Path) -> None:
    env = _env(tmp_path)
    args = ["search", "semiconductor engineers", "--json"]
    recorded = _run(args, env, "-X", "importtime")
    traced = _run(args, env, "-X", "importtime")
    assert "typer" in _imported(recorded)
    assert "vncoop.cli.light" in _imported(traced)
    assert not {"typer", "click", "rich", "dataclasses", "inspect"} & _imported(traced)  # each costs the budget
    assert traced.stdout == recorded.stdout and traced.returncode == 0


def test_what_the_light_reading_declines_goes_through_typer(tmp_path: Path) -> None:
    env = _env(tmp_path)
    _run(["search", "chip"], env)
    traced = _run(["search", "chip", "-en3"], env, "-X", "importtime")  # grouped short options
    assert "typer" in _imported(traced) and traced.returncode == 0 and len(_kept(tmp_path)) == 1


def test_the_script_and_python_m_share_one_description(tmp_path: Path) -> None:
    env = _env(tmp_path)
    _run(["search", "chip"], env)
    traced = _run(["search", "chip"], env, "-X", "importtime")
    assert "typer" not in _imported(traced) and len(_kept(tmp_path)) == 1


def test_a_command_line_typer_refuses_keeps_no_description(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert _run(["search", "chip", "--nope"], env).returncode == 2
    assert not _kept(tmp_path)
    assert _run(["search", "chip"], env).returncode == 0
    assert len(_kept(tmp_path)) == 1


def test_a_damaged_description_is_made_again(tmp_path: Path) -> None:
    env = _env(tmp_path)
    good = _run(["search", "chip", "--json"], env)
    (kept,) = _kept(tmp_path)
    for damage in (b"", b"\x00garbage", kept.read_bytes()[:40]):
        kept.write_bytes(damage)
        again = _run(["search", "chip", "--json"], env)
        assert (again.stdout, again.stderr, again.returncode) == (good.stdout, good.stderr, good.returncode)
        assert kept.read_bytes() != damage


def test_no_cache_keeps_no_description(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "VNCOOP_NO_CACHE": "1"}
    assert _run(["search", "chip"], env).returncode == 0
    assert _run(["search", "chip"], env).returncode == 0
    assert not _kept(tmp_path)


def test_an_unwritable_cache_still_searches(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder would be")
    env = _env(tmp_path)
    for _ in range(2):
        result = _run(["search", "chip", "--json"], env)
        assert result.returncode == 0 and result.stdout.startswith("[")
