"""The commands that answer with facts: ``search``, ``list``, ``show``.

Each parses its options, asks the app layer for data and hands it to a renderer; nothing else.
They are registered, with their help and examples, in :mod:`vncoop.cli.main`.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from vncoop.app.session import FilterArgs, Session
from vncoop.cli.answering import emit_with_facets, run_search, session
from vncoop.cli.command_context import color_option
from vncoop.cli.options import (
    MAX_LIMIT,
    OUTPUT,
    Color,
    ExitStatus,
    Facets,
    FactsDir,
    Fields,
    Format,
    Jq,
    Json,
    Kinds,
    Limit,
    OrgFilter,
    Pager,
    PartnerFilter,
    Sectors,
    Since,
    Sort,
    SortBy,
    SourceFilter,
    Until,
    complete_fact_id,
)
from vncoop.cli.terminal import (
    emit,
    emit_stream,
    output_format,
    streamable,
)
from vncoop.errors import UsageError
from vncoop.output.formats import OutputFormat, stream_facts
from vncoop.output.view import View, parse_fields
from vncoop.text.i18n import tr


def streamed_facts(
    current: Session, filters: FilterArgs, fmt: OutputFormat, limit: int | None, exit_status: bool
) -> bool:
    """Write the kept facts newest first as the cache stores them (chosen and ordered in SQL,
    never parsed); False, having written nothing, when there is no cache."""
    texts = current.fact_texts(filters, "newest", limit)
    if texts is None:
        return False
    emit_stream(lambda out: stream_facts((text for text, _year in texts), fmt, out), exit_status)
    return True


def search(
    query: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="QUERY",
            help="What to look for, in English, French or Vietnamese (several words need no quotes).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            min=1,
            max=MAX_LIMIT,
            metavar="N",
            help="At most N results.",
            rich_help_panel=OUTPUT,
        ),
    ] = 10,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show which field and term matched.", rich_help_panel=OUTPUT)
    ] = False,
    stdin: Annotated[
        bool,
        typer.Option("--stdin", help="Read one query per line; write one JSON line per query (query and results)."),
    ] = False,
    kind: Kinds = None,
    partner: PartnerFilter = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    source: SourceFilter = None,
    org: OrgFilter = None,
    facets: Facets = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    jq: Jq = None,
    exit_status: ExitStatus = False,
    color: Color = None,
    pager: Pager = None,
    facts_dir: FactsDir = None,
) -> None:
    """Facts ranked by relevance to QUERY: typos, missing accents and any number notation are fine."""
    run_search(**locals())  # the work, importable without Typer (see cli.light): the same names


def list_facts(
    kind: Kinds = None,
    partner: PartnerFilter = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    source: SourceFilter = None,
    org: OrgFilter = None,
    sort: Sort = SortBy.date,
    limit: Limit = None,
    facets: Facets = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    jq: Jq = None,
    exit_status: ExitStatus = False,
    color: Color = None,
    pager: Pager = None,
    facts_dir: FactsDir = None,
) -> None:
    """All facts, newest first (or by --sort), optionally filtered."""
    from vncoop.app.session import sorted_facts

    selected = parse_fields(fields)
    chosen = output_format(fmt, as_json, jq)
    current = session(facts_dir)
    filters = FilterArgs(kind, partner, sector, since, until, source, org)
    plain = facets is None and sort is SortBy.date and streamable(chosen, selected, jq)
    if plain and streamed_facts(current, filters, chosen, limit, exit_status):
        return
    facts = sorted_facts(current.facts(filters), sort.value)
    view = View(facts[:limit], selected)
    emit_with_facets(view, facets, chosen, tr("no facts match these filters"), pager, jq, exit_status, color)


def show(
    fact_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Fact ids (see `vncoop list`); - reads ids from stdin, one per line.",
            autocompletion=complete_fact_id,
        ),
    ],
    context: Annotated[
        bool,
        typer.Option(
            "--context",
            help="Each quote inside the sentence before and after it in its archive.",
            rich_help_panel=OUTPUT,
        ),
    ] = False,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    jq: Jq = None,
    color: Color = None,
    facts_dir: FactsDir = None,
) -> None:
    """Facts in full, with every evidence quote and its source (one id: one JSON object)."""
    selected = parse_fields(fields)
    ids = [line.strip() for line in sys.stdin if line.strip()] if fact_ids == ["-"] else fact_ids
    if not ids:
        raise UsageError(tr("no fact id on stdin"))
    current = session(facts_dir)
    chosen = output_format(fmt, as_json, jq)
    if context and chosen not in (OutputFormat.table, OutputFormat.json, OutputFormat.jsonl):
        raise UsageError(tr("--context is shown as a table, json or jsonl, not {format}", format=chosen.value))
    facts = [current.fact_with_sources(fact_id) for fact_id in ids]
    if context:
        facts = [current.with_context(fact) for fact in facts]
    if chosen is OutputFormat.table:  # each fact in full, one after the other
        for fact in facts:
            emit(View([fact], selected, single=True), chosen, color=color_option(color))
        return
    emit(View(facts, selected, single=len(facts) == 1), chosen, jq=jq, color=color_option(color))
