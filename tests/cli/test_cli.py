"""The CLI through Typer's CliRunner: every command, option, output contract and exit code."""

from __future__ import annotations

import json
import sys

import pytest
from typer.testing import CliRunner

from vncoop import __version__

from conftest import REPO_FACTS, VALID, invoke


def facts_json(result) -> list[dict]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"vncoop {__version__}"


@pytest.mark.parametrize("command", ["search", "list", "partner", "show", "validate"])
def test_every_command_has_short_help(runner: CliRunner, command: str) -> None:
    result = invoke(runner, command, "-h")
    assert result.exit_code == 0
    assert command in result.stdout and "--help" in result.stdout


def test_search_json_contract(runner: CliRunner) -> None:
    data = facts_json(invoke(runner, "search", "engineers", "--json", "--facts-dir", str(VALID)))
    assert data[0]["id"] == "sample-engineers"
    first = data[0]
    assert list(first)[:9] == [
        "id",
        "kind",
        "title",
        "summary",
        "date",
        "date_derived",
        "partners",
        "organizations",
        "sectors",
    ]
    assert list(first)[-4:] == ["keywords", "evidence", "score", "snippet"]
    assert isinstance(first["score"], float)
    snippet = first["snippet"]
    assert list(snippet) == ["source", "quote", "text", "highlights", "cited"]
    quote = first["evidence"][snippet["quote"]]["quote"]
    assert snippet["source"] == first["evidence"][snippet["quote"]]["source"] and snippet["text"] in quote
    assert [snippet["text"][a:b].lower() for a, b in snippet["highlights"]] == ["engineers"]


def test_search_writes_utf8_unescaped(runner: CliRunner) -> None:
    result = invoke(runner, "search", "Nhật Bản", "--json", "--facts-dir", str(VALID))
    assert "Nhật Bản" in result.stdout
    assert "\\u" not in result.stdout


def test_search_no_match_is_empty_list(runner: CliRunner) -> None:
    result = invoke(runner, "search", "zzzqqq xxyyzz", "--json", "--facts-dir", str(VALID))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_search_no_match_table_notes_on_stderr(runner: CliRunner) -> None:
    result = invoke(runner, "search", "zzzqqq", "--facts-dir", str(VALID))
    assert result.exit_code == 0
    assert "no facts match" in result.stderr
    assert "no facts match" not in result.stdout


def test_search_limit(runner: CliRunner) -> None:
    data = facts_json(invoke(runner, "search", "Japan", "--json", "--limit", "2", "--facts-dir", str(VALID)))
    assert len(data) == 2


@pytest.mark.parametrize("value", ["0", "-1", "abc"])
def test_search_bad_limit_is_usage_error(runner: CliRunner, value: str) -> None:
    result = invoke(runner, "search", "x", "--limit", value, "--facts-dir", str(VALID))
    assert result.exit_code == 2
    assert result.stdout == ""


def test_search_filters(runner: CliRunner) -> None:
    data = facts_json(
        invoke(
            runner, "search", "Japan", "--kind", "investment", "--since", "2025", "--json", "--facts-dir", str(VALID)
        )
    )
    assert [f["id"] for f in data] == ["sample-growth"]


@pytest.mark.parametrize("name", ["japan", "Japon", "JP", "JPN", "Nhật Bản", "nhat ban", "日本", "  JAPAN "])
def test_partner_names_resolve(runner: CliRunner, name: str) -> None:
    data = facts_json(invoke(runner, "partner", name, "--json", "--facts-dir", str(VALID)))
    assert data and all("JP" in f["partners"] for f in data)


@pytest.mark.parametrize(
    "name", ["us", "USA", "united states", "États-Unis", "etats-unis", "Hoa Kỳ", "Mỹ", "america", "U.S."]
)
def test_us_names_resolve(runner: CliRunner, name: str) -> None:
    data = facts_json(invoke(runner, "partner", name, "--json", "--facts-dir", str(VALID)))
    assert [f["id"] for f in data] == ["sample-chip-plant"]


def test_partner_newest_first(runner: CliRunner) -> None:
    data = facts_json(invoke(runner, "partner", "japan", "--json", "--facts-dir", str(VALID)))
    assert [f["id"] for f in data] == ["sample-growth", "sample-seminar", "sample-chip-plant", "sample-capital"]


def test_partner_unknown_suggests(runner: CliRunner) -> None:
    result = invoke(runner, "partner", "japn", "--facts-dir", str(VALID))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "did you mean" in result.stderr and "Japan" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_partner_equals_list_partner(runner: CliRunner) -> None:
    a = facts_json(invoke(runner, "partner", "japan", "--json", "--facts-dir", str(VALID)))
    b = facts_json(invoke(runner, "list", "--partner", "japan", "--json", "--facts-dir", str(VALID)))
    assert a == b


def test_partner_table_has_profile_on_a_terminal_only(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    piped = invoke(runner, "partner", "japan", "--facts-dir", str(VALID))
    assert piped.exit_code == 0
    assert "Investment figures" not in piped.stdout and not piped.stdout.startswith("#")
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "1")
    result = invoke(runner, "partner", "japan", "--facts-dir", str(VALID))
    assert result.exit_code == 0
    assert "Investment figures" in result.stdout
    assert "nearly 78.6 billion USD" in result.stdout


