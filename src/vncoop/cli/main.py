"""The ``vncoop`` command line: the commands, their help and examples, the options before them.

The commands themselves live in :mod:`vncoop.cli.facts_commands` and
:mod:`vncoop.cli.corpus_commands`; errors become one line and an exit code in
:mod:`vncoop.cli.runtime`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from vncoop import __version__
from vncoop.cli.command_context import GlobalOptions
from vncoop.cli.corpus_commands import (
    chart,
    cite,
    compare,
    coverage,
    export,
    schema,
    source,
    sources,
    stats,
    timeline,
    validate,
)
from vncoop.cli.facts_commands import list_facts, search, show
from vncoop.cli.options import CORPUS, OUTPUT
from vncoop.cli.profile_commands import org, partner
from vncoop.cli.runtime import LANG_HELP, ErrorHandlingCommand, VncoopGroup, lang_option
from vncoop.cli.terminal import ColorWhen
from vncoop.errors import ExitCode, UsageError
from vncoop.text.i18n import Language

APP_SETTINGS: dict[str, Any] = {
    "name": "vncoop",
    "cls": VncoopGroup,
    "help": "Query a source-verified corpus of Vietnam's international cooperation in AI and semiconductors.",
    "no_args_is_help": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "pretty_exceptions_enable": False,
    "rich_markup_mode": "rich",  # option groups in the help; corpus text never goes through it
}
app = typer.Typer(**APP_SETTINGS)

EXIT_CODES = (
    "Exit codes: 0 success · 1 data or not-found error · 2 usage error · 3 internal error · "
    "4 no result (with --exit-status) · 130 interrupted."
)


def _examples(*lines: str) -> str:
    """An epilog of examples, one per line (rich joins single newlines; a blank line keeps them)."""
    return "[bold]Examples[/]\n\n" + "\n\n".join(f"  $ {line}" for line in lines)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"vncoop {__version__}\n")
        raise typer.Exit(ExitCode.OK)


@app.callback(epilog=EXIT_CODES)
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    facts_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--facts-dir",
            envvar="VNCOOP_FACTS_DIR",
            metavar="DIR",
            help="Corpus directory to use instead of the embedded one.",
            show_default=False,
            rich_help_panel=CORPUS,
        ),
    ] = None,
    color: Annotated[
        ColorWhen,
        typer.Option("--color", case_sensitive=False, help="Colour: auto, always or never.", rich_help_panel=OUTPUT),
    ] = ColorWhen.auto,
    lang: Annotated[
        Optional[Language],
        typer.Option("--lang", case_sensitive=False, metavar="LANG", help=LANG_HELP, rich_help_panel=OUTPUT),
    ] = None,
) -> None:
    """Query a source-verified corpus of Vietnam's international cooperation in AI and semiconductors.

    Every fact carries a verbatim quote from an archived source. Search in English, French or
    Vietnamese; list, filter and export the facts; check a corpus.
    """
    GlobalOptions.reset(facts_dir, color, lang.value if lang else None)


def _register(function: Any, name: str | None, short: str, *examples: str) -> None:
    app.command(name, cls=LanguageCommand, short_help=short, epilog=_examples(*examples))(function)


class LanguageCommand(ErrorHandlingCommand):
    """A command that takes ``--lang`` besides its own options: one option, defined once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(lang_option(OUTPUT))


