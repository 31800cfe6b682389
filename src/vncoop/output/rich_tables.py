"""Rich tables for people at a terminal. Imported only when a table is drawn on a terminal.

Every cell is a :class:`rich.text.Text` built from neutralised corpus text, so square brackets
in the corpus are never read as markup and control characters never reach the terminal.
"""

from __future__ import annotations

from typing import Any, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from vncoop.output.escape import neutralise
from vncoop.output.locale_format import localised_value
from vncoop.output.view import SHOW_APART, TABLE_DEFAULT, Terminal, View, field_value, flat_text
from vncoop.text.i18n import current, label, tr


def make_console(out: TextIO, terminal: Terminal) -> Console:
    """A console that draws for a terminal, in colour only when ``terminal.colour`` says so (the
    CLI has already weighed --color, NO_COLOR and FORCE_COLOR: rich must not weigh them again)."""
    return Console(
        file=out,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        width=terminal.width,
        force_terminal=True,
        color_system="auto" if terminal.colour else None,
        no_color=not terminal.colour,
        legacy_windows=False,
    )


def cell(value: Any) -> Text:
    return Text(neutralise(flat_text(value)))


# Columns of running text: they wrap at words. Every other column is an atom (an id, a date, a
# kind, a score) that is never split, so an id can be copied whole. A profile's "value" is text.
WRAPPING = frozenset({"title", "summary", "quote", "matches", "text", "organizations", "url", "snippet", "value"})
HIGHLIGHT = "bold yellow"  # the words of a snippet that matched the query (in colour only)
MIN_WRAP_WIDTH = 24  # a title narrower than this reads as a column of fragments
TABLE_EDGES = 1  # the heavy-head box: a rule at the left edge, then per column "pad text pad rule"
TABLE_PER_COLUMN = 3


def rich_table(view: View, out: TextIO, terminal: Terminal) -> None:
    console = make_console(out, terminal)
    if view.single and view.records:
        show_fact(console, view.records[0], view.fields)
        return
    if view.header:
        profile = Table.grid(padding=(0, 2))
        profile.add_column(style="bold")
        profile.add_column()
        for name, value in view.header:  # English labels (as JSON has them), shown translated
            profile.add_row(Text(neutralise(tr(name))), Text(neutralise(value)))
        console.print(profile)
        console.print()
    if view.title:
        console.print(Text(neutralise(view.title), style="bold"))
    draw_records(console, view.records, view.columns(TABLE_DEFAULT))


def cell_text(record: dict[str, Any], name: str) -> str:
    value = localised_value(name, field_value(record, name), current())
    if name == "matches" and isinstance(value, list):
        return neutralise("\n".join(f"{m['term']} → {m['field']}: {m['matched']} ({m['how']})" for m in value))
    return neutralise(flat_text(value))


def widest_cells(cells: dict[str, list[str]]) -> dict[str, int]:
    """Each column's widest line, header included, in terminal cells."""
    return {
        name: max([cell_len(label(name)), *(max(map(cell_len, text.split("\n")), default=0) for text in texts)])
        for name, texts in cells.items()
    }


def table_fits(cells: dict[str, list[str]], width: int) -> bool:
    """Whether every column fits side by side: each atom at its widest cell or header, each
    running-text column at least MIN_WRAP_WIDTH (or its widest cell, if narrower)."""
    need = TABLE_EDGES + TABLE_PER_COLUMN * len(cells)
    for name, widest in widest_cells(cells).items():
        need += min(widest, MIN_WRAP_WIDTH) if name in WRAPPING else widest
    return need <= width


def draw_records(
    console: Console,
    records: list[dict[str, Any]],
    columns: list[str],
    as_table: bool | None = None,
    widths: dict[str, int] | None = None,
) -> None:
    """Records as a table when every column fits the terminal; else as cards, one record per
    block, which fit any width. Columns are never dropped and ids never split to make a table
    fit. ``as_table`` and ``widths`` decide for several groups at once (the years of a
    timeline), so that their tables line up."""
    cells = {name: [cell_text(record, name) for record in records] for name in columns}
    if as_table is None:
        as_table = table_fits(cells, console.width)
    marks = _snippet_marks(records) if "snippet" in cells and console.color_system else {}
    if as_table:
        _table(console, cells, len(records), widths or {}, marks)
    else:
        _cards(console, cells, len(records), marks)


def _snippet_marks(records: list[dict[str, Any]]) -> dict[int, list[tuple[int, int]]]:
    """Where the matched words stand in each record's snippet cell (after its opening quote mark)."""
    marks = {}
    for index, record in enumerate(records):
        found = record.get("snippet")
        if found:  # offsets into the text as drawn: neutralising may lengthen what comes before
            text = found["text"]
            shown = [
                (len(neutralise("“" + text[:start])), len(neutralise("“" + text[:end])))
                for start, end in found.get("highlights", [])
            ]
            marks[index] = shown
    return marks


