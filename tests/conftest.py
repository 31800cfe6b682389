"""Shared fixtures: the CLI runner, the repository's corpus and the small test corpora."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.cli import stamps
from vncoop.cli.main import app

ROOT = Path(__file__).resolve().parent.parent
REPO_FACTS = ROOT / "facts"
CORPORA = Path(__file__).resolve().parent / "corpora"
VALID = CORPORA / "valid"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never see the developer's corpus override, colour settings or cache."""
    for name in ("VNCOOP_FACTS_DIR", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "VNCOOP_PAGER", "PAGER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("VNCOOP_LANG", "LC_MESSAGES", "LANGUAGE"):  # English unless a test asks for another language
        monkeypatch.delenv(name, raising=False)
    for name in ("LC_ALL", "LANG"):
        if os.environ.get(name):
            monkeypatch.setenv(name, "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="module")
def settled_imports() -> None:
    """Wait, at most the racy window, until every module file imported so far is older than it:
    a test that expects a help page or a description to be kept is otherwise refused it for a
    file saved or a ``__pycache__`` written a moment ago (right after a clone or an edit)."""
    import vncoop.cli.entry  # noqa: F401 - what a child process imports first, its caches written
    from vncoop.cli import light, replay  # noqa: F401

    deadline = time.monotonic() + stamps.RACY_WINDOW_NS / 1e9 + 1
    while stamps.imported_files(()) is None and time.monotonic() < deadline:
        time.sleep(0.1)


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the corpus files a load validates (in this process) from now on."""
    from vncoop.index import build

    names: list[str] = []
    real = build.validate_file

    def spy(root: Path, name: str, path: Path):  # type: ignore[no-untyped-def]
        names.append(name)
        return real(root, name, path)

    monkeypatch.setattr(build, "validate_file", spy)
    return names


def dated_back(*paths: Path) -> None:
    """Date files a minute back, out of the racy window: a cache trusts them while unchanged."""
    a_minute_ago = time.time_ns() - 60 * 10**9
    for path in paths:
        os.utime(path, ns=(a_minute_ago, a_minute_ago))


def invoke(runner: CliRunner, *args: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), **kwargs)  # type: ignore[arg-type]


def console_script() -> str:
    """The installed ``vncoop`` script beside this interpreter (else on PATH); the test is skipped without one."""
    found = shutil.which("vncoop")
    candidate = Path(sys.executable).parent / "vncoop"
    if candidate.exists():
        return str(candidate)
    if found:
        return found
    pytest.skip("the vncoop console script is not installed")
