"""The one table of fact kinds and their own fields, free of pydantic.

Every list of fields elsewhere derives from it: the renderer's known fields, the tokeniser's
searchable detail fields, the numbers checked against quotes. A test checks it against the
pydantic models in :mod:`vncoop.corpus.schema`, field by field and in order.
"""

from __future__ import annotations

from typing import NamedTuple


class KindField(NamedTuple):
    name: str
    role: str  # text | texts | entity | entities | choice | code | number | year | scale | qualifier | date


# A role says how search and checks treat a field: text is searched as words, numbers are read
# in every notation and must appear in their quote; an entity field holds the id of an
# organisation, person or group of facts/entities.yaml (one id, or a list of ids); the rest is
# metadata of another value.
ENTITY_ROLES = frozenset({"entity", "entities"})
SEARCHED_ROLES = frozenset({"text", "texts", "choice", "code", *ENTITY_ROLES})
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
        KindField("investor", "entity"),
        KindField("recipient", "entity"),
    ),
    "training_target": (
        KindField("count", "number"),
        KindField("trainees", "text"),
        KindField("field", "text"),
        KindField("deadline", "year"),
        KindField("trainer", "entity"),
        KindField("qualifier", "qualifier"),
    ),
    "event": (
        KindField("name", "text"),
        KindField("location", "text"),
        KindField("organizers", "entities"),
        KindField("attendance", "number"),
        KindField("attendance_qualifier", "qualifier"),
        KindField("participants", "entities"),
        KindField("patrons", "entities"),
    ),
    "agreement": (KindField("parties", "entities"), KindField("scope", "text")),
    "commitment": (KindField("committed_by", "entity"), KindField("beneficiary", "entity"), KindField("scope", "text")),
    "policy": (KindField("instrument", "text"), KindField("issuing_body", "entity")),
    "target": (
        KindField("metric", "text"),
        KindField("holder", "entity"),
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
    "statement": (KindField("speaker", "entity"), KindField("addressed_to", "entities"), KindField("position", "text")),
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
# Fields naming entities, whatever the kind (with the common ``organizations``): ids in a fact
# file, resolved to names when the corpus loads.
ENTITY_FIELDS = _unique(
    ["organizations", *(f.name for fs in KIND_FIELDS.values() for f in fs if f.role in ENTITY_ROLES)]
)
