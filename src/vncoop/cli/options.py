"""Typer option aliases shared by the commands, defined once (``Annotated`` types)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from vncoop.cli.completion import complete_partner
from vncoop.output.formats import OutputFormat

FactsDir = Annotated[
    Optional[Path],
    typer.Option(
        "--facts-dir",
        envvar="VNCOOP_FACTS_DIR",
        help="Corpus directory to use instead of the embedded one.",
        show_default=False,
    ),
]
Format = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
Json = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
Fields = Annotated[
    Optional[str],
    typer.Option("--fields", help="Comma-separated fields to show, in order (e.g. id,title,date).", show_default=False),
]
Kinds = Annotated[
    Optional[list[str]],
    typer.Option("--kind", "-k", help="Only facts of this kind (repeatable): investment, event, …", show_default=False),
]
PartnerFilter = Annotated[
    Optional[list[str]],
    typer.Option(
        "--partner",
        "-p",
        help="Only facts involving this partner (name or code; repeatable).",
        show_default=False,
        autocompletion=complete_partner,
    ),
]
Sectors = Annotated[
    Optional[list[str]],
    typer.Option("--sector", "-s", help="Only facts in this sector (repeatable).", show_default=False),
]
Since = Annotated[
    Optional[int],
    typer.Option("--since", min=1900, max=2200, help="Only facts dated this year or later.", show_default=False),
]
Until = Annotated[
    Optional[int],
    typer.Option("--until", min=1900, max=2200, help="Only facts dated this year or earlier.", show_default=False),
]
Pager = Annotated[
    Optional[bool],
    typer.Option(
        "--pager/--no-pager",
        help="Page long tables on a terminal (default: only when VNCOOP_PAGER is set).",
        show_default=False,
    ),
]
SourceFilter = Annotated[
    Optional[list[str]],
    typer.Option("--source", help="Only facts with evidence from this source id (repeatable).", show_default=False),
]
