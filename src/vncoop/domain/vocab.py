"""Controlled vocabularies shared by the models, the validator and the CLI.

Kept free of pydantic so that the fast paths (cache hits, completion) can import it cheaply.
"""

from __future__ import annotations

from vncoop.text.i18n import LANGUAGES as LANGUAGES  # re-exported: the corpus has the languages vncoop speaks
from vncoop.text.lazy_re import LazyPattern

SECTORS: tuple[str, ...] = (
    "semiconductors",
    "ai",
    "digital-transformation",
    "ict",
    "telecom",
    "green-transition",
    "human-resources",
    "investment",
    "trade",
    "startups",
    "innovation",
    "infrastructure",
    "manufacturing",
    "finance",
    "transport",
    "energy",
    "diplomacy",
)

QUALIFIERS: tuple[str, ...] = (
    "exact",
    "about",
    "nearly",
    "more_than",
    "at_least",
    "up_to",
    "range",
)

SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

# The home country of every fact: never a partner. Every other country is in domain/partners.py.
HOME_COUNTRY = "VN"

FACT_ID_RE = LazyPattern(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn
DATE_RE = LazyPattern(r"^(\d{4})(?:-(?:(0[1-9]|1[0-2])(?:-(\d{2}))?|Q([1-4])))?$")

# Stable key order of a fact's JSON form (the public contract): identity first, then the kind's
# own fields, then the long text-ish tails. Here, not in corpus/schema.py, so that code which only
# reads facts (export, renderers) never imports pydantic.
HEAD_KEYS: tuple[str, ...] = (
    "id",
    "kind",
    "title",
    "summary",
    "date",
    "date_derived",
    "partners",
    "organizations",
    "sectors",
)
TAIL_KEYS: tuple[str, ...] = ("titles", "summaries", "keywords", "evidence")
# A fact file writes ``title: {en, fr, vi}``; the JSON form has ``title`` in one language (English
# unless --lang says otherwise) and every language under the plural key.
TRANSLATED_KEYS: dict[str, str] = {"title": "titles", "summary": "summaries"}
# Added when the corpus loads, before the tails: every entity the fact names (domain/entities.py)
ENTITIES_KEY = "entities"
# Keys of an evidence item that vncoop computes, never written in a fact file: the quote's
# anchors in its archive (see corpus/anchors.py) and, with show --context, its sentences.
EVIDENCE_COMPUTED_KEYS = ("selectors", "context")
