"""list, partner and timeline stream the cache's stored JSON without parsing it: the output is
byte for byte what the parsed path writes (which a run without the cache takes), in every case,
hostile text included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_hostile_input import hostile_corpus  # noqa: F401 - the fixture: a corpus with escapes, bidi, markup
from typer.testing import CliRunner

from conftest import REPO_FACTS, VALID, invoke

CASES = [
    ["list", "--json"],
    ["list", "--format", "jsonl"],
    ["list", "--json", "--kind", "event", "--limit", "2"],
    ["list", "--json", "--since", "2030"],  # nothing: []
    ["list", "--format", "jsonl", "--partner", "us", "--sector", "ai"],
    ["partner", "japan", "--json"],
    ["partner", "us", "--format", "jsonl", "--limit", "1"],
    ["timeline", "--json"],
    ["timeline", "--json", "--since", "2024", "--limit", "3"],
    ["timeline", "--json", "--limit", "1"],
    ["timeline", "--json", "--until", "1990"],  # nothing: no years, no undated
    ["stats", "--json", "--partner", "japan"],
]


def _both(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], root: Path) -> tuple[str, str]:
    streamed = invoke(runner, *args, "--facts-dir", str(root))
    assert streamed.exit_code == 0, streamed.output
    monkeypatch.setenv("VNCOOP_NO_CACHE", "1")
    parsed = invoke(runner, *args, "--facts-dir", str(root))
    monkeypatch.delenv("VNCOOP_NO_CACHE")
    return streamed.stdout, parsed.stdout


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_streamed_output_is_the_parsed_output(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    streamed, parsed = _both(runner, monkeypatch, args, REPO_FACTS)
    assert streamed == parsed
    if "jsonl" not in args:
        json.loads(streamed)  # valid JSON, whatever the filter kept
    else:
        assert all(json.loads(line) for line in streamed.splitlines())


@pytest.mark.parametrize("args", [["list", "--json"], ["list", "--format", "jsonl"], ["timeline", "--json"]])
def test_streamed_hostile_text_is_escaped_as_parsed_text_is(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    hostile_corpus: Path,  # noqa: F811
) -> None:
    streamed, parsed = _both(runner, monkeypatch, args, hostile_corpus)
    assert streamed == parsed and "\x1b" not in streamed


def test_an_empty_stream_with_exit_status_is_exit_4(runner: CliRunner) -> None:
    result = invoke(runner, "list", "--json", "--since", "2030", "-e", "--facts-dir", str(VALID))
    assert result.exit_code == 4 and result.stdout == "[]\n"


def test_other_languages_and_fields_take_the_parsed_path(runner: CliRunner) -> None:
    french = json.loads(invoke(runner, "list", "--json", "--lang", "fr", "--facts-dir", str(VALID)).stdout)
    assert all(fact["title"] == fact["titles"]["fr"] for fact in french)
    picked = json.loads(invoke(runner, "list", "--json", "--fields", "id", "--facts-dir", str(VALID)).stdout)
    assert all(list(fact) == ["id"] for fact in picked)


@pytest.mark.parametrize("name", ["facts.json", "facts.jsonl"])
def test_an_export_streamed_from_the_cache_is_the_parsed_export(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    streamed, parsed = tmp_path / "streamed" / name, tmp_path / "parsed" / name
    streamed.parent.mkdir()
    parsed.parent.mkdir()
    assert invoke(runner, "export", str(streamed), "--facts-dir", str(REPO_FACTS)).exit_code == 0
    monkeypatch.setenv("VNCOOP_NO_CACHE", "1")
    assert invoke(runner, "export", str(parsed), "--facts-dir", str(REPO_FACTS)).exit_code == 0
    assert streamed.read_bytes() == parsed.read_bytes()
    monkeypatch.delenv("VNCOOP_NO_CACHE")
    again = invoke(runner, "export", str(streamed), "--facts-dir", str(REPO_FACTS))
    assert again.exit_code == 1 and "--force" in again.stderr  # the same refusals as before


def test_export_to_stdout_streams_the_same_lines(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    streamed, parsed = _both(runner, monkeypatch, ["export", "-", "--format", "jsonl"], REPO_FACTS)
    every = json.loads(invoke(runner, "list", "--json", "--facts-dir", str(REPO_FACTS)).stdout)
    assert streamed == parsed and len(streamed.splitlines()) == len(every)
