"""Renderers on hand-built views, without the CLI: every format, hostile text, one object or many."""

from __future__ import annotations

import csv
import io
import json

import pytest

from vncoop.corpus.yaml_reader import load as load_yaml
from vncoop.output.formats import RENDERERS, OutputFormat, render
from vncoop.output.rich_tables import rich_table
from vncoop.output.view import Terminal, View

ESC, BIDI = "\x1b", "\u202e"
HOSTILE = f"[bold]Tokyo[/] {ESC}[31mred{BIDI} | a\tb\nc"


def record(fact_id: str = "f-1", title: str = "Semiconductor seminar") -> dict[str, object]:
    return {
        "id": fact_id,
        "kind": "event",
        "title": title,
        "summary": "A seminar.",
        "date": "2024-Q1",
        "date_derived": False,
        "partners": ["JP"],
        "organizations": ["JETRO", "VNA"],
        "sectors": ["semiconductors"],
        "location": "Tokyo",
        "keywords": {"en": ["chip"], "fr": [], "vi": []},
        "evidence": [{"source": "src-a", "quote": "a quote"}],
    }


def rendered(view: View, fmt: OutputFormat, is_terminal: bool = False) -> str:
    out = io.StringIO()
    render(view, fmt, out, Terminal(colour=True, width=100) if is_terminal else None)
    return out.getvalue()


def test_every_output_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(OutputFormat)


@pytest.mark.parametrize("fmt", list(OutputFormat))
@pytest.mark.parametrize("is_terminal", [False, True])
def test_no_renderer_lets_control_or_bidi_characters_through(fmt: OutputFormat, is_terminal: bool) -> None:
    text = rendered(View([record(title=HOSTILE)]), fmt, is_terminal)
    if not (is_terminal and fmt is OutputFormat.table):  # a rich table has escape codes of its own
        assert ESC not in text
    assert f"{ESC}[31mred" not in text and BIDI not in text
    assert "Tokyo" in text


def test_json_is_an_array_and_a_single_view_one_object() -> None:
    assert json.loads(rendered(View([record(), record("f-2")]), OutputFormat.json))[1]["id"] == "f-2"
    assert json.loads(rendered(View([record()], single=True), OutputFormat.json))["id"] == "f-1"
    assert json.loads(rendered(View([]), OutputFormat.json)) == []


def test_json_round_trips_hostile_text_exactly() -> None:
    assert json.loads(rendered(View([record(title=HOSTILE)]), OutputFormat.json))[0]["title"] == HOSTILE


def test_jsonl_is_one_object_per_line_in_the_chosen_fields() -> None:
    lines = rendered(View([record(), record("f-2")], ["id", "quote"]), OutputFormat.jsonl).splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": "f-1", "quote": "a quote"},
        {"id": "f-2", "quote": "a quote"},
    ]


def test_csv_has_a_header_lists_joined_and_the_first_quote() -> None:
    rows = list(csv.DictReader(io.StringIO(rendered(View([record()]), OutputFormat.csv))))
    assert rows[0]["organizations"] == "JETRO; VNA"
    assert (rows[0]["source"], rows[0]["quote"]) == ("src-a", "a quote")


def test_tsv_and_piped_tables_escape_tabs_and_newlines() -> None:
    for fmt in (OutputFormat.tsv, OutputFormat.table):
        lines = rendered(View([record(title="a\tb\nc")], ["id", "title"]), fmt).splitlines()
        assert lines == ["id\ttitle", "f-1\ta\\tb\\nc"], fmt


def test_markdown_escapes_pipes_and_keeps_one_row_per_record() -> None:
    text = rendered(View([record(title="a | b")], ["id", "title"]), OutputFormat.markdown)
    assert text.splitlines()[2] == "| f-1 | a \\| b |"


def test_yaml_is_a_fact_file_the_corpus_reader_reads_back() -> None:
    data, _ = load_yaml(rendered(View([{**record(title=HOSTILE), "score": 1.0}]), OutputFormat.yaml))
    assert data["facts"][0]["title"] == HOSTILE
    assert "score" not in data["facts"][0]  # search's extras are not fact fields


def test_rich_table_reads_no_markup_from_the_corpus() -> None:
    out = io.StringIO()
    rich_table(View([record(title="[bold]not markup[/]")], ["id", "title"]), out, Terminal(colour=False, width=80))
    assert "[bold]not markup[/]" in out.getvalue()


def test_score_column_only_when_the_view_has_scores() -> None:
    assert rendered(View([record()]), OutputFormat.tsv).splitlines()[0].split("\t")[:2] == ["id", "kind"]
    scored = View([{**record(), "score": 2.5}], has_score=True)
    assert "score" in rendered(scored, OutputFormat.table).splitlines()[0].split("\t")
