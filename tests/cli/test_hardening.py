"""Round 2 of hostile input that used to get through: formulas, names with newlines, odd caches."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.index.store import cache_home
from vncoop.output.escape import one_line, spreadsheet_safe

from conftest import VALID, invoke


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1", "-cmd", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_that_starts_like_a_formula_is_defused(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_safe("plain text") == "plain text"


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_output_defuse_formulas_from_the_corpus(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    facts = root / "facts.yaml"
    facts.write_text(
        facts.read_text("utf-8").replace(
            '{en: "Seminar in Tokyo with around 300 guests", fr: "Séminaire à Tokyo avec environ 300 invités", '
            'vi: "Hội thảo tại Tokyo với khoảng 300 khách mời"}',
            "{en: '=HYPERLINK(\"http://x\")', fr: '=HYPERLINK(\"http://x\")', vi: '=HYPERLINK(\"http://x\")'}",
        ),
        "utf-8",
    )
    result = invoke(runner, "list", "--format", fmt, "--fields", "id,title,attendance", "--facts-dir", str(root))
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
    else:
        rows = [line.split("\t") for line in result.stdout.splitlines()]
    seminar = next(row for row in rows if row[0] == "sample-seminar")
    assert seminar[1].startswith("'=HYPERLINK") and seminar[2] == "300"  # the number stays a number


def test_one_line_escapes_newlines_and_tabs() -> None:
    assert one_line("a\nb\tc\x1b") == "a\\nb\\tc\\u001b"


def test_a_file_name_with_a_newline_keeps_the_error_on_one_line(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    (root / "bad\nvncoop: ok.yaml").write_text("facts: [\n", encoding="utf-8")
    result = invoke(runner, "list", "--facts-dir", str(root))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "bad\\nvncoop: ok.yaml" in result.stderr


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_home() == tmp_path / ".cache" / "vncoop"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "abs"))
    assert cache_home() == tmp_path / "abs" / "vncoop"


def test_without_a_home_folder_the_corpus_is_read_without_a_cache(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No $HOME and no account entry: ``~`` stays ``~``, which must not become a folder here."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    result = invoke(runner, "list", "--json", "--facts-dir", str(VALID))
    assert result.exit_code == 0 and json.loads(result.stdout)
    assert "without the cache" in result.stderr and not (tmp_path / "~").exists()


def test_a_failing_pager_does_not_swallow_the_output(monkeypatch: pytest.MonkeyPatch) -> None:
    from vncoop.cli.pager import page

    assert page("text", ["false"]) is False  # the caller prints instead
    assert page("text", ["true"]) is True


def test_validate_refuses_a_blank_quote_and_no_sources(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    (root / "sources.yaml").write_text("sources: []\n", encoding="utf-8")
    result = invoke(runner, "validate", str(root))
    assert result.exit_code == 1 and "no sources" in result.stderr
    assert os.path.exists(root)


def test_file_names_that_are_not_utf8_are_read_without_the_cache(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / os.fsdecode(b"corpus-\xfe")
    shutil.copytree(VALID, root)
    odd = root / os.fsdecode(b"more-\xff.yaml")
    odd.write_text((VALID / "facts.yaml").read_text("utf-8").replace("id: sample-", "id: more-"), "utf-8")
    for args in (["list", "--json"], ["search", "japan", "--json"], ["show", "more-seminar", "--json"]):
        result = invoke(runner, *args, "--facts-dir", str(root))
        assert result.exit_code == 0, result.stderr
        assert result.stderr.count("not UTF-8") == 1  # said once, and the run goes on
    assert len(json.loads(invoke(runner, "list", "--json", "--facts-dir", str(root)).stdout)) == 10


def test_an_id_that_is_not_utf8_is_not_found_not_a_crash(runner: CliRunner) -> None:
    result = invoke(runner, "show", os.fsdecode(b"\xff"), "--facts-dir", str(VALID))
    assert result.exit_code == 1 and "\\xff" in result.stderr  # the byte as typed


@pytest.mark.parametrize(
    "args", [["search", "japan", "--json"], ["list", "--json"], ["show", "sample-seminar", "--json"]]
)
def test_a_cache_damaged_inside_its_pages_is_rebuilt(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    from vncoop.index.store import cache_path

    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    expected = invoke(runner, *args, "--facts-dir", str(root))
    location = cache_path(root)
    size = location.stat().st_size
    with location.open("r+b") as handle:  # past the header and the first pages: the data
        handle.seek(size // 2)
        handle.write(b"\xa5" * (size // 3))
    result = invoke(runner, *args, "--facts-dir", str(root))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout
    assert invoke(runner, *args, "--facts-dir", str(root)).stderr == ""  # rebuilt: no warning the next time
