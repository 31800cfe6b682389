"""The one table of fact kinds and their own fields, free of pydantic.

Every list of fields elsewhere derives from it: the renderer's known fields, the tokeniser's
searchable detail fields, the numbers checked against quotes. A test checks it against the
pydantic models in :mod:`vncoop.corpus.schema`, field by field and in order.
"""

from __future__ import annotations

from typing import NamedTuple


class KindField(NamedTuple):
    name: str
    role: str  # text | texts | choice | code | number | year | scale | qualifier | date


# A role says how search and checks treat a field: text is searched as words, numbers are read
# in every notation and must appear in their quote; the rest is metadata of another value.
SEARCHED_ROLES = frozenset({"text", "texts", "choice", "code"})
NUMBER_ROLES = frozenset({"number", "year"})

KIND_FIELDS: dict[str, tuple[KindField, ...]] = {
    "investment": (
        KindField("measure", "choice"),
        KindField("amount", "number"),
        KindField("scale", "scale"),
        KindField("currency", "code"),
        KindField("unit", "text"),
        KindField("qualifier", "qualifier"),
        KindField("period", "date"),
        KindField("investor", "text"),
        KindField("recipient", "text"),
    ),
    "training_target": (
        KindField("count", "number"),
        KindField("trainees", "text"),
        KindField("field", "text"),
        KindField("deadline", "year"),
        KindField("trainer", "text"),
        KindField("qualifier", "qualifier"),
    ),
    "event": (
        KindField("name", "text"),
        KindField("location", "text"),
        KindField("organizers", "texts"),
        KindField("attendance", "number"),
        KindField("attendance_qualifier", "qualifier"),
        KindField("participants", "texts"),
    ),
    "agreement": (KindField("parties", "texts"), KindField("scope", "text")),
    "commitment": (KindField("committed_by", "text"), KindField("beneficiary", "text"), KindField("scope", "text")),
    "policy": (KindField("instrument", "text"), KindField("issuing_body", "text")),
    "target": (
        KindField("metric", "text"),
        KindField("holder", "text"),
        KindField("value", "number"),
        KindField("value_max", "number"),
        KindField("scale", "scale"),
        KindField("unit", "text"),
        KindField("qualifier", "qualifier"),
        KindField("deadline", "year"),
    ),
    "statistic": (
        KindField("metric", "text"),
        KindField("value", "number"),
        KindField("value_max", "number"),
        KindField("scale", "scale"),
        KindField("unit", "text"),
        KindField("qualifier", "qualifier"),
        KindField("as_of", "date"),
    ),
    "milestone": (KindField("relationship", "text"), KindField("milestone", "text")),
}

KINDS: tuple[str, ...] = tuple(KIND_FIELDS)


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


# Every kind's own fields, each once, in table order.
KIND_OWN_FIELDS = _unique([f.name for fields in KIND_FIELDS.values() for f in fields])
# What search reads as words from a fact's own fields (then the kind itself).
SEARCHED_FIELDS = _unique([f.name for fs in KIND_FIELDS.values() for f in fs if f.role in SEARCHED_ROLES])
# Fields holding a number, whatever the kind: searchable as numbers, and checked against quotes.
NUMERIC_FIELDS = _unique([f.name for fs in KIND_FIELDS.values() for f in fs if f.role in NUMBER_ROLES])
