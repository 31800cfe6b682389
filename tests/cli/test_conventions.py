"""The conventions people bring from gh, jq, ripgrep and git (CliRunner; the pty tests are in process/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.cli.options import complete_field_list, complete_kind, complete_sector, complete_source

from conftest import VALID, invoke

ESC = "\x1b"
COMMANDS = ["search", "list", "partner", "show", "validate", "schema", "export", "stats", "timeline", "sources"]


def run(runner: CliRunner, *args: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return invoke(runner, *args, "--facts-dir", str(VALID), **kwargs)


# -- colour changes colour only, never the layout --------------------------------------------
@pytest.mark.parametrize("variable", ["FORCE_COLOR", "CLICOLOR_FORCE"])
def test_force_color_keeps_piped_output_plain(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "1")
    result = run(runner, "list")
    assert result.exit_code == 0
    assert ESC not in result.stdout and "┃" not in result.stdout
    assert result.stdout.splitlines()[0] == "id\tkind\tdate\ttitle\tpartners"


def test_color_never_draws_the_table_without_escapes(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "100")
    coloured = run(runner, "list")
    plain = run(runner, "list", "--color", "never")
    assert ESC in coloured.stdout
    assert ESC not in plain.stdout and "sample-seminar" in plain.stdout and "┃" in plain.stdout


def test_color_always_beats_no_color_and_works_before_the_command(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in run(runner, "list").stdout
    assert ESC in run(runner, "list", "--color", "always").stdout
    assert ESC not in invoke(runner, "--color", "never", "list", "--facts-dir", str(VALID)).stdout


def test_force_tty_width_is_honoured(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "60")
    lines = run(runner, "list", "--color", "never").stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 60


# -- exit status ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["search", "zzzqqq xxyyzz", "-e"], 4),
        (["search", "engineers", "-e"], 0),
        (["search", "zzzqqq xxyyzz"], 0),
        (["list", "--kind", "agreement", "--exit-status"], 4),
        (["list", "--kind", "event", "-e"], 0),
        (["partner", "us", "--kind", "event", "-e"], 4),
        (["timeline", "--since", "2100", "-e"], 4),
        (["timeline", "-e"], 0),
        (["list", "--kind", "agreement", "--json", "-e"], 4),
    ],
)
def test_exit_status_says_no_result(runner: CliRunner, args: list[str], code: int) -> None:
    result = run(runner, *args)
    assert result.exit_code == code, result.stderr


def test_exit_status_on_a_batch_counts_every_query(runner: CliRunner) -> None:
    assert run(runner, "search", "--stdin", "-e", input="zzzqqq\nqqqzzz\n").exit_code == 4
    assert run(runner, "search", "--stdin", "-e", input="zzzqqq\nengineers\n").exit_code == 0


def test_empty_json_is_still_written_with_exit_status(runner: CliRunner) -> None:
    result = run(runner, "search", "zzzqqq", "--json", "-e")
    assert (result.exit_code, json.loads(result.stdout)) == (4, [])


# -- --jq -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "engineers", "--jq", ".[0].id"], ["sample-engineers"]),
        (["list", "--kind", "event", "--jq", ".[].title"], ["Seminar in Tokyo with around 300 guests"]),
        (["list", "--kind", "event", "--jq", ".[0].partners"], ['["JP"]']),
        (["show", "sample-seminar", "--jq", ".attendance"], ["300"]),
        (["stats", "--jq", ".facts"], ["5"]),
        (["timeline", "--jq", ".years[0].year"], ["2024"]),
        (["sources", "--jq", ".[0].facts"], ["3"]),
        (["partner", "japan", "--jq", "length"], ["4"]),
        (["partner", "japan", "--profile", "--jq", ".partner"], ["JP"]),
    ],
)
def test_jq_filters_json_and_prints_strings_raw(runner: CliRunner, args: list[str], expected: list[str]) -> None:
    result = run(runner, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == expected


def test_jq_on_schema_and_on_each_batch_answer(runner: CliRunner) -> None:
    assert invoke(runner, "schema", "--jq", ".title").stdout == "vncoop fact file\n"
    result = run(runner, "search", "--stdin", "--jq", ".results | length", input="engineers\nzzzqqq\n")
    assert result.stdout.splitlines() == ["1", "0"]


@pytest.mark.parametrize("expression", [".[", ".a.b.c |||", ".[0] | .id"])
def test_a_bad_jq_expression_is_a_one_line_usage_error(runner: CliRunner, expression: str) -> None:
    args = ["stats"] if expression.startswith(".[0]") else ["list"]  # the last: fine syntax, wrong data
    result = run(runner, *args, "--jq", expression)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("vncoop: error: --jq") and result.stderr.count("\n") == 1


# -- help -----------------------------------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_examples_of_itself(runner: CliRunner, command: str) -> None:
    result = invoke(runner, command, "-h")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and f"$ vncoop {command}" in result.stdout


def test_help_command_is_the_commands_own_help(runner: CliRunner) -> None:
    assert invoke(runner, "help", "search").stdout == invoke(runner, "search", "-h").stdout
    assert "Commands" in invoke(runner, "help").stdout
    unknown = invoke(runner, "help", "serch")
    assert unknown.exit_code == 2 and "'search'" in unknown.stderr


def test_help_lists_every_command_summary_whole(runner: CliRunner) -> None:
    text = invoke(runner, "-h").stdout
    summaries = [line for line in text.splitlines() if line.strip("│ ").split(" ")[0] in COMMANDS]
    assert len(summaries) >= len(COMMANDS)
    assert not any(line.rstrip(" │").endswith(("...", "…")) for line in summaries)


def test_help_names_values_plainly_and_says_repeats_mean_any(runner: CliRunner) -> None:
    text = invoke(runner, "list", "-h").stdout
    for word in ("YEAR", "KIND", "NAME", "SECTOR", "DIR", "LIST", "EXPR", "any of several", "Filters", "Output"):
        assert word in text, word


# -- usage errors: one line, exit 2, did you mean ------------------------------------------------
@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["serch", "x"], ["'serch'", "'search'"]),
        (["list", "--limti", "3"], ["--limti", "'--limit'"]),
        (["search", "x", "--explian"], ["--explian", "'--explain'"]),
        (["show"], ["ID"]),
        (["list", "--since", "abc"], ["--since", "'abc'"]),
        (["list", "--format", "nope"], ["'nope'"]),
        (["list", "extra-argument"], ["extra-argument"]),
    ],
)
def test_usage_errors_are_one_line_with_suggestions(runner: CliRunner, args: list[str], named: list[str]) -> None:
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("vncoop: error: ") and result.stderr.count("\n") == 1, result.stderr
    for text in named:
        assert text in result.stderr


# -- one surface -------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["list"], ["partner", "japan"], ["timeline"], ["search", "japan"]])
def test_limit_everywhere(runner: CliRunner, command: list[str]) -> None:
    data = json.loads(run(runner, *command, "--limit", "2", "--json").stdout)
    facts = data if isinstance(data, list) else [f for g in data["years"] for f in g["facts"]] + data["undated"]
    assert len(facts) == 2


def test_show_takes_several_ids_and_ids_on_stdin(runner: CliRunner) -> None:
    several = json.loads(run(runner, "show", "sample-seminar", "sample-engineers", "--json").stdout)
    assert [f["id"] for f in several] == ["sample-seminar", "sample-engineers"]
    assert all(f["sources"] for f in several)
    piped = json.loads(run(runner, "show", "-", "--json", input="sample-engineers\nsample-seminar\n").stdout)
    assert [f["id"] for f in piped] == ["sample-engineers", "sample-seminar"]
    one = json.loads(run(runner, "show", "sample-seminar", "--json").stdout)
    assert isinstance(one, dict)  # one id: one object, as before
    assert run(runner, "show", "sample-seminar", "no-such-fact").exit_code == 1


def test_export_to_stdout_and_format_choice(runner: CliRunner, tmp_path: Path) -> None:
    to_stdout = run(runner, "export", "-")
    assert len(json.loads(to_stdout.stdout)) == 5
    lines = run(runner, "export", "-", "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 5 and json.loads(lines[0])["id"]
    assert run(runner, "export", "-", "--format", "sqlite").exit_code == 2
    target = tmp_path / "facts.txt"
    assert run(runner, "export", str(target), "--format", "tsv").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("id\tkind\t")


@pytest.mark.parametrize(("suffix", "start"), [(".tsv", "id\tkind"), (".md", "| id |"), (".yaml", "facts:")])
def test_export_writes_every_text_format(runner: CliRunner, tmp_path: Path, suffix: str, start: str) -> None:
    target = tmp_path / f"facts{suffix}"
    assert run(runner, "export", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(("fmt", "first"), [("csv", "group,value,facts"), ("tsv", "group\tvalue\tfacts")])
def test_stats_takes_a_format(runner: CliRunner, fmt: str, first: str) -> None:
    lines = run(runner, "stats", "--format", fmt).stdout.splitlines()
    assert lines[0] == first and len(lines) > 5


def test_stats_yaml_and_jsonl(runner: CliRunner) -> None:
    assert run(runner, "stats", "--format", "yaml").stdout.startswith("facts: 5")
    rows = [json.loads(line) for line in run(runner, "stats", "--format", "jsonl").stdout.splitlines()]
    assert rows[0] == {"group": "total", "value": "all", "facts": 5}


def test_timeline_filters_like_list(runner: CliRunner) -> None:
    data = json.loads(run(runner, "timeline", "--kind", "investment", "--sector", "semiconductors", "--json").stdout)
    facts = [f for g in data["years"] for f in g["facts"]] + data["undated"]
    assert facts and all(f["kind"] == "investment" and "semiconductors" in f["sectors"] for f in facts)


def test_facts_dir_before_the_command(runner: CliRunner) -> None:
    result = invoke(runner, "--facts-dir", str(VALID), "stats", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["facts"] == 5


def test_search_stdin_refuses_a_format_it_cannot_honour(runner: CliRunner) -> None:
    assert run(runner, "search", "--stdin", "--format", "csv", input="x\n").exit_code == 2
    assert run(runner, "search", "--stdin", "--format", "jsonl", input="engineers\n").exit_code == 0


def test_search_joins_unquoted_words(runner: CliRunner) -> None:
    joined = run(runner, "search", "semiconductor", "engineers", "--json")
    quoted = run(runner, "search", "semiconductor engineers", "--json")
    assert joined.exit_code == 0 and joined.stdout == quoted.stdout


def test_piped_partner_is_rows_only_and_profile_is_its_own_output(runner: CliRunner) -> None:
    lines = run(runner, "partner", "japan").stdout.splitlines()
    assert lines[0].startswith("id\t") and not any(line.startswith("#") for line in lines)
    profile = json.loads(run(runner, "partner", "japan", "--profile", "--json").stdout)
    assert profile["partner"] == "JP" and profile["facts"] == 4
    assert any(row["label"] == "Investment figures" for row in profile["profile"])
    assert isinstance(json.loads(run(runner, "partner", "japan", "--json").stdout), list)


# -- completion ---------------------------------------------------------------------------------
def test_completion_of_kinds_sectors_fields_and_sources() -> None:
    assert complete_kind("tr") == ["training_target"]
    assert "semiconductors" in complete_sector("sem")
    assert complete_field_list("id,ti") == ["id,title", "id,titles"]
    assert "id" not in [value.split(",")[-1] for value in complete_field_list("id,")]

    class Context:
        params = {"facts_dir": str(VALID)}

    assert complete_source(Context(), "sample-e") == ["sample-en"]
    assert complete_source(Context(), "zzz") == []
