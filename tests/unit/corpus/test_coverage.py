"""`vncoop coverage`: the sentences of a source that no quote covers, likely claims first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from vncoop.corpus.coverage import sentence_spans, uncovered_sentences

from conftest import VALID, invoke

TEXT = (
    "Headline of the day\n"
    "Japan plans to invest $200 million in a chip plant. It is a big step.\n"
    "JETRO opened an office in 2024.Nothing else happened.\n"
    "Japan plans to invest $200 million in a chip plant.\n"  # the page repeats a paragraph
)


def test_sentences_end_at_marks_lines_and_lost_spaces() -> None:
    pieces = [TEXT[a:b] for a, b in sentence_spans(TEXT)]
    assert pieces[:5] == [
        "Headline of the day",
        "Japan plans to invest $200 million in a chip plant.",
        "It is a big step.",
        "JETRO opened an office in 2024.",
        "Nothing else happened.",
    ]
    initials = "The U.S.A. and Japan. Next one."
    assert [initials[a:b] for a, b in sentence_spans(initials)] == ["The U.S.A. and Japan.", "Next one."]


def test_uncovered_sentences_flagged_first_and_repeats_covered() -> None:
    quote = TEXT.index("Japan plans")
    total, found = uncovered_sentences("s", TEXT, [(quote, quote + 20)], {"JETRO": "jetro"})
    assert total == 6
    assert [item["text"] for item in found] == [
        "JETRO opened an office in 2024.",  # a date and an entity (a year is a date, not a number)
        "Headline of the day",
        "It is a big step.",
        "Nothing else happened.",
    ]
    assert found[0]["flags"] == ["date", "entity"] and found[0]["entities"] == ["jetro"]
    assert found[0]["line"] == 3


def test_coverage_command(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    text = root / "texts" / "sample-en.txt"
    text.write_text(text.read_text("utf-8") + "Nobody quoted this sentence about 42 robots.\n", "utf-8")
    runner = CliRunner()
    result = invoke(runner, "coverage", "sample-en", "--json", "--facts-dir", str(root))
    assert result.exit_code == 0
    sentences = json.loads(result.stdout)
    assert sentences[0]["text"] == "Nobody quoted this sentence about 42 robots." and sentences[0]["flags"] == [
        "number"
    ]
    table = invoke(runner, "coverage", "--flagged", "--facts-dir", str(root))
    assert "sample-en:" in table.stderr and "42 robots" in table.stdout
    missing = invoke(runner, "coverage", "sample-e", "--facts-dir", str(root))
    assert missing.exit_code == 1 and "did you mean" in missing.stderr


def test_may_the_verb_is_no_date() -> None:
    text = "Firms may invest more.\nThe forum opened on 5 May in Hanoi.\n"
    _total, found = uncovered_sentences("s", text, [], {})
    assert {item["text"]: item["flags"] for item in found} == {
        "The forum opened on 5 May in Hanoi.": ["number", "date"],
        "Firms may invest more.": [],
    }
