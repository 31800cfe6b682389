"""For analysts: computed amounts, --sort, facets, stats --by, compare, charts."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.domain.facets import cross_tab, facets
from vncoop.domain.quantities import computed_amount

from conftest import REPO_FACTS, VALID, invoke


def run(runner: CliRunner, *args: str, facts: Path = VALID):  # type: ignore[no-untyped-def]
    return invoke(runner, *args, "--facts-dir", str(facts))


# -- amounts as values --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        (
            {"amount": 78.6, "scale": "billion", "currency": "USD"},
            {"amount_value": 78600000000, "amount_currency": "USD"},
        ),
        ({"amount": 200, "scale": "million", "currency": "USD"}, {"amount_value": 200000000, "amount_currency": "USD"}),
        ({"value": 5, "scale": "billion", "unit": "USD"}, {"amount_value": 5000000000, "amount_currency": "USD"}),
        ({"value": 20, "unit": "percent"}, {"amount_value": 20, "amount_currency": None}),
        ({"value": 1.5, "scale": "thousand"}, {"amount_value": 1500, "amount_currency": None}),
        ({"value": 0.25}, {"amount_value": 0.25, "amount_currency": None}),
        ({"count": 50000}, {}),
        ({}, {}),
    ],
)
def test_amount_value_applies_the_scale_exactly(fact: dict[str, object], expected: dict[str, object]) -> None:
    assert computed_amount(fact) == expected


def test_json_carries_the_computed_amount_and_keeps_the_qualifier(runner: CliRunner) -> None:
    fact = json.loads(run(runner, "show", "sample-capital", "--json").stdout)
    assert (fact["amount_value"], fact["amount_currency"], fact["qualifier"]) == (78600000000, "USD", "nearly")
    assert list(fact)[-2:] == ["keywords", "evidence"] or list(fact)[-1] == "sources"


def test_yaml_output_leaves_computed_fields_out(runner: CliRunner) -> None:
    text = run(runner, "show", "sample-capital", "--format", "yaml").stdout
    assert "amount_value" not in text and "amount: 78.6" in text


def test_export_carries_the_amount(runner: CliRunner, tmp_path: Path) -> None:
    import sqlite3

    target = tmp_path / "facts.db"
    assert run(runner, "export", str(target)).exit_code == 0
    row = sqlite3.connect(target).execute("SELECT amount_value, amount_currency FROM facts WHERE id = 'sample-capital'")
    assert row.fetchone() == (78600000000, "USD")


def test_sort_by_amount_is_largest_first_and_by_id(runner: CliRunner) -> None:
    ids = [f["id"] for f in json.loads(run(runner, "list", "--sort", "amount", "--json").stdout)]
    assert ids[:3] == ["sample-capital", "sample-chip-plant", "sample-growth"]
    by_id = [f["id"] for f in json.loads(run(runner, "list", "--sort", "id", "--json").stdout)]
    assert by_id == sorted(by_id)


# -- facets -------------------------------------------------------------------------------------
def test_facets_count_the_results(runner: CliRunner) -> None:
    data = json.loads(run(runner, "list", "--facets", "kind,partner,year", "--json").stdout)
    assert len(data["results"]) == 5
    assert data["facets"]["kind"] == {"investment": 3, "event": 1, "training_target": 1}
    assert data["facets"]["partner"] == {"JP": 4, "US": 1}
    assert list(data["facets"]["year"]) == ["2024", "2025", "undated"]


def test_facets_follow_search_results_too(runner: CliRunner) -> None:
    data = json.loads(run(runner, "search", "japan", "--facets", "source,org", "--json").stdout)
    assert sum(data["facets"]["source"].values()) >= len(data["results"]) > 0


def test_without_facets_the_json_contract_is_unchanged(runner: CliRunner) -> None:
    assert isinstance(json.loads(run(runner, "list", "--json").stdout), list)


def test_facets_in_a_piped_table_come_after_the_rows(runner: CliRunner) -> None:
    lines = run(runner, "list", "--facets", "kind").stdout.splitlines()
    blank = lines.index("")
    assert lines[0].startswith("id\t") and lines[blank + 1] == "facet\tvalue\tfacts"
    assert lines[blank + 2] == "kind\tinvestment\t3"


@pytest.mark.parametrize("spec", ["colour", "kind,kind", ""])
def test_an_unknown_facet_is_a_usage_error(runner: CliRunner, spec: str) -> None:
    result = run(runner, "list", "--facets", spec)
    assert result.exit_code == 2 and result.stderr.startswith("vncoop: error:")


def test_a_fact_with_two_partners_counts_under_each() -> None:
    facts = [{"id": "a", "kind": "event", "partners": ["JP", "US"], "sectors": ["ai"], "evidence": []}]
    assert facets(facts, ["partner"]) == {"partner": {"JP": 1, "US": 1}}
    assert cross_tab(facts, ["partner", "kind"]) == [
        {"partner": "JP", "kind": "event", "facts": 1},
        {"partner": "US", "kind": "event", "facts": 1},
    ]


# -- stats --by ---------------------------------------------------------------------------------
def test_stats_by_two_dimensions_with_filters(runner: CliRunner) -> None:
    rows = json.loads(run(runner, "stats", "--by", "partner,kind", "--json").stdout)
    assert {"partner": "JP", "kind": "investment", "facts": 3} in rows
    filtered = json.loads(run(runner, "stats", "--by", "kind", "--partner", "us", "--json").stdout)
    assert filtered == [{"kind": "investment", "facts": 1}]
    assert run(runner, "stats", "--by", "kind,partner,sector").exit_code == 2


def test_stats_by_as_csv_rows(runner: CliRunner) -> None:
    lines = run(runner, "stats", "--by", "sector", "--format", "csv").stdout.splitlines()
    assert lines[0] == "sector,facts" and lines[1] == "investment,3"


def test_stats_filters_the_plain_counts_too(runner: CliRunner) -> None:
    assert json.loads(run(runner, "stats", "--kind", "event", "--json").stdout)["facts"] == 1


# -- compare ------------------------------------------------------------------------------------
def test_compare_puts_partners_side_by_side(runner: CliRunner) -> None:
    data = json.loads(run(runner, "compare", "japan", "Hoa Kỳ", "--json").stdout)["partners"]
    assert [c["partner"] for c in data] == ["JP", "US"]
    japan = data[0]
    assert japan["facts"] == 4 and japan["by_kind"]["investment"] == 3
    assert [a["amount_value"] for a in japan["amounts"]] == sorted(
        (a["amount_value"] for a in japan["amounts"]), reverse=True
    )
    assert japan["first"]["date"] <= japan["last"]["date"]


def test_compare_table_has_a_column_per_partner(runner: CliRunner) -> None:
    lines = run(runner, "compare", "jp", "us").stdout.splitlines()
    assert lines[0] == "aspect\tJP\tUS" and any(line.startswith("amounts\t") for line in lines)


@pytest.mark.parametrize("args", [["compare", "japan"], ["compare", "japan", "JP"], ["compare", "japan", "narnia"]])
def test_compare_needs_two_known_partners(runner: CliRunner, args: list[str]) -> None:
    assert run(runner, *args).exit_code in (1, 2)


def test_compare_on_the_shipped_corpus_answers_the_analysts_question(runner: CliRunner) -> None:
    data = json.loads(run(runner, "compare", "japan", "us", "--json", facts=REPO_FACTS).stdout)["partners"]
    assert data[0]["facts"] > data[1]["facts"] > 0
    assert max(a["amount_value"] for a in data[0]["amounts"] if a["amount_currency"] == "USD") == 78600000000


# -- charts -------------------------------------------------------------------------------------
def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("chart", ["timeline", "partners", "sectors", "kinds"])
def test_every_chart_draws_a_png(runner: CliRunner, tmp_path: Path, chart: str) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / f"{chart}.png"
    result = run(runner, "chart", chart, "--output", str(target), facts=REPO_FACTS)
    assert result.exit_code == 0, result.stderr
    width, height = _png_size(target)
    assert width >= 600 and height >= 400


def test_an_svg_chart_is_labelled(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "kinds.svg"
    assert run(runner, "chart", "kinds", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "<svg" in text and "vncoop" in text  # the caption (matplotlib writes text as paths or glyphs)


@pytest.mark.parametrize("args", [["chart", "pie", "-o", "x.png"], ["chart", "kinds", "-o", "x.gif"]])
def test_chart_usage_errors(runner: CliRunner, args: list[str]) -> None:
    assert run(runner, *args).exit_code == 2


def test_a_chart_without_matplotlib_says_how_to_install_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    result = run(runner, "chart", "kinds", "-o", str(tmp_path / "k.png"))
    assert result.exit_code == 2 and "vncoop[charts]" in result.stderr
