"""Renderers of the overview commands: ``stats``, ``timeline`` and ``sources``.

Same contract as ``render.py``: JSON for scripts, plain tab-separated text when stdout is not a
terminal, rich tables only on a terminal (rich is imported there and nowhere else). Corpus text
goes through :func:`render.neutralise` and into :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from vncoop.domain.overviews import timeline_facts
from vncoop.domain.partners import partner_name
from vncoop.output.escape import neutralise
from vncoop.output.formats import OutputFormat, render
from vncoop.output.view import Record, View, dumps_json, field_value, project, tsv_cell

BAR = "█"
BAR_WIDTH = 30
STATS_GROUPS = (
    ("by_kind", "kind", "By kind"),
    ("by_partner", "partner", "By partner"),
    ("by_sector", "sector", "By sector"),
    ("by_year", "year", "By year"),
)
TIMELINE_COLUMNS = ["date", "id", "kind", "title", "partners"]
SOURCE_TABLE_COLUMNS = ["id", "title", "publisher", "language", "published", "facts"]
SOURCE_FLAT_COLUMNS = ["id", "title", "title_is_description", "publisher", "language", "published", "url", "text"]


def bar(count: int, top: int, width: int = BAR_WIDTH) -> str:
    """A bar of █ scaled so that ``top`` fills ``width``; any non-zero count shows at least one."""
    if count <= 0 or top <= 0:
        return ""
    return BAR * max(1, round(count * width / top))


# -- stats ----------------------------------------------------------------------------------
def render_stats(stats: dict[str, Any], as_json: bool, out: TextIO, is_terminal: bool) -> None:
    if as_json:
        out.write(dumps_json(stats) + "\n")
    elif is_terminal:
        _rich_stats(stats, out)
    else:  # piped: one ``group<TAB>value<TAB>facts`` row per count, for grep and awk
        out.write("group\tvalue\tfacts\n")
        out.write(f"total\tall\t{stats['facts']}\n")
        for key, label, _title in STATS_GROUPS:
            for name, count in stats[key].items():
                out.write(f"{label}\t{tsv_cell(name)}\t{count}\n")


def _rich_stats(stats: dict[str, Any], out: TextIO) -> None:
    from rich.table import Table
    from rich.text import Text

    from vncoop.output.rich_tables import make_console

    console = make_console(out)
    console.print(Text(f"{stats['facts']} facts", style="bold"))
    for key, label, title in STATS_GROUPS:
        counts: dict[str, int] = stats[key]
        if not counts:
            continue
        top = max(counts.values())
        console.print()
        table = Table(title=Text(title, style="bold"), title_justify="left", expand=False)
        table.add_column(label, overflow="fold")
        table.add_column("facts", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        for name, count in counts.items():
            shown = f"{partner_name(name)} ({name})" if key == "by_partner" else name
            table.add_row(Text(neutralise(shown)), Text(str(count)), Text(bar(count, top), style="cyan"))
        console.print(table)


# -- timeline -------------------------------------------------------------------------------
def render_timeline(
    data: dict[str, Any], fmt: OutputFormat, fields: list[str] | None, out: TextIO, is_terminal: bool
) -> None:
    """JSON keeps the year groups; table shows a heading per year; other formats get one list."""
    if fmt is OutputFormat.json:
        grouped = {
            "years": [{"year": g["year"], "facts": [project(f, fields) for f in g["facts"]]} for g in data["years"]],
            "undated": [project(f, fields) for f in data["undated"]],
        }
        out.write(dumps_json(grouped) + "\n")
        return
    if fmt is not OutputFormat.table:
        render(View(timeline_facts(data), fields), fmt, out, is_terminal)
        return
    groups = [(str(g["year"]), g["facts"]) for g in data["years"]]
    if data["undated"]:
        groups.append(("undated", data["undated"]))
    columns = fields or TIMELINE_COLUMNS
    if is_terminal:
        _rich_timeline(groups, columns, out)
        return
    if not groups:
        return
    out.write("\t".join(columns) + "\n")
    for heading, facts in groups:
        out.write(f"# {heading}\n")
        for fact in facts:
            out.write("\t".join(tsv_cell(field_value(fact, c)) for c in columns) + "\n")


def _rich_timeline(groups: list[tuple[str, list[Record]]], columns: Sequence[str], out: TextIO) -> None:
    from rich.table import Table
    from rich.text import Text

    from vncoop.output.rich_tables import cell, make_console

    console = make_console(out)
    for index, (heading, facts) in enumerate(groups):
        if index:
            console.print()
        console.print(Text(heading, style="bold underline"))
        table = Table(expand=False)
        for name in columns:
            wide = name in ("title", "summary", "quote")
            table.add_column(
                name, overflow="fold", min_width=12 if wide else None, no_wrap=name in ("date", "kind", "id")
            )
        for fact in facts:
            table.add_row(*(cell(field_value(fact, name)) for name in columns))
        console.print(table)


# -- sources --------------------------------------------------------------------------------
SOURCE_FIELDS = ("id", "title", "title_is_description", "publisher", "language", "published", "url", "text", "facts")


def render_sources(
    records: list[Record], fmt: OutputFormat, out: TextIO, is_terminal: bool, selected: list[str] | None = None
) -> None:
    """Source objects plus their ``facts`` count; YAML is a valid ``sources.yaml`` (no counts)."""
    if selected is not None:
        render(View(records, selected, title="Sources"), fmt, out, is_terminal)
        return
    if fmt is OutputFormat.yaml:
        from vncoop.output.yaml_writer import dump_sources

        out.write(dump_sources([{k: v for k, v in r.items() if k != "facts"} for r in records]))
        return
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        fields = None
    elif fmt in (OutputFormat.table, OutputFormat.markdown):
        fields = SOURCE_TABLE_COLUMNS
    else:
        fields = [*SOURCE_FLAT_COLUMNS, "facts"]
    render(View(records, fields, title="Sources"), fmt, out, is_terminal)
