"""Renderers of the overview commands: ``stats``, ``timeline`` and ``sources``.

Same contract as :mod:`vncoop.output.formats`: JSON for scripts, plain tab-separated text when stdout is not a
terminal, rich tables only on a terminal (rich is imported there and nowhere else). Corpus text
goes through :func:`~vncoop.output.escape.neutralise` and into :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from vncoop.domain.overviews import timeline_facts
from vncoop.domain.partners import partner_name
from vncoop.output.escape import escape_json, neutralise
from vncoop.output.formats import OutputFormat, render, stream_array
from vncoop.output.locale_format import localised_value
from vncoop.output.view import Record, Terminal, View, dumps_json, field_value, project, tsv_cell
from vncoop.text.i18n import N_, current, tr
from vncoop.text.i18n import label as i18n_label

BAR = "█"
BAR_WIDTH = 30
STATS_GROUPS = (
    ("by_kind", "kind", N_("By kind")),
    ("by_partner", "partner", N_("By partner")),
    ("by_sector", "sector", N_("By sector")),
    ("by_year", "year", N_("By year")),
)
TIMELINE_COLUMNS = ["date", "id", "kind", "title", "partners"]
SOURCE_TABLE_COLUMNS = ["id", "title", "publisher", "language", "published", "facts"]
SOURCE_FLAT_COLUMNS = [
    "id", "title", "title_is_description", "publisher", "language", "published", "url", "text", "sha256", "notes",
]  # fmt: skip


def bar(count: int, top: int, width: int = BAR_WIDTH) -> str:
    """A bar of █ scaled so that ``top`` fills ``width``; any non-zero count shows at least one."""
    if count <= 0 or top <= 0:
        return ""
    return BAR * max(1, round(count * width / top))


# -- stats ----------------------------------------------------------------------------------
def stats_rows(stats: dict[str, Any]) -> list[Record]:
    """The counts as ``group``/``value``/``facts`` rows, for flat formats (grep, awk, a spreadsheet)."""
    rows: list[Record] = [{"group": "total", "value": "all", "facts": stats["facts"]}]
    for key, label, _title in STATS_GROUPS:
        rows += [{"group": label, "value": name, "facts": count} for name, count in stats[key].items()]
    return rows


def render_stats(stats: dict[str, Any], fmt: OutputFormat, out: TextIO, terminal: Terminal | None) -> None:
    """JSON keeps the nested counts; a table on a terminal draws bars; everything else is rows."""
    if fmt is OutputFormat.json:
        out.write(dumps_json(stats) + "\n")
    elif fmt is OutputFormat.table and terminal is not None:
        _rich_stats(stats, out, terminal)
    elif fmt is OutputFormat.yaml:
        from vncoop.output.yaml_writer import dump_value

        out.write(dump_value(stats))
    else:
        render(View(stats_rows(stats), ["group", "value", "facts"]), fmt, out, None)


def _rich_stats(stats: dict[str, Any], out: TextIO, terminal: Terminal) -> None:
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from vncoop.output.rich_tables import make_console

    console = make_console(out, terminal)
    console.print(Text(tr("{count} facts", count=stats["facts"]), style="bold"))
    for key, label, title in STATS_GROUPS:
        counts: dict[str, int] = stats[key]
        if not counts:
            continue
        top = max(counts.values())
        console.print()
        shown = {name: neutralise(_group_value(key, name)) for name in counts}
        heading, facts = i18n_label(label), i18n_label("facts")
        # The bars give way first on a narrow terminal, so that a kind or sector is never cut:
        # three columns take four rules and two spaces of padding each
        names = max(cell_len(text) for text in [heading, *shown.values()])
        numbers = max(cell_len(text) for text in [facts, *(str(count) for count in counts.values())])
        width = max(1, min(BAR_WIDTH, console.width - 10 - names - numbers))
        table = Table(title=Text(tr(title), style="bold"), title_justify="left", expand=False)
        table.add_column(heading, overflow="fold")
        table.add_column(facts, justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        for name, count in counts.items():
            table.add_row(Text(shown[name]), Text(str(count)), Text(bar(count, top, width), style="cyan"))
        console.print(table)


def _group_value(key: str, name: str) -> str:
    """A row of a stats table in the language in use: a partner's name, a kind or sector as a word."""
    if key == "by_partner":
        return f"{partner_name(name, current())} ({name})"
    if name == "undated":
        return tr("undated")
    return str(
        localised_value("kind" if key == "by_kind" else "sector" if key == "by_sector" else "year", name, current())
    )


# -- timeline -------------------------------------------------------------------------------
def timeline_json(data: dict[str, Any], fields: list[str] | None) -> dict[str, Any]:
    """What ``timeline --json`` writes: the year groups, then the undated facts."""
    return {
        "years": [{"year": g["year"], "facts": [project(f, fields) for f in g["facts"]]} for g in data["years"]],
        "undated": [project(f, fields) for f in data["undated"]],
    }


