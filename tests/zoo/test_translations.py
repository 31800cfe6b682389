"""validate: every fact has its title and summary in English, French and Vietnamese, and each
translation states the English's figures (in any notation)."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import VALID, invoke


def _corpus(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    facts = root / "facts.yaml"
    body = facts.read_text(encoding="utf-8")
    assert body.count(old) == 1
    facts.write_text(body.replace(old, new), encoding="utf-8")
    return root


def test_the_shipped_test_corpus_is_translated_faithfully(runner: CliRunner) -> None:
    assert invoke(runner, "validate", str(VALID)).exit_code == 0


def test_a_translation_with_another_figure_is_a_problem_at_its_line(runner: CliRunner, tmp_path: Path) -> None:
    root = _corpus(tmp_path, "Former 50 000 ingénieurs d'ici 2030", "Former 60 000 ingénieurs d'ici 2030")
    result = invoke(runner, "validate", str(root))
    assert result.exit_code == 1
    line = next(
        n for n, text in enumerate((root / "facts.yaml").read_text("utf-8").splitlines(), 1) if "60 000" in text
    )
    assert f"facts.yaml:{line}: sample-engineers: title.fr:" in result.stderr
    assert "'50,000'" in result.stderr and "'60 000'" in result.stderr


def test_a_missing_language_is_a_problem(runner: CliRunner, tmp_path: Path) -> None:
    root = _corpus(tmp_path, ', vi: "Đào tạo 50.000 kỹ sư đến năm 2030"}', "}")
    result = invoke(runner, "validate", str(root))
    assert result.exit_code == 1 and "sample-engineers: title.vi:" in result.stderr


def test_a_title_in_one_language_only_is_a_problem(runner: CliRunner, tmp_path: Path) -> None:
    old = (
        'title: {en: "Train 50,000 engineers by 2030", fr: "Former 50 000 ingénieurs d\'ici 2030", '
        'vi: "Đào tạo 50.000 kỹ sư đến năm 2030"}'
    )
    root = _corpus(tmp_path, old, "title: Train 50,000 engineers by 2030")
    result = invoke(runner, "validate", str(root))
    assert result.exit_code == 1 and "sample-engineers: title:" in result.stderr


def test_every_problem_of_every_translation_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    root = _corpus(
        tmp_path, "Le pays vise à former 50 000 ingénieurs d'ici 2030.", "Le pays vise à former 5 000 ingénieurs."
    )
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text("utf-8").replace("khoảng 300 khách mời", "khoảng 30 khách mời"), "utf-8")
    result = invoke(runner, "validate", str(root))
    assert "summary.fr" in result.stderr and "title.vi" in result.stderr and "summary.vi" in result.stderr