_register(
    search,
    None,
    "Facts ranked by relevance to a query, with why they matched.",
    'vncoop search "semiconductor engineers"',
    "vncoop search kỹ sư bán dẫn --json --jq '.[0].evidence'",
    'vncoop search "nhat ban dau tu" --explain',
    "vncoop search 78,6 --kind investment -e && echo found",
    "printf 'JETRO\\n78,6\\n' | vncoop search --stdin --fields id",
)
_register(
    list_facts,
    "list",
    "All facts, newest first, optionally filtered.",
    "vncoop list --kind event --since 2024",
    "vncoop list --partner japan --partner us --limit 5",
    "vncoop list --format csv > facts.csv",
    "vncoop list --sort amount --fields id,amount_value,amount_currency,qualifier",
    "vncoop list --partner japan --facets kind,sector",
)
_register(
    partner,
    None,
    "Every fact involving a partner country, under its profile.",
    "vncoop partner japan",
    'vncoop partner "Hoa Kỳ" --format csv',
    "vncoop partner JP --profile --json",
)
_register(
    org,
    None,
    "Every fact naming an organisation, person or group, under its profile.",
    "vncoop org JETRO",
    'vncoop org "Bộ Thông tin và Truyền thông" --json',
    "vncoop org fpt --profile --json",
)
_register(
    show,
    None,
    "One or more facts in full, with their quotes and sources.",
    "vncoop show vietnam-50000-semiconductor-engineers-by-2030",
    "vncoop list --kind agreement --jq '.[].id' | vncoop show - --json",
)
_register(
    validate,
    None,
    "Check a corpus and list every problem.",
    "vncoop validate",
    "vncoop validate path/to/facts",
)
_register(schema, None, "The JSON Schema of fact files.", "vncoop schema > facts.schema.json")
_register(
    export,
    None,
    "Write the corpus to a file (SQLite, JSON, CSV, …) or stdout.",
    "vncoop export vncoop.db",
    "vncoop export facts.csv --force",
    "vncoop export - --format jsonl | head -1",
)
_register(
    stats,
    None,
    "Facts counted by kind, partner, sector and year, or cross-tabulated.",
    "vncoop stats",
    "vncoop stats --jq .by_year",
    "vncoop stats --by partner,kind --kind agreement --kind investment",
    "vncoop stats --by sector --kind investment --format csv",
)
_register(
    compare,
    None,
    "Partners side by side: kinds, sectors, amounts, targets, dates.",
    "vncoop compare japan us",
    "vncoop compare JP US --json --jq '.partners[] | {partner, facts}'",
)
_register(
    timeline,
    None,
    "Dated facts oldest first, grouped by year.",
    "vncoop timeline --partner japan --since 2024",
    "vncoop timeline --kind event --json",
)
_register(
    chart,
    None,
    "Draw a chart into an SVG, PNG or PDF file (the charts extra).",
    "vncoop chart timeline --output timeline.svg",
    "vncoop chart partners -o partners.png --kind investment",
)
_register(sources, None, "The source documents and the facts each supports.", "vncoop sources", "vncoop sources --json")
_register(
    coverage,
    None,
    "For curators: the sentences of each source that no quote covers.",
    "vncoop coverage",
    "vncoop coverage vna-vietnam-us-semiconductor-ai-conference --flagged",
    "vncoop coverage --json --jq '.[] | select(.flags | index(\"number\")) | .text'",
)
_register(
    cite,
    None,
    "Citations of facts or sources: text, CSL-JSON, BibTeX, RIS.",
    "vncoop cite vietnam-50000-semiconductor-engineers-by-2030",
    "vncoop cite fpt-ai-factory-200-million --style csl-json > refs.json",
    "vncoop search 'Japan registered capital' --jq '.[0].id' | vncoop cite - --style bibtex",
)
_register(
    source,
    None,
    "One source document: its metadata and archived text.",
    "vncoop source vna-vietnam-us-semiconductor-ai-conference",
    "vncoop source vns-tokyo-semiconductor-seminar --json --jq .text",
)


@app.command("help", short_help="Help on a command (vncoop help search).")
def help_command(
    ctx: typer.Context,
    command: Annotated[
        Optional[str], typer.Argument(metavar="[COMMAND]", help="The command to explain.", show_default=False)
    ] = None,
) -> None:
    """Help on vncoop, or on one of its commands (the same as COMMAND -h)."""
    group = ctx.parent.command if ctx.parent is not None else None
    if group is None or ctx.parent is None:
        return
    if command is None:
        sys.stdout.write(group.get_help(ctx.parent) + "\n")
        return
    found = group.get_command(ctx.parent, command)  # type: ignore[attr-defined]
    if found is None:
        from vncoop.text.suggest import suggest

        known = list(group.list_commands(ctx.parent))  # type: ignore[attr-defined]
        sys.stderr.write(f"vncoop: error: unknown command {command!r}{suggest(command, known)}\n")
        raise typer.Exit(ExitCode.USAGE_ERROR)
    sub = typer.Context(found, info_name=command, parent=ctx.parent)
    sys.stdout.write(found.get_help(sub) + "\n")


__all__ = ["APP_SETTINGS", "UsageError", "app", "export", "list_facts", "partner", "schema", "search", "show"]
