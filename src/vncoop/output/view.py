"""What a command shows, before any format: records, their fields, and the cell values.

Records are plain dicts in the public JSON key order (see ``corpus.schema.fact_to_dict``),
optionally with ``score`` and ``matches`` added by search.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from vncoop.domain.kinds import KIND_OWN_FIELDS
from vncoop.domain.quantities import COMPUTED_FIELDS
from vncoop.domain.records import SlotRecord
from vncoop.domain.vocab import ENTITIES_KEY, HEAD_KEYS, TAIL_KEYS, TRANSLATED_KEYS
from vncoop.errors import UsageError
from vncoop.output.escape import escape_json, neutralise, spreadsheet_safe
from vncoop.text.i18n import DEFAULT_LANGUAGE, current, tr
from vncoop.text.json_writer import dumps_indented

Record = dict[str, Any]


class Terminal(NamedTuple):
    """Output to a person at a terminal: rich tables, coloured or not, this wide (None: ask the
    terminal). Renderers get None instead when output goes to a pipe or a file: plain text."""

    colour: bool = True
    width: int | None = None


# Extra columns derived from the first evidence entry, for flat formats.
DERIVED_FIELDS = ("source", "quote")
EXTRA_FIELDS = ("score", "matches", "sources", "snippet")
FLAT_DEFAULT = (
    "id",
    "kind",
    "title",
    "summary",
    "date",
    "partners",
    "organizations",
    "sectors",
    "score",
    "source",
    "quote",
)
TABLE_DEFAULT = ("score", "id", "kind", "date", "title", "partners")
KNOWN_FIELDS = (
    *HEAD_KEYS, *KIND_OWN_FIELDS, *COMPUTED_FIELDS, ENTITIES_KEY, *TAIL_KEYS, *DERIVED_FIELDS, *EXTRA_FIELDS
)  # fmt: skip


# What ``show`` does not list as plain fields: the evidence and sources come after, in full, and
# search's extras are not fields of the fact.
SHOW_APART = ("evidence", "sources", "score", "matches", ENTITIES_KEY, *TRANSLATED_KEYS.values())


def parse_fields(spec: str | None, known: Sequence[str] = KNOWN_FIELDS) -> list[str] | None:
    """``--fields id,title`` → ``["id", "title"]``; unknown names are a usage error (exit 2)."""
    if spec is None:
        return None
    names = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        shown = ", ".join(unknown) if unknown else "(none given)"
        raise UsageError(
            tr("unknown field {fields} in --fields; valid fields: {choices}", fields=shown, choices=", ".join(known))
        )
    return names


def localised(record: Record) -> Record:
    """The record with ``title`` and ``summary`` in the language in use, taken from its
    ``titles`` and ``summaries``; the record itself in English or when it has no translations."""
    language = current()
    if language == DEFAULT_LANGUAGE:
        return record
    chosen = {
        key: record[plural][language]
        for key, plural in TRANSLATED_KEYS.items()
        if key in record and isinstance(record.get(plural), dict) and record[plural].get(language)
    }
    return {**record, **chosen} if chosen else record


def field_value(record: Record, name: str) -> Any:
    if name in TRANSLATED_KEYS:
        translations = record.get(TRANSLATED_KEYS[name])
        if isinstance(translations, dict) and translations.get(current()):
            return translations[current()]
    if name == "snippet":  # a search result's evidence, as one line of text
        found = record.get("snippet")
        return f"“{found['text']}” — {found['cited']}" if found else None
    if name in DERIVED_FIELDS and "evidence" in record:  # a fact: its first quote and that quote's source
        evidence = record["evidence"] or []
        return evidence[0][name] if evidence else None
    return record.get(name)


def project(record: Record, fields: Sequence[str] | None) -> Record:
    if fields is None:
        return localised(record)
    return {name: field_value(record, name) for name in fields}


def flat_text(value: Any) -> str:
    """One cell of CSV/TSV/plain text: lists joined with '; ', mappings as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return "; ".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class JsonText:
    """How JSON is written: UTF-8 as is, unless stdout cannot take it (a C locale, latin-1),
    when the CLI asks for ASCII with escapes, which is valid JSON in any encoding."""

    ascii_only = False


def dumps_json(value: Any, indent: int | None = 2) -> str:
    if indent == 2:
        text = dumps_indented(value, ensure_ascii=JsonText.ascii_only)
    else:
        text = json.dumps(value, ensure_ascii=JsonText.ascii_only, indent=indent, allow_nan=False)
    return text if JsonText.ascii_only else escape_json(text)


class View(SlotRecord):
    """What a command wants shown: records, whether it is one object, and table hints."""

    __slots__ = ("records", "fields", "single", "title", "header", "has_score")

    def __init__(
        self,
        records: list[Record],
        fields: list[str] | None = None,
        single: bool = False,
        title: str | None = None,
        header: list[tuple[str, str]] | None = None,  # label, value pairs above a table
        has_score: bool = False,
    ) -> None:
        self.records, self.fields, self.single, self.title, self.has_score = records, fields, single, title, has_score
        self.header = [] if header is None else header

    def columns(self, default: Sequence[str]) -> list[str]:
        if self.fields is not None:
            return list(self.fields)
        columns = [c for c in default if c != "score" or self.has_score]
        if self.has_score and any(record.get("snippet") for record in self.records):
            columns.append("snippet")  # search: each answer with its evidence
        return columns


def sheet_cell(value: Any) -> str:
    """A cell of CSV or TSV: flat text, inert on a terminal and in a spreadsheet (a number stays
    a number; text that starts like a formula is defused)."""
    text = neutralise(flat_text(value))
    return text if isinstance(value, (int, float)) else spreadsheet_safe(text)


def tsv_cell(value: Any) -> str:
    text = flat_text(value)
    text = neutralise(text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))
    return text if isinstance(value, (int, float)) else spreadsheet_safe(text)
