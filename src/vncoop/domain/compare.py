"""Partners side by side (``vncoop compare``): what each one's facts add up to, as plain data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from vncoop.domain.dates import oldest_first
from vncoop.domain.facets import facets
from vncoop.domain.partners import describe_amount, partner_name
from vncoop.domain.quantities import amount_order
from vncoop.domain.records import FactDict
from vncoop.text.i18n import current


def _brief(fact: FactDict | None) -> dict[str, Any] | None:
    """A fact named in a comparison: its id, date and title (in the language in use)."""
    if fact is None:
        return None
    title = (fact.get("titles") or {}).get(current()) or fact["title"]
    return {"id": fact["id"], "date": fact.get("date"), "title": title}


def partner_column(code: str, facts: Sequence[FactDict]) -> dict[str, Any]:
    """One partner's profile: counts by kind and sector, its amounts (largest first, each with
    what it measures: they are never added up), its training targets, its first and last dated fact."""
    mine = [fact for fact in facts if code in fact.get("partners", [])]
    counts = facets(mine, ["kind", "sector"])
    amounts = [
        {
            "id": fact["id"],
            "measure": fact.get("measure") or fact.get("metric"),
            "amount_value": fact["amount_value"],
            "amount_currency": fact.get("amount_currency"),
            "qualifier": fact.get("qualifier"),
            "as_stated": describe_amount(fact),
        }
        for fact in sorted(mine, key=amount_order)
        if fact.get("amount_value") is not None and fact["kind"] != "training_target"
    ]
    targets = [
        {"id": f["id"], "count": f.get("count"), "trainees": f.get("trainees"), "deadline": f.get("deadline")}
        for f in mine
        if f["kind"] == "training_target"
    ]
    dated, _undated = oldest_first(mine)
    return {
        "partner": code,
        "name": partner_name(code),
        "facts": len(mine),
        "by_kind": counts["kind"],
        "by_sector": counts["sector"],
        "amounts": amounts,
        "training_targets": targets,
        "first": _brief(dated[0] if dated else None),
        "last": _brief(dated[-1] if dated else None),
    }


def compare_partners(codes: Sequence[str], facts: Sequence[FactDict]) -> list[dict[str, Any]]:
    return [partner_column(code, facts) for code in codes]
