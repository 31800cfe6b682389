"""One chronology for every command: dates compared as time, not as strings."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from vncoop.domain.dates import date_key, newest_first, oldest_first

from conftest import VALID, invoke


def _fact(fact_id: str, date: str | None) -> dict[str, object]:
    return {"id": fact_id, "date": date}


def test_a_quarter_sorts_as_its_first_month_not_as_text() -> None:
    facts = [_fact("q1", "2024-Q1"), _fact("dec", "2024-12-01"), _fact("year", "2024"), _fact("jun23", "2023-06")]
    assert [f["id"] for f in newest_first(facts)] == ["dec", "q1", "year", "jun23"]
    dated, undated = oldest_first(facts)
    assert [f["id"] for f in dated] == ["jun23", "year", "q1", "dec"] and undated == []


def test_undated_facts_come_last_in_id_order() -> None:
    facts = [_fact("b", None), _fact("a", None), _fact("c", "2020")]
    assert [f["id"] for f in newest_first(facts)] == ["c", "a", "b"]


DATES = st.one_of(
    st.integers(1990, 2035).map(str),
    st.tuples(st.integers(1990, 2035), st.integers(1, 4)).map(lambda t: f"{t[0]}-Q{t[1]}"),
    st.tuples(st.integers(1990, 2035), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(1990, 2035), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
)


def _calendar(date: str) -> tuple[datetime.date, int]:
    """Where a date starts on the calendar, and how precise it is (a year < a quarter < a month < a day)."""
    parts = date.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return datetime.date(year, 1, 1), 0
    if parts[1].startswith("Q"):
        return datetime.date(year, 3 * int(parts[1][1]) - 2, 1), 1
    return datetime.date(year, int(parts[1]), int(parts[2]) if len(parts) > 2 else 1), 2 + (len(parts) > 2)


@given(st.lists(DATES, unique=True, max_size=12))
def test_the_chronology_is_the_calendars(dates: list[str]) -> None:
    facts = [_fact(f"f{n}", date) for n, date in enumerate(dates)]
    dated, _ = oldest_first(facts)
    assert [f["date"] for f in dated] == sorted(dates, key=_calendar)
    assert newest_first(facts) == list(reversed(dated))


@pytest.mark.parametrize("command", [["list", "--json"], ["partner", "japan", "--json"]])
def test_commands_list_newest_first_by_time(tmp_path: Path, runner: CliRunner, command: list[str]) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('"2025-Q1"', '"2024-Q1"'), encoding="utf-8")
    result = invoke(runner, *command, "--facts-dir", str(root))
    assert result.exit_code == 0, result.stderr
    dates = [fact["date"] for fact in json.loads(result.stdout) if fact["date"]]
    assert dates == sorted(dates, key=date_key, reverse=True)
    assert dates.index("2024-07-09") < dates.index("2024-Q1")


def test_export_lists_newest_first_by_time(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('"2025-Q1"', '"2024-Q1"'), encoding="utf-8")
    target = tmp_path / "out.json"
    result = invoke(runner, "export", str(target), "--facts-dir", str(root))
    assert result.exit_code == 0, result.stderr
    dates = [fact["date"] for fact in json.loads(target.read_text(encoding="utf-8")) if fact["date"]]
    assert dates == sorted(dates, key=date_key, reverse=True)
