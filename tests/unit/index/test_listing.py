"""The cache's SQL keeps, orders and counts the facts exactly as the Python filters and
chronology do (``domain/filters.py``, ``domain/dates.py``, ``domain/overviews.py``): the same
answers with the cache as without it, for any combination of filters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vncoop.app.session import FilterArgs, Session
from vncoop.domain.dates import date_key
from vncoop.domain.kinds import KINDS
from vncoop.domain.vocab import SECTORS
from vncoop.index.listing import chrono

from conftest import REPO_FACTS

SOURCES = [s["id"] for s in yaml.safe_load((REPO_FACTS / "sources.yaml").read_text("utf-8"))["sources"]]
ENTITIES = [e["id"] for e in yaml.safe_load((REPO_FACTS / "entities.yaml").read_text("utf-8"))["entities"]]

FILTERS = st.builds(
    FilterArgs,
    kinds=st.lists(st.sampled_from(KINDS), max_size=2),
    partners=st.lists(st.sampled_from(["JP", "US", "FR", "KR"]), max_size=2),
    sectors=st.lists(st.sampled_from(SECTORS), max_size=2),
    since=st.none() | st.integers(1990, 2026),
    until=st.none() | st.integers(2020, 2030),
    sources=st.lists(st.sampled_from(SOURCES), max_size=2),
    orgs=st.lists(st.sampled_from(ENTITIES), max_size=2),
).filter(lambda f: f.since is None or f.until is None or f.since <= f.until)


def both(monkeypatch: pytest.MonkeyPatch, ask: Callable[[Session], Any]) -> tuple[Any, Any]:
    """The answer from the cache's SQL, then from the corpus in memory (no cache)."""
    monkeypatch.delenv("VNCOOP_NO_CACHE", raising=False)
    cached = ask(Session(REPO_FACTS))
    monkeypatch.setenv("VNCOOP_NO_CACHE", "1")
    try:
        return cached, ask(Session(REPO_FACTS))
    finally:
        monkeypatch.delenv("VNCOOP_NO_CACHE")


SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(filters=FILTERS)
def test_list_keeps_and_orders_as_the_python_filters_do(monkeypatch: pytest.MonkeyPatch, filters: FilterArgs) -> None:
    cached, in_memory = both(monkeypatch, lambda session: session.facts(filters))
    assert [f["id"] for f in cached] == [f["id"] for f in in_memory]
    assert cached == in_memory  # the stored JSON is the fact itself


@SLOW
@given(filters=FILTERS, limit=st.none() | st.integers(0, 30))
def test_timeline_is_the_same_chronology(
    monkeypatch: pytest.MonkeyPatch, filters: FilterArgs, limit: int | None
) -> None:
    cached, in_memory = both(monkeypatch, lambda session: session.timeline(filters, limit))
    assert cached == in_memory


@SLOW
@given(filters=FILTERS)
def test_stats_counts_are_the_same(monkeypatch: pytest.MonkeyPatch, filters: FilterArgs) -> None:
    cached, in_memory = both(monkeypatch, lambda session: session.stats(filters))
    assert cached == in_memory
    assert list(cached["by_kind"]) == list(in_memory["by_kind"])  # and in the same order


@given(st.sampled_from(["2024", "2024-Q1", "2024-01", "2024-01-05", "2024-Q4", "2024-12", "2024-12-31", "2023-12-31"]),
       st.sampled_from(["2024", "2024-Q2", "2024-03", "2024-03-01", "2025", "1999-01-01"]))  # fmt: skip
def test_the_integer_key_orders_dates_as_the_tuple_key(first: str, second: str) -> None:
    assert (chrono(first) < chrono(second)) == (date_key(first) < date_key(second))  # type: ignore[operator]
    assert (chrono(first) == chrono(second)) == (date_key(first) == date_key(second))
