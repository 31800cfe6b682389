"""Rich tables for people at a terminal. Imported only when a table is drawn on a terminal.

Every cell is a :class:`rich.text.Text` built from neutralised corpus text, so square brackets
in the corpus are never read as markup and control characters never reach the terminal.
"""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from vncoop.output.escape import neutralise
from vncoop.output.view import SHOW_APART, TABLE_DEFAULT, Terminal, View, field_value, flat_text


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


def rich_table(view: View, out: TextIO, terminal: Terminal) -> None:
    console = make_console(out, terminal)
    if view.single and view.records:
        show_fact(console, view.records[0], view.fields)
        return
    if view.header:
        profile = Table.grid(padding=(0, 2))
        profile.add_column(style="bold")
        profile.add_column()
        for label, value in view.header:
            profile.add_row(Text(neutralise(label)), Text(neutralise(value)))
        console.print(profile)
        console.print()
    columns = view.columns(TABLE_DEFAULT)
    table = Table(title=Text(neutralise(view.title)) if view.title else None, show_lines=False, expand=False)
    for name in columns:
        wide = name in ("title", "summary", "quote", "matches")
        table.add_column(
            name,
            overflow="fold",
            ratio=3 if wide else None,
            min_width=12 if wide else None,
            no_wrap=name in ("score", "date", "kind"),
        )
    for record in view.records:
        row = []
        for name in columns:
            value = field_value(record, name)
            if name == "matches" and isinstance(value, list):
                lines = [f"{m['term']} → {m['field']}: {m['matched']} ({m['how']})" for m in value]
                row.append(Text(neutralise("\n".join(lines))))
                continue
            row.append(cell(value))
        table.add_row(*row)
    console.print(table)


def show_fact(console: Console, record: dict[str, Any], fields: list[str] | None) -> None:
    table = Table(show_header=False, title=Text(neutralise(str(record.get("id", "")))), expand=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    names = fields or [k for k in record if k not in SHOW_APART and k != "keywords"]  # keywords: per language
    for name in names:
        table.add_row(Text(name), cell(field_value(record, name)))
    if fields is None and record.get("keywords"):
        for lang, words in record["keywords"].items():
            if words:
                table.add_row(Text(f"keywords ({lang})"), cell(words))
    console.print(table)
    if fields is not None:
        return
    sources = {s["id"]: s for s in record.get("sources", [])}
    for index, evidence in enumerate(record.get("evidence", []), start=1):
        source = sources.get(evidence["source"], {})
        meta = ", ".join(
            str(part)
            for part in (source.get("publisher"), source.get("language"), source.get("published") or "undated")
            if part
        )
        heading = Text(f"Evidence {index}: ", style="bold")
        heading.append(neutralise(f"{source.get('title', evidence['source'])} ({meta}) [{evidence['source']}]"))
        console.print(heading)
        console.print(Text("  “" + neutralise(evidence["quote"]) + "”"))
