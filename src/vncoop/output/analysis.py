"""Renderers for analysts: facets after results, ``stats --by`` cross-tabs, ``compare`` columns.

Same contract as the other renderers: rich tables on a terminal, clean tab-separated rows
piped, JSON for scripts (the CLI writes that), corpus text always neutralised.
"""

from __future__ import annotations

from typing import Any, TextIO

from vncoop.domain.partners import MEASURE_WORDS, partner_name
from vncoop.output.escape import neutralise
from vncoop.output.formats import OutputFormat, render
from vncoop.output.locale_format import localised_value
from vncoop.output.view import Terminal, View, tsv_cell
from vncoop.text.i18n import N_, current, label, tr

FACET_TITLES = {"kind": N_("By kind"), "partner": N_("By partner"), "sector": N_("By sector"), "year": N_("By year")}


def facet_rows(counts: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    return [
        {"facet": name, "value": value, "facts": n} for name, values in counts.items() for value, n in values.items()
    ]


def render_facets(counts: dict[str, dict[str, int]], out: TextIO, terminal: Terminal | None) -> None:
    """Facet counts after a table of results: one small table each on a terminal; piped, a blank
    line then ``facet<TAB>value<TAB>facts`` rows (a second block, as ``git log --stat`` has)."""
    if terminal is None:
        out.write("\nfacet\tvalue\tfacts\n")
        for row in facet_rows(counts):
            out.write(f"{row['facet']}\t{tsv_cell(row['value'])}\t{row['facts']}\n")
        return
    from rich.table import Table
    from rich.text import Text

    from vncoop.output.rich_tables import make_console

    console = make_console(out, terminal)
    for name, values in counts.items():
        heading = tr(FACET_TITLES[name]) if name in FACET_TITLES else tr("By {name}", name=label(name))
        table = Table(title=Text(heading, style="bold"), title_justify="left", expand=False)
        table.add_column(label(name), overflow="fold")
        table.add_column(label("facts"), justify="right", no_wrap=True)
        for value, count in values.items():
            if name == "partner":
                shown = f"{partner_name(value, current())} ({value})"
            else:
                shown = str(localised_value(name, value, current()))
            table.add_row(Text(neutralise(shown)), Text(str(count)))
        console.print(table)


def render_rows(rows: list[dict[str, Any]], fmt: OutputFormat, out: TextIO, terminal: Terminal | None) -> None:
    """Rows of counts (``stats --by``) in any format but JSON (the CLI writes JSON itself)."""
    columns = list(rows[0]) if rows else ["facts"]
    render(View(rows, columns), fmt, out, terminal)


COMPARE_ASPECTS = ("facts", "by_kind", "by_sector", "amounts", "training_targets", "first", "last")


def _aspect_text(column: dict[str, Any], aspect: str) -> str:
    value = column[aspect]
    if aspect in ("by_kind", "by_sector"):
        return "; ".join(f"{name} {count}" for name, count in value.items())
    if aspect == "amounts":
        return "; ".join(f"{a['as_stated']} ({_measure(a['measure'])})" for a in value)
    if aspect == "training_targets":
        return "; ".join(
            f"{t['count'] if t['count'] is not None else '?'} {t['trainees']}"
            + (" " + tr("by {year}", year=t["deadline"]) if t["deadline"] else "")
            for t in value
        )
    if aspect in ("first", "last"):
        return f"{value['date']} {value['title']} [{value['id']}]" if value else ""
    return str(value)


def _measure(measure: str | None) -> str:
    """What an amount measures, in the language in use (a metric of the corpus stays as written)."""
    word = MEASURE_WORDS.get(measure or "")
    return tr(word) if word else str(measure or "")


def render_compare(columns: list[dict[str, Any]], fmt: OutputFormat, out: TextIO, terminal: Terminal | None) -> None:
    """One row per aspect, one column per partner."""
    rows = [
        {"aspect": aspect, **{c["partner"]: _aspect_text(c, aspect) for c in columns}} for aspect in COMPARE_ASPECTS
    ]
    render(View(rows, ["aspect", *(c["partner"] for c in columns)]), fmt, out, terminal)
