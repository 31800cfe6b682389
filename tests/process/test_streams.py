"""Output and input in encodings other than UTF-8: never a crash, JSON always valid, argv as typed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import VALID

FACT = "sample-engineers"
COMMANDS = [
    ["list", "--json"],
    ["list"],
    ["search", "Nhật Bản", "--json"],
    ["search", "Nhật Bản"],
    ["show", FACT],
    ["show", FACT, "--json"],
    ["stats"],
    ["timeline"],
    ["partner", "Nhật Bản", "--format", "csv"],
    ["list", "--format", "yaml"],
]


def _run(args: list[str], env: dict[str, str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "vncoop", *args, "--facts-dir", str(VALID)],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_stdout_without_utf8_never_crashes(tmp_path: Path, encoding: str, args: list[str]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "XDG_CACHE_HOME": str(tmp_path)}
    done = _run(args, env)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    if "--json" in args:
        data = json.loads(done.stdout.decode("ascii"))  # escaped: valid JSON in any encoding
        assert data
    if args[:2] == ["show", FACT] and "--json" not in args:
        assert b"\\u1ef9" in done.stdout or "kỹ".encode(encoding, "ignore") in done.stdout  # escaped, not lost


def test_utf8_arguments_are_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("PYTHONIOENCODING", None)
    done = _run(["search", "kỹ sư", "--json"], env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("ascii", "replace"))[0]["id"] == FACT


def test_undecodable_bytes_on_stdin_are_a_query_like_any_other(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    lines = b"engineers\n\xff\xfe\xc3(\x80garbage\n" + bytes(range(256)).replace(b"\n", b"") + b"\n"
    done = _run(["search", "--stdin", "--fields", "id"], env, stdin=lines)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(answers) == 3 and answers[0]["results"][0] == {"id": FACT}


def _shell(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "VNCOOP_FACTS_DIR": str(VALID)}
    vncoop = f"{sys.executable} -m vncoop"
    return subprocess.run(
        ["bash", "-c", script.replace("vncoop", vncoop)], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", ["list", "list --json", "search engineers", "--version", "--help", "schema"])
def test_a_full_device_is_one_line_and_exit_1(tmp_path: Path, args: str) -> None:
    done = _shell(f"vncoop {args} > /dev/full", tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("vncoop: error: cannot write the output") and done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("script", "code"),
    [
        ("vncoop list >&-", 0),
        ("vncoop export {tmp}/x.json >&-", 0),
        ("vncoop validate >&-", 0),
        ("vncoop list 2>&- >/dev/null", 0),
        ("vncoop serch 2>&-", 2),
        ("vncoop search --stdin <&-", 0),
        ("vncoop show $'\\xff'", 1),
        ("vncoop search x --limit 4611686018427387904 >/dev/null", 2),
    ],
)
def test_closed_streams_and_odd_arguments_never_trace_back(tmp_path: Path, script: str, code: int) -> None:
    done = _shell(script.replace("{tmp}", str(tmp_path)), tmp_path)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
