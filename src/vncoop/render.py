"""Renderers: turn fact records into JSON, JSON Lines, CSV, TSV, YAML, Markdown or a table.

One :class:`OutputFormat` enum and one registry; the CLI picks a renderer and never formats
data itself. Records are plain dicts in the public JSON key order (see ``models.fact_to_dict``),
optionally with ``score`` and ``matches`` added by search.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from .errors import UsageError
from .vocab import HEAD_KEYS

Record = dict[str, Any]


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    yaml = "yaml"
    markdown = "markdown"


# Extra columns derived from the first evidence entry, for flat formats.
DERIVED_FIELDS = ("source", "quote")
EXTRA_FIELDS = ("score", "matches", "sources")
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
    *HEAD_KEYS,
    "measure",
    "amount",
    "scale",
    "currency",
    "unit",
    "qualifier",
    "period",
    "investor",
    "recipient",
    "count",
    "trainees",
    "field",
    "deadline",
    "trainer",
    "name",
    "location",
    "organizers",
    "attendance",
    "attendance_qualifier",
    "participants",
    "parties",
    "scope",
    "committed_by",
    "beneficiary",
    "instrument",
    "issuing_body",
    "metric",
    "holder",
    "value",
    "value_max",
    "as_of",
    "relationship",
    "milestone",
    "keywords",
    "evidence",
    *DERIVED_FIELDS,
    *EXTRA_FIELDS,
)

# C0/C1 controls (but tab/newline), DEL, and bidi overrides/isolates: never sent raw to a terminal.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# The same, for JSON: json.dumps escapes C0 itself; escape the rest so output is inert.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")


def neutralise(text: str) -> str:
    """Make corpus text inert on a terminal: control and bidi characters become visible escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def parse_fields(spec: str | None, known: Sequence[str] = KNOWN_FIELDS) -> list[str] | None:
    """``--fields id,title`` → ``["id", "title"]``; unknown names are a usage error (exit 2)."""
    if spec is None:
        return None
    names = [name.strip() for name in spec.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        shown = ", ".join(unknown) if unknown else "(none given)"
        raise UsageError(f"unknown field {shown} in --fields; valid fields: {', '.join(known)}")
    return names


def field_value(record: Record, name: str) -> Any:
    if name == "source":
        evidence = record.get("evidence") or []
        return evidence[0]["source"] if evidence else None
    if name == "quote":
        evidence = record.get("evidence") or []
        return evidence[0]["quote"] if evidence else None
    return record.get(name)


def project(record: Record, fields: Sequence[str] | None) -> Record:
    if fields is None:
        return record
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


def dumps_json(value: Any, indent: int | None = 2) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@dataclass
class View:
    """What a command wants shown: records, whether it is one object, and table hints."""

    records: list[Record]
    fields: list[str] | None = None
    single: bool = False
    title: str | None = None
    header: list[tuple[str, str]] = field(default_factory=list)  # label, value pairs above a table
    has_score: bool = False

    def columns(self, default: Sequence[str]) -> list[str]:
        if self.fields is not None:
            return list(self.fields)
        return [c for c in default if c != "score" or self.has_score]


def render_json(view: View, out: TextIO, is_terminal: bool) -> None:
    records = [project(r, view.fields) for r in view.records]
    out.write(dumps_json(records[0] if view.single and records else records) + "\n")


def render_jsonl(view: View, out: TextIO, is_terminal: bool) -> None:
    for record in view.records:
        out.write(dumps_json(project(record, view.fields), indent=None) + "\n")


def _delimited(view: View, out: TextIO, delimiter: str) -> None:
    import csv
    import io

    columns = view.columns(FLAT_DEFAULT)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    for record in view.records:
        writer.writerow([neutralise(flat_text(field_value(record, c))) for c in columns])
    out.write(buffer.getvalue())


def render_csv(view: View, out: TextIO, is_terminal: bool) -> None:
    _delimited(view, out, ",")


def render_tsv(view: View, out: TextIO, is_terminal: bool) -> None:
    columns = view.columns(FLAT_DEFAULT)
    out.write("\t".join(columns) + "\n")
    for record in view.records:
        cells = [_tsv_cell(field_value(record, c)) for c in columns]
        out.write("\t".join(cells) + "\n")


def _tsv_cell(value: Any) -> str:
    text = flat_text(value)
    return neutralise(text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))


def render_yaml(view: View, out: TextIO, is_terminal: bool) -> None:
    from .yamlout import dump_facts

    records = [project({k: v for k, v in r.items() if k not in EXTRA_FIELDS}, view.fields) for r in view.records]
    out.write(dump_facts(records))


def render_markdown(view: View, out: TextIO, is_terminal: bool) -> None:
    columns = view.columns(TABLE_DEFAULT)
    out.write("| " + " | ".join(columns) + " |\n")
    out.write("|" + "|".join(" --- " for _ in columns) + "|\n")
    for record in view.records:
        cells = [_markdown_cell(field_value(record, c)) for c in columns]
        out.write("| " + " | ".join(cells) + " |\n")


def _markdown_cell(value: Any) -> str:
    text = neutralise(flat_text(value))
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def render_table(view: View, out: TextIO, is_terminal: bool) -> None:
    if not is_terminal:  # piped: plain tab-separated text, nothing cut, no escape codes
        if view.single and view.records:
            _plain_fact(view.records[0], view.fields, out)
            return
        columns = view.columns(TABLE_DEFAULT)
        for label, value in view.header:
            out.write(f"# {neutralise(label)}: {neutralise(value)}\n")
        out.write("\t".join(columns) + "\n")
        for record in view.records:
            out.write("\t".join(_tsv_cell(field_value(record, c)) for c in columns) + "\n")
        return
    from .tables import rich_table

    rich_table(view, out)


def _plain_fact(record: Record, fields: Sequence[str] | None, out: TextIO) -> None:
    """``show`` when piped: one ``field<TAB>value`` line each, then each quote with its source."""
    names = fields or [k for k in record if k not in ("evidence", "sources", "score", "matches")]
    for name in names:
        out.write(f"{name}\t{_tsv_cell(field_value(record, name))}\n")
    if fields is not None:
        return
    sources = {s["id"]: s for s in record.get("sources", [])}
    for index, evidence in enumerate(record.get("evidence", []), start=1):
        source = sources.get(evidence["source"], {})
        meta = "; ".join(
            f"{key}={source.get(key)}" for key in ("title", "publisher", "language", "published") if source.get(key)
        )
        out.write(f"evidence.{index}.source\t{_tsv_cell(evidence['source'])}\t{_tsv_cell(meta)}\n")
        out.write(f"evidence.{index}.quote\t{_tsv_cell(evidence['quote'])}\n")


RENDERERS: dict[OutputFormat, Callable[[View, TextIO, bool], None]] = {
    OutputFormat.table: render_table,
    OutputFormat.json: render_json,
    OutputFormat.jsonl: render_jsonl,
    OutputFormat.csv: render_csv,
    OutputFormat.tsv: render_tsv,
    OutputFormat.yaml: render_yaml,
    OutputFormat.markdown: render_markdown,
}


def render(view: View, fmt: OutputFormat, out: TextIO, is_terminal: bool) -> None:
    RENDERERS[fmt](view, out, is_terminal)
