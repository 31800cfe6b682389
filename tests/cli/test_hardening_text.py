"""Text that looks the same but is not the same characters, long queries, paths outside the corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.text.fold import fold, word_tokens

from conftest import VALID, invoke


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("semi\u00adconductor", "semiconductor"),  # a soft hyphen
        ("semi\u200bconductor", "semiconductor"),  # a zero-width space
        ("Ｊａｐａｎ", "japan"),  # full-width Latin
        ("ﬁnance", "finance"),  # a ligature
        ("İstanbul", "istanbul"),  # a dotted capital I
    ],
)
def test_compatibility_forms_and_invisible_characters_match_what_they_look_like(typed: str, meant: str) -> None:
    assert [fold(token) for token in word_tokens(typed)] == [meant]


def test_a_full_width_query_finds_the_fact(runner: CliRunner) -> None:
    plain = json.loads(invoke(runner, "search", "Japan", "--json", "--facts-dir", str(VALID)).stdout)
    wide = json.loads(invoke(runner, "search", "Ｊａｐａｎ", "--json", "--facts-dir", str(VALID)).stdout)
    assert [f["id"] for f in wide] == [f["id"] for f in plain] != []


def test_a_very_long_query_is_cut_with_a_warning(runner: CliRunner) -> None:
    result = invoke(runner, "search", "engineers " * 1000, "--json", "--facts-dir", str(VALID))
    assert result.exit_code == 0 and "warning" in result.stderr and "first 2000" in result.stderr


def test_a_very_long_stdin_line_is_cut_and_the_next_line_still_read(runner: CliRunner) -> None:
    result = invoke(
        runner, "search", "--stdin", "--fields", "id", "--facts-dir", str(VALID), input="x" * 50_000 + "\nengineers\n"
    )
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 2 and len(answers[0]["query"]) == 2000
    assert answers[1]["results"][0] == {"id": "sample-engineers"}


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside.txt", "texts/../../outside.txt", "C:/x.txt"])
def test_an_archived_text_outside_the_corpus_is_refused(runner: CliRunner, tmp_path: Path, path: str) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    sources = root / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("text: texts/sample-en.txt", f"text: {path}"), "utf-8"
    )
    result = invoke(runner, "validate", str(root))
    assert result.exit_code == 1 and "inside the corpus" in result.stderr
