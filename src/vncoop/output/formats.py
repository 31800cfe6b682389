"""Renderers: turn a view's records into JSON, JSON Lines, CSV, TSV, YAML, Markdown or a table.

One :class:`OutputFormat` enum and one registry; the CLI picks a renderer and never formats
data itself.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from vncoop.output.escape import escape_json, neutralise
from vncoop.output.view import (
    EXTRA_FIELDS,
    FLAT_DEFAULT,
    SHOW_APART,
    TABLE_DEFAULT,
    Record,
    Terminal,
    View,
    dumps_json,
    field_value,
    flat_text,
    project,
    sheet_cell,
    tsv_cell,
)
from vncoop.text.lazy_re import LazyPattern


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    yaml = "yaml"
    markdown = "markdown"


def json_value(view: View) -> Any:
    """What ``--format json`` writes: an array of records, or one object for a single view."""
    records = [project(r, view.fields) for r in view.records]
    return records[0] if view.single and records else records


def render_json(view: View, out: TextIO, terminal: Terminal | None) -> None:
    out.write(dumps_json(json_value(view)) + "\n")


def render_jsonl(view: View, out: TextIO, terminal: Terminal | None) -> None:
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
        writer.writerow([sheet_cell(field_value(record, c)) for c in columns])
    out.write(buffer.getvalue())


def render_csv(view: View, out: TextIO, terminal: Terminal | None) -> None:
    _delimited(view, out, ",")


def render_tsv(view: View, out: TextIO, terminal: Terminal | None) -> None:
    columns = view.columns(FLAT_DEFAULT)
    out.write("\t".join(columns) + "\n")
    for record in view.records:
        cells = [tsv_cell(field_value(record, c)) for c in columns]
        out.write("\t".join(cells) + "\n")


def render_yaml(view: View, out: TextIO, terminal: Terminal | None) -> None:
    from vncoop.output.yaml_writer import dump_facts

    records = [project({k: v for k, v in r.items() if k not in EXTRA_FIELDS}, view.fields) for r in view.records]
    out.write(dump_facts(records))


def render_markdown(view: View, out: TextIO, terminal: Terminal | None) -> None:
    columns = view.columns(TABLE_DEFAULT)
    out.write("| " + " | ".join(columns) + " |\n")
    out.write("|" + "|".join(" --- " for _ in columns) + "|\n")
    for record in view.records:
        cells = [_markdown_cell(field_value(record, c)) for c in columns]
        out.write("| " + " | ".join(cells) + " |\n")


def _markdown_cell(value: Any) -> str:
    text = neutralise(flat_text(value))
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def render_table(view: View, out: TextIO, terminal: Terminal | None) -> None:
    if terminal is None:  # piped: plain tab-separated text, nothing cut, no escape codes
        if view.single and view.records:
            _plain_fact(view.records[0], view.fields, out)
            return
        columns = view.columns(TABLE_DEFAULT)  # rows and one header only: a profile is for people
        out.write("\t".join(columns) + "\n")
        for record in view.records:
            out.write("\t".join(tsv_cell(field_value(record, c)) for c in columns) + "\n")
        return
    from vncoop.output.rich_tables import rich_table

    rich_table(view, out, terminal)


def _plain_fact(record: Record, fields: Sequence[str] | None, out: TextIO) -> None:
    """``show`` when piped: one ``field<TAB>value`` line each, then each quote with its source."""
    names = fields or [k for k in record if k not in SHOW_APART]
    for name in names:
        out.write(f"{name}\t{tsv_cell(field_value(record, name))}\n")
    if fields is not None:
        return
    sources = {s["id"]: s for s in record.get("sources", [])}
    for index, evidence in enumerate(record.get("evidence", []), start=1):
        source = sources.get(evidence["source"], {})
        meta = "; ".join(
            f"{key}={source.get(key)}" for key in ("title", "publisher", "language", "published") if source.get(key)
        )
        out.write(f"evidence.{index}.source\t{tsv_cell(evidence['source'])}\t{tsv_cell(meta)}\n")
        out.write(f"evidence.{index}.quote\t{tsv_cell(evidence['quote'])}\n")
        for side in ("before", "after"):
            if evidence.get("context"):
                out.write(f"evidence.{index}.context.{side}\t{tsv_cell(evidence['context'][side])}\n")


# -- stored fact JSON, written unparsed ---------------------------------------------------
# The cache stores each fact as ``json.dumps(fact, indent=2)`` writes it; since JSON strings
# escape their newlines, every newline of that text is structure, so it can be re-indented to
# sit inside an array, or made one line, with string operations alone.
_PRETTY_ITEM_BREAK = LazyPattern(r",\n *")
_PRETTY_BREAK = LazyPattern(r"\n *")
STREAMABLE = (OutputFormat.json, OutputFormat.jsonl)


def one_line(text: str) -> str:
    """Stored (indented) fact JSON as ``--format jsonl`` writes it: ``json.dumps`` without indent."""
    return str(_PRETTY_BREAK.sub("", _PRETTY_ITEM_BREAK.sub(", ", text)))


def stream_array(texts: Iterable[str], out: TextIO, depth: int = 1) -> int:
    """Stored facts as the items of a JSON array ``depth`` levels in, exactly as ``render_json``
    would indent them (without its closing newline); returns how many were written."""
    inner, outer = "  " * depth, "  " * (depth - 1)
    count = 0
    for text in texts:
        out.write(("[\n" if not count else ",\n") + inner + escape_json(text.replace("\n", "\n" + inner)))
        count += 1
    out.write(f"\n{outer}]" if count else "[]")
    return count


def stream_facts(texts: Iterable[str], fmt: OutputFormat, out: TextIO) -> int:
    """``--json`` (an array) or ``jsonl`` (a line each) of stored facts, never parsed."""
    if fmt is OutputFormat.jsonl:
        count = 0
        for text in texts:
            out.write(escape_json(one_line(text)) + "\n")
            count += 1
        return count
    count = stream_array(texts, out)
    out.write("\n")
    return count


RENDERERS: dict[OutputFormat, Callable[[View, TextIO, Terminal | None], None]] = {
    OutputFormat.table: render_table,
    OutputFormat.json: render_json,
    OutputFormat.jsonl: render_jsonl,
    OutputFormat.csv: render_csv,
    OutputFormat.tsv: render_tsv,
    OutputFormat.yaml: render_yaml,
    OutputFormat.markdown: render_markdown,
}


def render(view: View, fmt: OutputFormat, out: TextIO, terminal: Terminal | None) -> None:
    RENDERERS[fmt](view, out, terminal)
