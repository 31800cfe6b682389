"""Typer option aliases shared by the commands, defined once (``Annotated`` types), and how
each value completes in the shell (``vncoop --install-completion``).

Options are grouped in the help by what they are for: the filters, the output, the corpus.
Repeating a filter (``--kind event --kind agreement``) means any of them (OR); different filters
must all hold (AND).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from vncoop.cli.terminal import ColorWhen
from vncoop.output.formats import OutputFormat

FILTERS, OUTPUT, CORPUS = "Filters", "Output", "Corpus"
MAX_LIMIT = 1_000_000_000  # enough for "all"; larger is a usage error (SQLite takes 64-bit numbers only)


# -- shell completion: these run inside the user's shell on every Tab, so they import lazily and
# never raise; any problem (no corpus, an invalid one, …) simply means no suggestions.
def complete_partner(incomplete: str) -> list[tuple[str, str]]:
    """Partner codes and names in English, French and Vietnamese that start with what was typed.

    Matching ignores case and diacritics; Typer keeps only values that start with the typed
    text, so ``nhat`` is offered ``nhat ban`` (which resolves like ``Nhật Bản``).
    """
    try:
        from vncoop.domain.partners import registry
        from vncoop.domain.vocab import HOME_COUNTRY
        from vncoop.text.fold import fold

        typed = fold(incomplete)
        found: dict[str, str] = {}
        for partner in registry():
            if partner.code == HOME_COUNTRY:
                continue
            for name in (partner.code, partner.en, partner.fr, partner.vi):
                if name.startswith(incomplete):
                    value = name
                elif name.lower().startswith(incomplete.lower()):
                    value = incomplete + name[len(incomplete) :]
                elif fold(name).startswith(typed) and fold(name).startswith(incomplete):
                    value = fold(name)
                else:
                    continue
                found.setdefault(value, f"{partner.en} ({partner.code})")
        return sorted(found.items())
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def complete_org(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Entity ids and names of the corpus in use that start with what was typed (folded)."""
    try:
        from vncoop.app.session import Session
        from vncoop.domain.entities import entity_label, entity_names
        from vncoop.text.fold import fold

        entities = Session(ctx.params.get("facts_dir")).entities()  # from the cache: no fact is read
        typed = fold(incomplete)
        found: dict[str, str] = {}
        for entity in entities.values():
            for name in (entity["id"], *entity_names(entity)):
                if fold(name).startswith(typed):
                    found.setdefault(name if name.startswith(incomplete) else fold(name), entity_label(entity))
        return sorted(found.items())
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def complete_fact_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Ids of the corpus in use (``--facts-dir`` if already typed) that start with what was typed."""
    try:
        from vncoop.app.corpora import load_corpus

        corpus = load_corpus(ctx.params.get("facts_dir"))
        return sorted(f["id"] for f in corpus.facts if f["id"].startswith(incomplete))
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def complete_kind(incomplete: str) -> list[str]:
    from vncoop.domain.kinds import KINDS

    return [kind for kind in KINDS if kind.startswith(incomplete.lower())]


def complete_sector(incomplete: str) -> list[str]:
    from vncoop.domain.vocab import SECTORS

    return [sector for sector in SECTORS if sector.startswith(incomplete.lower())]


def complete_source(ctx: typer.Context, incomplete: str) -> list[str]:
    """Source ids of the corpus in use."""
    try:
        from vncoop.app.corpora import load_corpus

        corpus = load_corpus(ctx.params.get("facts_dir"))
        return sorted(source for source in corpus.sources if source.startswith(incomplete))
    except Exception:  # noqa: BLE001 - completion must never break the shell
        return []


def complete_field_list(incomplete: str) -> list[str]:
    """``--fields id,ti`` → ``id,title``: the last name of a comma-separated list."""
    from vncoop.output.view import KNOWN_FIELDS

    done, _, last = incomplete.rpartition(",")
    prefix = done + "," if done else ""
    chosen = set(done.split(",")) if done else set()
    return [prefix + name for name in KNOWN_FIELDS if name.startswith(last) and name not in chosen]


# -- the options --------------------------------------------------------------------------------

FactsDir = Annotated[
    Optional[Path],
    typer.Option(
        "--facts-dir",
        envvar="VNCOOP_FACTS_DIR",
        metavar="DIR",
        help="Corpus directory to use instead of the embedded one (also before the command).",
        show_default=False,
        rich_help_panel=CORPUS,
    ),
]
Format = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format.", rich_help_panel=OUTPUT),
]
Json = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.", rich_help_panel=OUTPUT)]
Fields = Annotated[
    Optional[str],
    typer.Option(
        "--fields",
        metavar="LIST",
        help="Comma-separated fields to show, in order (e.g. id,title,date).",
        show_default=False,
        autocompletion=complete_field_list,
        rich_help_panel=OUTPUT,
    ),
]
Jq = Annotated[
    Optional[str],
    typer.Option(
        "--jq",
        "-q",
        metavar="EXPR",
        help="Filter the JSON output with a jq expression; strings print raw (as gh does).",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]
ExitStatus = Annotated[
    bool,
    typer.Option(
        "--exit-status",
        "-e",
        help="Exit with status 4 when there is no result (as jq -e and grep do).",
        rich_help_panel=OUTPUT,
    ),
]
Color = Annotated[
    Optional[ColorWhen],
    typer.Option(
        "--color",
        case_sensitive=False,
        help="Colour tables: auto (on a terminal, unless NO_COLOR), always, never. Never changes the layout.",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]
Limit = Annotated[
    Optional[int],
    typer.Option(
        "--limit",
        "-n",
        min=1,
        max=MAX_LIMIT,
        metavar="N",
        help="At most N results.",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]
Kinds = Annotated[
    Optional[list[str]],
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help="Only facts of this kind: investment, event, … (repeat for any of several).",
        show_default=False,
        autocompletion=complete_kind,
        rich_help_panel=FILTERS,
    ),
]
PartnerFilter = Annotated[
    Optional[list[str]],
    typer.Option(
        "--partner",
        "-p",
        metavar="NAME",
        help="Only facts involving this partner, by name or code (repeat for any of several).",
        show_default=False,
        autocompletion=complete_partner,
        rich_help_panel=FILTERS,
    ),
]
Sectors = Annotated[
    Optional[list[str]],
    typer.Option(
        "--sector",
        "-s",
        metavar="SECTOR",
        help="Only facts in this sector (repeat for any of several).",
        show_default=False,
        autocompletion=complete_sector,
        rich_help_panel=FILTERS,
    ),
]
Since = Annotated[
    Optional[int],
    typer.Option(
        "--since",
        min=1900,
        max=2200,
        metavar="YEAR",
        help="Only facts dated this year or later.",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
Until = Annotated[
    Optional[int],
    typer.Option(
        "--until",
        min=1900,
        max=2200,
        metavar="YEAR",
        help="Only facts dated this year or earlier.",
        show_default=False,
        rich_help_panel=FILTERS,
    ),
]
SourceFilter = Annotated[
    Optional[list[str]],
    typer.Option(
        "--source",
        metavar="ID",
        help="Only facts with evidence from this source (repeat for any of several).",
        show_default=False,
        autocompletion=complete_source,
        rich_help_panel=FILTERS,
    ),
]
OrgFilter = Annotated[
    Optional[list[str]],
    typer.Option(
        "--org",
        metavar="NAME",
        help="Only facts naming this organisation, person or group: a name, acronym, alias or id in any "
        "language (repeat for any of several).",
        show_default=False,
        autocompletion=complete_org,
        rich_help_panel=FILTERS,
    ),
]
Pager = Annotated[
    Optional[bool],
    typer.Option(
        "--pager/--no-pager",
        help="Page long tables on a terminal (default: on, through $VNCOOP_PAGER, $PAGER or less -FRX).",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]
Facets = Annotated[
    Optional[str],
    typer.Option(
        "--facets",
        metavar="DIMS",
        help="Also count the results by kind, partner, sector, year, source or org (comma-separated).",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]


class SortBy(str, Enum):
    date = "date"
    amount = "amount"
    id = "id"


Sort = Annotated[
    SortBy,
    typer.Option(
        "--sort",
        case_sensitive=False,
        help="date: newest first; amount: largest amount or value first (its scale applied); id.",
        rich_help_panel=OUTPUT,
    ),
]