def stream_timeline(rows: Iterable[tuple[str, int | None]], out: TextIO) -> int:
    """``timeline --json`` from stored facts oldest first (dated, then the undated), unparsed:
    the same text ``timeline_json`` would give. Returns how many facts were written."""
    out.write('{\n  "years": ')
    count, year, open_year, first = 0, None, False, True
    rows = iter(rows)
    undated: tuple[str, int | None] | None = None
    for text, fact_year in rows:
        if fact_year is None:
            undated = (text, fact_year)
            break
        if not open_year or fact_year != year:
            out.write(
                ("[\n" if not open_year else "\n      ]\n    },\n")
                + f'    {{\n      "year": {fact_year},\n      "facts": [\n'
            )
            year, open_year, first = fact_year, True, True
        out.write(("" if first else ",\n") + "        " + escape_json(text.replace("\n", "\n        ")))
        first = False
        count += 1
    out.write("\n      ]\n    }\n  ]" if open_year else "[]")
    out.write(',\n  "undated": ')
    rest = itertools.chain([undated[0]] if undated else [], (text for text, _year in rows))
    count += stream_array(rest, out, depth=2)
    out.write("\n}\n")
    return count


def render_timeline(
    data: dict[str, Any], fmt: OutputFormat, fields: list[str] | None, out: TextIO, terminal: Terminal | None
) -> None:
    """JSON keeps the year groups; a table on a terminal has a heading per year; piped, the year
    is a column of clean tab-separated rows; other formats get one chronological list."""
    if fmt is OutputFormat.json:
        out.write(dumps_json(timeline_json(data, fields)) + "\n")
        return
    if fmt is not OutputFormat.table:
        render(View(timeline_facts(data), fields), fmt, out, terminal)
        return
    groups = [(str(g["year"]), g["facts"]) for g in data["years"]]
    if data["undated"]:
        groups.append((tr("undated") if terminal is not None else "undated", data["undated"]))
    columns = fields or TIMELINE_COLUMNS
    if terminal is not None:
        _rich_timeline(groups, columns, out, terminal)
        return
    if not groups:
        return
    out.write("\t".join(["year", *columns]) + "\n")
    for heading, facts in groups:
        for fact in facts:
            out.write("\t".join([heading, *(tsv_cell(field_value(fact, c)) for c in columns)]) + "\n")


def _rich_timeline(
    groups: list[tuple[str, list[Record]]], columns: Sequence[str], out: TextIO, terminal: Terminal
) -> None:
    from rich.text import Text

    from vncoop.output.rich_tables import common_layout, draw_records, make_console

    console = make_console(out, terminal)
    every_fact = [fact for _, facts in groups for fact in facts]
    as_table, widths = common_layout(every_fact, list(columns), console.width)
    for index, (heading, facts) in enumerate(groups):
        if index:
            console.print()
        console.print(Text(heading, style="bold underline"))
        draw_records(console, facts, list(columns), as_table, widths)


# -- sources --------------------------------------------------------------------------------
SOURCE_FIELDS = (*SOURCE_FLAT_COLUMNS, "facts")


def sources_json(records: list[Record], selected: list[str] | None) -> list[Record]:
    return [project(record, selected) for record in records]


def render_sources(
    records: list[Record], fmt: OutputFormat, out: TextIO, terminal: Terminal | None, selected: list[str] | None = None
) -> None:
    """Source objects plus their ``facts`` count; YAML is a valid ``sources.yaml`` (no counts)."""
    if selected is not None:
        render(View(records, selected, title=tr("Sources")), fmt, out, terminal)
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
    render(View(records, fields, title=tr("Sources")), fmt, out, terminal)


# -- coverage: sentences no quote covers ----------------------------------------------------
COVERAGE_COLUMNS = ["source", "line", "flags", "text"]


def render_coverage(sentences: list[Record], fmt: OutputFormat, out: TextIO, terminal: Terminal | None) -> None:
    """``vncoop coverage``: one row a sentence (jsonl, csv, tsv… give every key)."""
    fields = None if fmt is OutputFormat.jsonl else COVERAGE_COLUMNS
    rows = [{**sentence, "flags": ", ".join(sentence["flags"])} if fields else sentence for sentence in sentences]
    render(View(rows, fields, title=tr("Sentences no quote covers")), fmt, out, terminal)


# -- one source and its archive -------------------------------------------------------------
SOURCE_SHOWN = (
    "id", "title", "title_is_description", "publisher", "language", "published", "url", "archive", "sha256", "notes",
)  # fmt: skip


def render_source(record: Record, fmt: OutputFormat, out: TextIO, terminal: Terminal | None) -> None:
    """``vncoop source ID``: its metadata, a blank line, then the archived text as it is stored
    (neutralised: control characters never reach the terminal). JSON has the text under ``text``."""
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        out.write(dumps_json(record, indent=2 if fmt is OutputFormat.json else None) + "\n")
        return
    if fmt is not OutputFormat.table:
        render(View([record], [*SOURCE_SHOWN, "text"]), fmt, out, terminal)
        return
    for name in SOURCE_SHOWN:
        if record.get(name) not in (None, False, ""):
            out.write(f"{name}\t{tsv_cell(record[name])}\n")
    out.write("\n" + neutralise(record["text"]).rstrip("\n") + "\n")