def test_list_filters(runner: CliRunner) -> None:
    ids = lambda *a: [f["id"] for f in facts_json(invoke(runner, "list", "--json", "--facts-dir", str(VALID), *a))]  # noqa: E731
    assert ids("--kind", "event") == ["sample-seminar"]
    assert set(ids("--kind", "event", "--kind", "training_target")) == {"sample-seminar", "sample-engineers"}
    assert ids("--sector", "human-resources") == ["sample-engineers"]
    assert ids("--since", "2025") == ["sample-growth"]
    assert ids("--until", "2024") == ["sample-seminar", "sample-chip-plant"]
    assert set(ids("--source", "sample-fr")) == {"sample-growth", "sample-capital"}


def test_list_unknown_kind_is_usage_error(runner: CliRunner) -> None:
    result = invoke(runner, "list", "--kind", "evnt", "--facts-dir", str(VALID))
    assert result.exit_code == 2
    assert "event" in result.stderr


def test_list_unknown_source(runner: CliRunner) -> None:
    result = invoke(runner, "list", "--source", "nope", "--facts-dir", str(VALID))
    assert result.exit_code == 1


def test_show_json_is_one_object_with_sources(runner: CliRunner) -> None:
    result = invoke(runner, "show", "sample-capital", "--json", "--facts-dir", str(VALID))
    data = json.loads(result.stdout)
    assert data["id"] == "sample-capital"
    assert data["sources"][0]["id"] == "sample-fr"


def test_show_table_prints_evidence_and_source(runner: CliRunner) -> None:
    result = invoke(runner, "show", "sample-seminar", "--facts-dir", str(VALID))
    assert result.exit_code == 0
    assert "A seminar in Tokyo on Tuesday drew around 300 guests." in result.stdout
    assert "Example Wire" in result.stdout


def test_show_unknown_id_suggests(runner: CliRunner) -> None:
    result = invoke(runner, "show", "sample-semminar", "--facts-dir", str(VALID))
    assert result.exit_code == 1
    assert "sample-seminar" in result.stderr
    assert result.stdout == ""


def test_env_var_selects_corpus(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_FACTS_DIR", str(VALID))
    data = facts_json(invoke(runner, "list", "--json"))
    assert len(data) == 5


def test_embedded_corpus_by_default(runner: CliRunner) -> None:
    data = facts_json(invoke(runner, "list", "--json"))
    assert len(data) > 5


def test_piped_table_is_plain(runner: CliRunner) -> None:
    result = invoke(runner, "list", "--facts-dir", str(VALID))
    assert "\x1b[" not in result.stdout
    assert result.stdout.splitlines()[0].split("\t")[:2] == ["id", "kind"]


def test_markup_in_corpus_is_literal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "1")
    result = invoke(runner, "show", "sample-chip-plant", "--facts-dir", str(VALID))
    assert result.exit_code == 0
    assert "[bold]not markup[/]" in result.stdout


def test_validate_ok(runner: CliRunner) -> None:
    result = invoke(runner, "validate", str(VALID))
    assert result.exit_code == 0
    assert "no problems" in result.stderr


def test_validate_shipped_corpus(runner: CliRunner) -> None:
    result = invoke(runner, "validate", str(REPO_FACTS))
    assert result.exit_code == 0, result.stderr


def test_search_stdin_batch(runner: CliRunner) -> None:
    result = invoke(
        runner, "search", "--stdin", "--fields", "id", "--facts-dir", str(VALID), input="engineers\n\nzzzqqq\n78,6\n"
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["engineers", "", "zzzqqq", "78,6"]
    assert lines[0]["results"][0] == {"id": "sample-engineers"}
    assert lines[1]["results"] == [] and lines[2]["results"] == []
    assert lines[3]["results"][0]["id"] == "sample-capital"


@pytest.mark.parametrize("args", [["search"], ["search", "x", "--stdin"]])
def test_search_needs_exactly_one_query_source(runner: CliRunner, args: list[str]) -> None:
    result = invoke(runner, *args, "--facts-dir", str(VALID), input="")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_sources_fields(runner: CliRunner) -> None:
    result = invoke(runner, "sources", "--format", "csv", "--fields", "id,facts", "--facts-dir", str(VALID))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["id,facts", "sample-en,3", "sample-fr,2"]
    bad = invoke(runner, "sources", "--fields", "quote", "--facts-dir", str(VALID))
    assert bad.exit_code == 2 and "valid fields: id, title" in bad.stderr


def test_a_named_command_is_built_alone_and_behaves_the_same(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from vncoop.cli import entry
    from vncoop.cli import main as cli

    assert [info.callback for info in entry.app_for(["search", "x"]).registered_commands] == [cli.search]
    assert all(entry.app_for(args) is cli.app for args in (["--help"], ["serch"], []))
    args = ["search", "engineers", "--json", "--facts-dir", str(VALID)]
    monkeypatch.setattr(sys, "argv", ["vncoop", *args])
    with pytest.raises(SystemExit) as info:
        entry.main()
    assert info.value.code in (0, None)
    assert capsys.readouterr().out == CliRunner().invoke(cli.app, args).stdout