def _marked(text: str, spans: list[tuple[int, int]] | None) -> Text:
    cell = Text(text)
    for start, end in spans or ():
        cell.stylize(HIGHLIGHT, start, end)
    return cell


def common_layout(records: list[dict[str, Any]], columns: list[str], width: int) -> tuple[bool, dict[str, int]]:
    """For groups drawn one after another: table or cards for all, and every column's width, so
    that the tables line up (running text shares what the atoms leave)."""
    cells = {name: [cell_text(record, name) for record in records] for name in columns}
    widest = widest_cells(cells)
    widths = {name: size for name, size in widest.items() if name not in WRAPPING}
    wrapping = [name for name in columns if name in WRAPPING]
    if wrapping:
        left = width - TABLE_EDGES - TABLE_PER_COLUMN * len(columns) - sum(widths.values())
        for name in wrapping:
            widths[name] = max(1, min(widest[name], left // len(wrapping)))
    return table_fits(cells, width), widths


def _table(
    console: Console,
    cells: dict[str, list[str]],
    count: int,
    widths: dict[str, int],
    marks: dict[int, list[tuple[int, int]]] | None = None,
) -> None:
    table = Table(show_lines=False, expand=False)
    for name in cells:
        wraps = name in WRAPPING
        table.add_column(
            label(name), overflow="fold", ratio=1 if wraps else None, no_wrap=not wraps, width=widths.get(name)
        )
    for index in range(count):
        row = [
            _marked(texts[index], (marks or {}).get(index) if name == "snippet" else None)
            for name, texts in cells.items()
        ]
        table.add_row(*row)
    console.print(table)


def _cards(
    console: Console, cells: dict[str, list[str]], count: int, marks: dict[int, list[tuple[int, int]]] | None = None
) -> None:
    """One block per record: its id (or first column) in bold, its running text below, then
    its atoms on one line (``kind · date · partners · score 8.1``), each labelled if asked for."""
    names = list(cells)
    heading = "id" if "id" in cells else names[0]
    for index in range(count):
        if index:
            console.print()
        console.print(Text(cells[heading][index], style="bold", overflow="fold"))
        atoms: list[str] = []
        for name in names:
            text = cells[name][index]
            if name == heading or not text:
                continue
            if name == "snippet":
                _indented(console, _marked(text, (marks or {}).get(index)))
            elif name in WRAPPING:
                _indented(console, Text(text if name == "title" else f"{label(name)}: {text}"))
            else:
                atoms.append(text if name in CARD_BARE_ATOMS else f"{label(name)} {text}")
        if atoms:
            _indented(console, Text(" · ".join(atoms), style="dim"))


CARD_INDENT = 2


def _indented(console: Console, text: Text) -> None:
    """``text`` wrapped at words (long words folded) two columns in, without trailing padding."""
    for line in text.wrap(console, max(1, console.width - CARD_INDENT), overflow="fold"):
        line.rstrip()
        console.print(Text(" " * CARD_INDENT) + line, soft_wrap=True)


# Atoms whose value says what it is (a kind, a date, partner codes): shown without their name.
CARD_BARE_ATOMS = frozenset({"kind", "date", "partners", "sectors", "language", "published", "publisher"})


def show_fact(console: Console, record: dict[str, Any], fields: list[str] | None) -> None:
    table = Table(show_header=False, title=Text(neutralise(str(record.get("id", "")))), expand=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    names = fields or [k for k in record if k not in SHOW_APART and k != "keywords"]  # keywords: per language
    for name in names:
        table.add_row(Text(label(name)), cell(localised_value(name, field_value(record, name), current())))
    if fields is None and record.get("keywords"):
        for lang, words in record["keywords"].items():
            if words:
                table.add_row(Text(f"{label('keywords')} ({lang})"), cell(words))
    console.print(table)
    if fields is not None:
        return
    sources = {s["id"]: s for s in record.get("sources", [])}
    for index, evidence in enumerate(record.get("evidence", []), start=1):
        source = sources.get(evidence["source"], {})
        meta = ", ".join(
            str(part)
            for part in (
                source.get("publisher"),
                source.get("language"),
                localised_value("published", source.get("published"), current()) or tr("undated"),
            )
            if part
        )
        heading = Text(tr("Evidence {index}: ", index=index), style="bold")
        heading.append(neutralise(f"{source.get('title', evidence['source'])} ({meta}) [{evidence['source']}]"))
        console.print(heading)
        around = evidence.get("context")
        if around:  # the quote inside its sentences, as the archive has them
            after = neutralise(around["after"])
            line = Text("  " + neutralise(around["before"]) + " ", style="dim")
            line.append("“" + neutralise(evidence["quote"]) + "”", style="bold")
            line.append(("" if after[:1] in ".,;:!?)" else " ") + after, style="dim")
            console.print(line)
        else:
            console.print(Text("  “" + neutralise(evidence["quote"]) + "”"))
