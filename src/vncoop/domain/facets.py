"""Counting facts along their dimensions: facets over a result list, cross-tabs for ``stats --by``.

A dimension gives each fact the values it counts under: its kind (one), its partners, sectors,
sources and organisations (any number: a fact with two partners counts once under each), its
year (one, or ``undated``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from vncoop.domain.dates import fact_year
from vncoop.domain.records import FactDict
from vncoop.errors import UsageError
from vncoop.text.i18n import tr

UNDATED = "undated"


def _year(fact: FactDict) -> list[str]:
    year = fact_year(fact)
    return [str(year) if year is not None else UNDATED]


DIMENSIONS: dict[str, Callable[[FactDict], list[str]]] = {
    "kind": lambda fact: [fact["kind"]],
    "partner": lambda fact: list(dict.fromkeys(fact.get("partners") or [])),
    "sector": lambda fact: list(dict.fromkeys(fact.get("sectors") or [])),
    "year": _year,
    "source": lambda fact: list(dict.fromkeys(e["source"] for e in fact.get("evidence") or [])),
    "org": lambda fact: list(dict.fromkeys(fact.get("organizations") or [])),
}


def parse_dimensions(spec: str, option: str, most: int | None = None) -> list[str]:
    """``kind,partner`` → ``["kind", "partner"]``; an unknown name is a usage error (exit 2)."""
    names = [name.strip().lower() for name in spec.split(",") if name.strip()]
    unknown = [name for name in names if name not in DIMENSIONS]
    if unknown or not names:
        from vncoop.text.suggest import suggest

        shown = unknown[0] if unknown else "(none given)"
        hint = suggest(shown, list(DIMENSIONS)) if unknown else ""
        raise UsageError(
            tr("unknown dimension {name} in {option}{hint}; valid: {choices}",
               name=repr(shown), option=option, hint=hint, choices=", ".join(DIMENSIONS))
        )  # fmt: skip
    if len(set(names)) != len(names):
        raise UsageError(tr("{option} names a dimension twice", option=option))
    if most is not None and len(names) > most:
        raise UsageError(tr("{option} takes at most {most} dimensions", option=option, most=most))
    return names


def _ordered(counter: Counter[str], name: str) -> dict[str, int]:
    """Most frequent first, ties by value; years in time order (``undated`` last)."""
    if name == "year":
        keys = sorted((k for k in counter if k != UNDATED), key=int) + ([UNDATED] if UNDATED in counter else [])
        return {key: counter[key] for key in keys}
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def facets(facts: Iterable[FactDict], names: Sequence[str]) -> dict[str, dict[str, int]]:
    """``{"kind": {"event": 6, …}, …}``: how many of ``facts`` fall under each value."""
    chosen = list(facts)
    return {name: _ordered(Counter(v for fact in chosen for v in DIMENSIONS[name](fact)), name) for name in names}


def cross_tab(facts: Iterable[FactDict], names: Sequence[str]) -> list[dict[str, Any]]:
    """Rows ``{"partner": "JP", "kind": "event", "facts": 3}``, one per combination that occurs,
    most facts first; a fact counts once under each combination of its values."""
    counter: Counter[tuple[str, ...]] = Counter()
    for fact in facts:
        combos: list[tuple[str, ...]] = [()]
        for name in names:
            combos = [combo + (value,) for combo in combos for value in DIMENSIONS[name](fact)]
        counter.update(set(combos))
    rows = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return [{**dict(zip(names, combo, strict=True)), "facts": count} for combo, count in rows]
