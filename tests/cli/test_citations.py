"""From an answer to a citation: the archived source, quotes in context, citations in four styles."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import VALID, invoke

FACT = "sample-engineers"


def _ok(result):  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_source_prints_its_metadata_and_archived_text(runner: CliRunner) -> None:
    archive = (VALID / "texts" / "sample-en.txt").read_text("utf-8")
    data = json.loads(_ok(invoke(runner, "source", "sample-en", "--json", "--facts-dir", str(VALID))))
    assert data["text"] == archive and data["archive"] == "texts/sample-en.txt" and data["publisher"] == "Example Wire"
    plain = _ok(invoke(runner, "source", "sample-en", "--facts-dir", str(VALID)))
    assert plain.startswith("id\tsample-en\n") and archive.strip() in plain


def test_an_unknown_source_says_what_it_might_be(runner: CliRunner) -> None:
    result = invoke(runner, "source", "sample-e", "--facts-dir", str(VALID))
    assert result.exit_code == 1 and "sample-en" in result.stderr


def test_show_context_gives_the_sentences_around_each_quote(runner: CliRunner) -> None:
    fact = json.loads(_ok(invoke(runner, "show", FACT, "--context", "--json", "--facts-dir", str(VALID))))
    evidence = fact["evidence"][0]
    archive = (VALID / "texts" / "sample-en.txt").read_text("utf-8")
    assert set(evidence["context"]) == {"before", "after"}
    joined = " ".join(archive.split())
    assert " ".join([evidence["context"]["before"], evidence["quote"]]).strip() in joined
    plain = _ok(invoke(runner, "show", FACT, "--context", "--facts-dir", str(VALID)))
    assert "evidence.1.context.before\t" in plain


@pytest.mark.parametrize("style", ["text", "csl-json", "bibtex", "ris"])
def test_cite_never_invents_what_the_source_does_not_say(runner: CliRunner, style: str) -> None:
    """sample-fr has no publisher, date or URL: none may appear; sample-en has them."""
    out = _ok(invoke(runner, "cite", "sample-capital", "sample-en", "--style", style, "--facts-dir", str(VALID)))
    if style == "csl-json":
        fact_item, source_item = json.loads(out)
        assert fact_item["id"] == "sample-capital" and "78,6" in fact_item["note"]
        assert not {"issued", "publisher", "container-title", "URL"} & set(fact_item)
        assert fact_item["title"].startswith("[")  # a description, not a headline
        assert source_item["issued"] == {"date-parts": [[2024, 7, 10]]} and source_item["publisher"] == "Example Wire"
    elif style == "text":
        first, second = out.splitlines()
        assert "undated" in first and "78,6" in first and second.startswith("Example Wire, ")
    elif style == "bibtex":
        assert out.count("@article{") == 2 and "year = {2024}" in out and out.count("year =") == 1
    else:
        assert out.count("TY  - NEWS") == 2 and out.count("ER  - ") == 2 and "DA  - 2024/07/10/" in out


def test_cite_an_unknown_id_exits_1_with_suggestions(runner: CliRunner) -> None:
    result = invoke(runner, "cite", "sample-engineer", "--facts-dir", str(VALID))
    assert result.exit_code == 1 and "sample-engineers" in result.stderr


def test_the_sqlite_export_holds_each_archived_text(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    _ok(invoke(runner, "export", str(target), "--facts-dir", str(VALID)))
    with sqlite3.connect(target) as db:
        text, archive = db.execute("SELECT text, archive FROM sources WHERE id = 'sample-en'").fetchone()
    assert text == (VALID / "texts" / "sample-en.txt").read_text("utf-8") and archive == "texts/sample-en.txt"


def test_an_id_naming_a_fact_and_a_source_cites_the_fact_and_each_id_once(runner: CliRunner) -> None:
    both = "vietnam-it-day-2024-tokyo"  # in the shipped corpus, a fact about its own source
    out = _ok(invoke(runner, "cite", both, both, "--style", "csl-json"))
    items = json.loads(out)
    assert [item["id"] for item in items][:1] == [both] and "note" in items[0]
    assert len({item["id"] for item in items}) == len(items)


def test_context_in_a_format_that_cannot_show_it_is_a_usage_error(runner: CliRunner) -> None:
    result = invoke(runner, "show", FACT, "--context", "--format", "yaml", "--facts-dir", str(VALID))
    assert result.exit_code == 2 and "--context" in result.stderr
