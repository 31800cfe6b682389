"""`vncoop validate`: the evidence checks beyond the schema, each able to fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import VALID, invoke


def corpus_with(tmp_path: Path, old: str, new: str, file: str = "facts.yaml") -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def validate(runner: CliRunner, root: Path):  # type: ignore[no-untyped-def]
    return invoke(runner, "validate", str(root))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "quote: The country aims to train 50,000 engineers by 2030.",
            "quote: The country aims to train 60,000 engineers by 2030.",
            "sample-engineers: evidence.0.quote: quote not found in the archived text of source 'sample-en'",
        ),
        (
            "    count: 50000\n",
            "    count: 5000\n",
            "sample-engineers: count: 5000 does not appear in the fact's quotes",
        ),
        ("    amount: 78.6\n", "    amount: 78.5\n", "sample-capital: amount: 78.5 does not appear"),
        ("    deadline: 2030\n", "    deadline: 2031\n", "sample-engineers: deadline: 2031 does not appear"),
        ('    date: "2024-07-09"\n', '    date: "2024-02-30"\n', "sample-seminar: date: not a valid day"),
    ],
)
def test_each_evidence_problem_is_reported(
    runner: CliRunner, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    result = validate(runner, corpus_with(tmp_path, old, new))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert expected in result.stderr
    assert "facts.yaml:" in result.stderr


def test_number_in_another_notation_passes(runner: CliRunner) -> None:
    # amount 78.6 is found in a quote that says "78,6"; count 50000 in "50,000".
    assert validate(runner, VALID).exit_code == 0


def test_whitespace_and_typographic_quotes_are_folded(runner: CliRunner, tmp_path: Path) -> None:
    root = corpus_with(
        tmp_path,
        "Japan plans to invest $200 million in a chip plant.",
        "Japan’s plan:   invest $200 million in a chip plant.",
        "texts/sample-en.txt",
    )
    (root / "facts.yaml").write_text(
        (root / "facts.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "quote: Japan plans to invest $200 million in a chip plant.",
            'quote: "Japan\'s plan: invest $200\\n  million in a chip plant."',
        ),
        encoding="utf-8",
    )
    result = validate(runner, root)
    assert result.exit_code == 0, result.stderr


def test_unused_source_and_missing_archive(runner: CliRunner, tmp_path: Path) -> None:
    root = corpus_with(tmp_path, "    text: texts/sample-fr.txt\n", "    text: texts/missing.txt\n", "sources.yaml")
    with (root / "sources.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  - id: never-cited\n    title: Unused\n    language: en\n    text: texts/sample-en.txt\n")
    result = validate(runner, root)
    assert result.exit_code == 1
    assert "never-cited: source is not used by any fact" in result.stderr
    assert "sample-fr: text: archived text texts/missing.txt not found" in result.stderr


def test_overlong_quote(runner: CliRunner, tmp_path: Path) -> None:
    long_line = "word " * 200
    root = corpus_with(
        tmp_path, "A seminar in Tokyo on Tuesday", long_line + "A seminar in Tokyo on Tuesday", "texts/sample-en.txt"
    )
    facts = root / "facts.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            "quote: A seminar in Tokyo on Tuesday", "quote: " + long_line.strip() + " A seminar in Tokyo on Tuesday"
        ),
        encoding="utf-8",
    )
    result = validate(runner, root)
    assert result.exit_code == 1
    assert "characters (limit 600)" in result.stderr


def test_all_problems_in_one_run(runner: CliRunner, tmp_path: Path) -> None:
    root = corpus_with(tmp_path, "    count: 50000\n", "    count: 5000\n")
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("    amount: 78.6\n", "    amount: 78.5\n"), "utf-8")
    result = validate(runner, root)
    assert result.exit_code == 1
    assert "count: 5000" in result.stderr and "amount: 78.5" in result.stderr
    assert "2 problems" in result.stderr


def test_an_edited_archive_fails_its_sha256(tmp_path: Path) -> None:
    import hashlib
    import shutil

    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    text = root / "texts" / "sample-en.txt"
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    sources = root / "sources.yaml"
    listed = "text: texts/sample-en.txt"
    sources.write_text(sources.read_text("utf-8").replace(listed, f"{listed}\n    sha256: {digest}"), "utf-8")
    runner = CliRunner()
    assert invoke(runner, "validate", str(root)).exit_code == 0
    text.write_text(text.read_text("utf-8") + "An added line.\n", "utf-8")
    result = invoke(runner, "validate", str(root))
    assert result.exit_code == 1 and "sample-en: sha256:" in result.stderr and "no longer matches" in result.stderr
