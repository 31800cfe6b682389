"""Money and quantities as values: the number a fact states, with its scale applied.

A fact states ``amount: 78.6, scale: billion, currency: USD`` (an investment) or ``value: 20,
unit: percent`` (a target or statistic), exactly as its source does. For sorting and comparing,
every fact with an amount or a value also carries two computed fields:

- ``amount_value``: the number with its scale applied (78.6 billion → 78600000000), exact;
- ``amount_currency``: the ISO 4217 code, whether the kind keeps it in ``currency`` or ``unit``
  (one field name across kinds), or null when the quantity is not money.

The qualifier ("nearly", "more than") stays in ``qualifier``. Amounts that measure different
things (registered capital, a growth rate, a planned spend) are never added together.
"""

from __future__ import annotations

from typing import Any

from vncoop.domain.vocab import SCALES

COMPUTED_FIELDS = ("amount_value", "amount_currency")


def _is_currency(code: object) -> bool:
    return isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper()


def computed_amount(fact: dict[str, Any]) -> dict[str, Any]:
    """``{"amount_value": …, "amount_currency": …}`` for a fact with an amount or a value, else {}."""
    number = fact.get("amount") if fact.get("amount") is not None else fact.get("value")
    if number is None or isinstance(number, bool):
        return {}
    from decimal import Decimal  # exact: 78.6 × 10⁹ is 78600000000, not 78600000000.00001

    scaled = Decimal(str(number)) * SCALES.get(fact.get("scale") or "", 1)
    value: int | float = int(scaled) if scaled == scaled.to_integral_value() else float(scaled)
    currency = fact.get("currency") if _is_currency(fact.get("currency")) else None
    if currency is None and _is_currency(fact.get("unit")):
        currency = fact["unit"]
    return {"amount_value": value, "amount_currency": currency}


def amount_order(fact: dict[str, Any]) -> tuple[int, float]:
    """Sort key for ``--sort amount``: the largest first, facts without an amount last."""
    value = fact.get("amount_value")
    return (0, -float(value)) if isinstance(value, (int, float)) else (1, 0.0)
