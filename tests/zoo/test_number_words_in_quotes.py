"""validate reads a number written in words in a quote: a typed field may state it as a figure."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import VALID, invoke


def _corpus(tmp_path: Path, sentence: str, count: int) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    text = root / "texts" / "sample-en.txt"
    text.write_text(text.read_text(encoding="utf-8") + sentence + "\n", encoding="utf-8")
    facts = root / "facts.yaml"
    body = facts.read_text(encoding="utf-8")
    body = body.replace("count: 50000", f"count: {count}")
    body = body.replace("quote: The country aims to train 50,000 engineers by 2030.", f"quote: {sentence}")
    facts.write_text(body, encoding="utf-8")
    return root


def test_a_count_stated_in_words_validates(runner: CliRunner, tmp_path: Path) -> None:
    root = _corpus(tmp_path, "The country aims to train fifty thousand engineers by 2030.", 50000)
    assert invoke(runner, "validate", str(root)).exit_code == 0


def test_a_count_the_words_do_not_state_is_a_problem(runner: CliRunner, tmp_path: Path) -> None:
    root = _corpus(tmp_path, "The country aims to train fifty thousand engineers by 2030.", 60000)
    result = invoke(runner, "validate", str(root))
    assert result.exit_code == 1 and "count" in result.stderr
