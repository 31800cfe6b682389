"""Help pages and shell completion replayed from the cache (``cli/replay.py``), in real processes.

A replayed answer must be byte for byte the one Typer computes (``VNCOOP_NO_CACHE=1`` computes it
every time), must not import Typer, and must never outlive what it depends on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vncoop.cli import replay, stamps

from conftest import VALID, console_script

pytestmark = pytest.mark.usefixtures("settled_imports")  # nothing is kept from a file saved just now

HELP_PAGES = [["--help"], ["search", "--help"], ["help", "partner"], ["list", "-h"], ["stats", "--kind", "event", "-h"]]
COMPLETIONS = [("vncoop se", "1"), ("vncoop search --li", "2"), ("vncoop list --kind ", "3"), ("vncoop partner j", "2")]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), **extra}
    env.pop("VNCOOP_NO_CACHE", None)
    return env


def _run(args: list[str], env: dict[str, str], *python_options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *python_options, "-m", "vncoop", *args] if python_options else [console_script(), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False, timeout=60)


def _answers(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache" / "vncoop" / "replay"
    return sorted(folder.glob("*.answer")) if folder.exists() else []


def _completion_env(tmp_path: Path, words: str, index: str, **extra: str) -> dict[str, str]:
    return _env(tmp_path, _VNCOOP_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=index, **extra)


@pytest.mark.parametrize("args", HELP_PAGES, ids=" ".join)
def test_a_help_page_is_replayed_as_typer_wrote_it(tmp_path: Path, args: list[str]) -> None:
    env = _env(tmp_path, COLUMNS="100")
    computed = _run(args, {**env, "VNCOOP_NO_CACHE": "1"})
    first, second = _run(args, env), _run(args, env)
    assert computed.returncode == first.returncode == second.returncode == 0
    assert computed.stdout == first.stdout == second.stdout
    assert "Usage" in computed.stdout and not second.stderr
    assert len(_answers(tmp_path)) == 1


@pytest.mark.parametrize(("words", "index"), COMPLETIONS)
def test_a_completion_is_replayed_as_typer_wrote_it(tmp_path: Path, words: str, index: str) -> None:
    env = _completion_env(tmp_path, words, index)
    computed = subprocess.run([console_script()], capture_output=True, text=True, env={**env, "VNCOOP_NO_CACHE": "1"})
    first = subprocess.run([console_script()], capture_output=True, text=True, env=env)
    second = subprocess.run([console_script()], capture_output=True, text=True, env=env)
    assert computed.stdout.strip()
    assert computed.stdout == first.stdout == second.stdout
    assert len(_answers(tmp_path)) == 1


def test_a_replayed_page_imports_no_typer(tmp_path: Path) -> None:
    env = _env(tmp_path)
    recorded = _run(["search", "--help"], env, "-X", "importtime")
    traced = _run(["search", "--help"], env, "-X", "importtime")
    imported = {line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines() if "|" in line}
    assert "vncoop.cli.replay" in imported and "typer" not in imported and "rich" not in imported
    assert "pathlib" not in imported  # a replay needs no path objects: nothing on its way loads them
    assert traced.stdout == recorded.stdout and "typer" in recorded.stderr


def test_each_program_name_has_its_own_page(tmp_path: Path) -> None:
    """Click names the program in usage lines: the script, ``python -m vncoop``, a symlink."""
    link = tmp_path / "vn"
    link.symlink_to(console_script())
    env = _env(tmp_path)
    for _ in range(2):
        for command in ([console_script()], [sys.executable, "-m", "vncoop"], [str(link)]):
            page = subprocess.run([*command, "--help"], capture_output=True, text=True, env=env).stdout
            computed = subprocess.run([*command, "--help"], capture_output=True, text=True,
                                      env={**env, "VNCOOP_NO_CACHE": "1"}).stdout  # fmt: skip
            assert page == computed
    assert len(_answers(tmp_path)) == 3


def test_each_terminal_width_has_its_own_page(tmp_path: Path) -> None:
    narrow, wide = _env(tmp_path, COLUMNS="60"), _env(tmp_path, COLUMNS="120")
    pages = [_run(["search", "--help"], env).stdout for env in (narrow, wide, narrow, wide)]
    assert pages[0] == pages[2] != pages[1] == pages[3]
    assert max(len(line) for line in pages[0].splitlines()) <= 60 < max(len(line) for line in pages[1].splitlines())
    assert len(_answers(tmp_path)) == 2


def test_completing_from_the_corpus_is_never_recorded(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(VALID, corpus)
    words = f"vncoop show --facts-dir {corpus} sample-"
    env = _completion_env(tmp_path, words, "4")
    before = subprocess.run([console_script()], capture_output=True, text=True, env=env).stdout.split()
    assert "sample-engineers" in before and not _answers(tmp_path)
    text = (corpus / "facts.yaml").read_text(encoding="utf-8")
    (corpus / "facts.yaml").write_text(text.replace("id: sample-engineers", "id: sample-renamed"), encoding="utf-8")
    after = subprocess.run([console_script()], capture_output=True, text=True, env=env).stdout.split()
    assert "sample-renamed" in after and "sample-engineers" not in after


def test_a_damaged_or_foreign_answer_is_computed_again(tmp_path: Path) -> None:
    env = _env(tmp_path)
    expected = _run(["--help"], env).stdout
    (answer,) = _answers(tmp_path)
    for damage in (b"", b"\x00garbage", answer.read_bytes()[:100]):
        answer.write_bytes(damage)
        again = _run(["--help"], env)
        assert (again.returncode, again.stdout, again.stderr) == (0, expected, "")


def test_an_unwritable_cache_still_answers(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be", encoding="utf-8")
    result = _run(["--help"], _env(tmp_path))
    assert (result.returncode, result.stderr) == (0, "") and "Usage" in result.stdout


def test_a_failed_run_is_not_recorded(tmp_path: Path) -> None:
    result = _run(["serch", "--help"], _env(tmp_path))
    assert result.returncode == 2 and not _answers(tmp_path)


# -- the key and the stamps, in this process ----------------------------------------------------
@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["--help"], True),
        (["-h"], True),
        (["help"], True),
        (["help", "search"], True),
        (["search", "x", "--help"], True),
        (["search", "--", "--help"], False),  # a search for "--help"
        (["search", "help"], False),
        ([], False),
        (["--install-completion"], False),
        (["--show-completion", "--help"], False),
    ],
)
@pytest.mark.parametrize("completing", [None, "", "complete_bash"])
def test_what_may_be_replayed(
    monkeypatch: pytest.MonkeyPatch, args: list[str], wanted: bool, completing: str | None
) -> None:
    monkeypatch.delenv("VNCOOP_NO_CACHE", raising=False)
    monkeypatch.delenv(replay.COMPLETION_VARIABLE, raising=False)
    if completing is not None:
        monkeypatch.setenv(replay.COMPLETION_VARIABLE, completing)
    side_effect = bool(replay._SIDE_EFFECTS.intersection(args))
    assert replay.wanted(args) is ((bool(completing) or wanted) and not side_effect)
    monkeypatch.setenv("VNCOOP_NO_CACHE", "1")
    assert replay.wanted(args) is False


def test_a_changed_module_file_voids_the_answer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(stamps, "RACY_WINDOW_NS", 0)  # the file below was written a moment ago
    (tmp_path / "modules").mkdir()  # apart from the cache folder, which the run writes to
    module = tmp_path / "modules" / "dependency.py"
    module.write_text("X = 1\n", encoding="utf-8")
    fake = type(sys)("vncoop_test_dependency")
    fake.__file__ = str(module)
    monkeypatch.setitem(sys.modules, "vncoop_test_dependency", fake)
    monkeypatch.delenv(replay.COMPLETION_VARIABLE, raising=False)
    answer = replay.Answer(["--help"])
    answer.keep("the page\n")
    assert replay.Answer(["--help"]).play()
    assert not replay.Answer(["search", "--help"]).play()  # another key
    monkeypatch.setenv("COLUMNS", "33")
    assert not replay.Answer(["--help"]).play()  # another width
    monkeypatch.setenv("COLUMNS", "200")
    module.write_text("X = 2\n", encoding="utf-8")  # same size, rewritten
    assert not replay.Answer(["--help"]).play()


def test_a_full_disk_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(replay.os, "replace", full)
    replay.Answer(["--help"]).keep("the page\n")
    folder = tmp_path / "cache" / "vncoop" / "replay"
    assert folder.exists() and not list(folder.iterdir())


def test_without_a_home_nothing_is_kept_and_no_folder_is_made(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(replay.os.path, "expanduser", lambda path: path)  # no $HOME, no account entry
    answer = replay.Answer(["--help"])
    answer.keep("the page\n")
    assert not answer.play() and not (tmp_path / "~").exists()


def test_a_library_found_elsewhere_voids_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    import typer  # noqa: F401 - recorded as the copy that drew the page

    monkeypatch.delenv(replay.COMPLETION_VARIABLE, raising=False)
    replay.Answer(["--help"]).keep("the page\n")
    assert replay.Answer(["--help"]).play()
    found = stamps.PathFinder.find_spec

    def shadowed(name: str, *args: object) -> object:
        spec = found(name)
        if name == "typer" and spec is not None:
            spec.origin = "/elsewhere/typer/__init__.py"
        return spec

    monkeypatch.setattr(stamps.PathFinder, "find_spec", shadowed)
    assert not replay.Answer(["--help"]).play()
