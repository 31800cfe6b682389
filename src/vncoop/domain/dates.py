"""The one chronology every command uses: dates as precise as their source, compared as time.

A fact's date is a year (``2024``), a quarter (``2024-Q1``), a month (``2024-09``) or a day
(``2024-09-22``). Compared as strings, ``2024-Q1`` would come after ``2024-12-01``; compared
here, a less precise date sorts just before the more precise ones it contains
(``2024`` < ``2024-Q1`` < ``2024-01`` < ``2024-01-05``), and newest-first is the exact reverse.
"""

from __future__ import annotations

from collections.abc import Iterable

from vncoop.domain.records import FactDict
from vncoop.domain.vocab import DATE_RE

DateKey = tuple[int, int, int, int]


def date_key(date: str) -> DateKey:
    """Chronological sort key of an ISO date: (year, first month, day, precision)."""
    match = DATE_RE.match(date)
    if not match:  # not produced by a valid corpus; keep the order stable anyway
        return (int(date[:4]) if date[:4].isdigit() else 0, 0, 0, 0)
    year, month, day, quarter = match.groups()
    if quarter:
        return (int(year), (int(quarter) - 1) * 3 + 1, 0, 1)
    if month:
        return (int(year), int(month), int(day or 0), 2)
    return (int(year), 0, 0, 0)


def fact_year(fact: FactDict) -> int | None:
    date = fact.get("date")
    return int(date[:4]) if date else None


def oldest_first(facts: Iterable[FactDict]) -> tuple[list[FactDict], list[FactDict]]:
    """(dated facts oldest first, undated facts); ties and the undated in id order."""
    ordered = sorted(facts, key=lambda f: f["id"])
    dated = sorted((f for f in ordered if f.get("date")), key=lambda f: date_key(f["date"]))
    return dated, [f for f in ordered if not f.get("date")]


def newest_first(facts: Iterable[FactDict]) -> list[FactDict]:
    """Dated facts newest first (the reverse chronology), undated last; ties in id order."""
    ordered = sorted(facts, key=lambda f: f["id"])
    dated = sorted((f for f in ordered if f.get("date")), key=lambda f: date_key(f["date"]), reverse=True)
    return dated + [f for f in ordered if not f.get("date")]
