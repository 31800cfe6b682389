"""Which field of a fact answers a kind of question: an amount, a count, a date, a person or an
organisation, a place. The one table search uses to rank facts that answer what was asked."""

from __future__ import annotations

from typing import Any

# Fields that name who acted, in the order they answer "who": the kind's own first.
WHO_FIELDS = (
    "investor",
    "trainer",
    "committed_by",
    "organizers",
    "parties",
    "participants",
    "issuing_body",
    "holder",
    "organizations",
)
COUNT_FIELDS = ("count", "attendance")


def answer(fact: dict[str, Any], intent: str) -> tuple[str, str] | None:
    """(field, value shown) of ``fact`` that answers a question asking for ``intent``, or None."""
    if intent == "amount-or-count":
        return answer(fact, "amount") or answer(fact, "count")
    if intent == "amount":
        if fact.get("amount_currency"):
            return "amount_value", f"{fact['amount_value']} {fact['amount_currency']}"
        return None
    if intent == "count":
        for name in COUNT_FIELDS:
            if isinstance(fact.get(name), int):
                return name, str(fact[name])
        number = fact.get("amount") if fact.get("amount") is not None else fact.get("value")
        unit = fact.get("unit") or ""
        if isinstance(number, int) and not fact.get("amount_currency") and unit not in ("percent", "%"):
            return ("amount" if fact.get("amount") is not None else "value"), str(number)
        return None
    if intent == "date":
        return ("date", str(fact["date"])) if fact.get("date") and not fact.get("date_derived") else None
    if intent == "place":
        return ("location", str(fact["location"])) if fact.get("location") else None
    if intent == "who":
        for name in WHO_FIELDS:
            value = fact.get(name)
            if value:
                return name, "; ".join(value) if isinstance(value, list) else str(value)
    return None


# Who acts on whom: a query that names the actor before the receiver ("Japan invested in
# Vietnam", "FPT trains engineers") wants facts whose roles run the same way.
ROLE_PAIRS = (("investor", "recipient"), ("trainer", "trainees"), ("committed_by", "beneficiary"))


def roles(fact: dict[str, Any]) -> tuple[str, str, str, str] | None:
    """(actor field, its text, receiver field, its text) of a fact that has both, else None."""
    for actor, receiver in ROLE_PAIRS:
        if fact.get(actor) and fact.get(receiver):
            return actor, str(fact[actor]), receiver, str(fact[receiver])
    return None
