"""The commands that answer with facts: ``search``, ``list``, ``show``.

Each parses its options, asks the app layer for data and hands it to a renderer; nothing else.
They are registered, with their help and examples, in :mod:`vncoop.cli.main`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from vncoop.app.session import FilterArgs, Session
from vncoop.cli.command_context import color_option, facts_dir_option, warn
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
    ColorWhen,
    emit,
    emit_stream,
    exit_if_empty,
    output_format,
    progress_reporter,
    streamable,
    writing_output,
)
from vncoop.errors import UsageError
from vncoop.output.escape import one_line
from vncoop.output.formats import OutputFormat, stream_facts
from vncoop.output.view import View, parse_fields
from vncoop.text.i18n import tr


def session(facts_dir: Path | None) -> Session:
    return Session(facts_dir_option(facts_dir), progress_reporter(), warn)


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
    from vncoop.search.analyse import normalise_query

    text = " ".join(query) if query else None
    if text is not None and len(text) > MAX_QUERY_CHARS:
        warn(
            tr(
                "the query is {length} characters long; searching its first {limit}",
                length=len(text),
                limit=MAX_QUERY_CHARS,
            )
        )
        text = text[:MAX_QUERY_CHARS]
    if (text is None) == (not stdin):
        raise UsageError(tr("give a QUERY, or --stdin to read queries one per line (not both)"))
    if stdin and fmt not in (OutputFormat.table, OutputFormat.json, OutputFormat.jsonl):
        raise UsageError(tr("--stdin writes JSON lines; --format {format} cannot be used with it", format=fmt.value))
    selected = parse_fields(fields)
    current = session(facts_dir)
    search_facts = current.search_engine(FilterArgs(kind, partner, sector, since, until, source, org), limit)

    known_sources = current.sources()

    def cited(found: dict[str, Any] | None) -> dict[str, Any] | None:
        if found is None:
            return None
        source = known_sources.get(found["source"], {})
        when = source.get("published") or "undated"
        return {**found, "cited": f"{source.get('publisher') or found['source']}, {when}"}

    def records_for(typed: str) -> list[dict[str, Any]]:
        records = []
        hits = search_facts(normalise_query(typed))
        if explain:  # how the query was read: diagnostics, beside the data
            for note in getattr(hits, "notes", []):
                sys.stderr.write(f"vncoop: explain: {one_line(note)}\n")
        for hit in hits:
            record = dict(hit.fact)
            record["score"] = hit.score
            record["snippet"] = cited(hit.snippet)
            if explain:
                record["matches"] = [m.to_dict() for m in hit.matches]
            records.append(record)
        return records

    if stdin:
        _search_lines(records_for, selected, jq, exit_status)
        return
    assert text is not None
    chosen = output_format(fmt, as_json, jq)
    if explain and selected is None and chosen is OutputFormat.table:
        selected = ["score", "id", "title", "matches"]
    view = View(records_for(text), selected, has_score=True)
    note = tr("no facts match {query}", query=repr(normalise_query(text)[:80]))
    emit_with_facets(view, facets, chosen, note, pager, jq, exit_status, color)


def _search_lines(records_for: Any, selected: list[str] | None, jq: str | None, exit_status: bool) -> None:
    """``search --stdin``: one JSON line per query, flushed at once, so a script can drive it."""
    from vncoop.cli.terminal import write_json
    from vncoop.output.view import dumps_json, project

    found_any = False
    for line in _bounded_lines(sys.stdin, MAX_QUERY_CHARS):
        typed = line.rstrip("\r\n")
        results = [project(r, selected) for r in records_for(typed)]
        found_any = found_any or bool(results)
        answer = {"query": typed, "results": results}
        if jq is None:
            with writing_output():
                sys.stdout.write(dumps_json(answer, indent=None) + "\n")
                sys.stdout.flush()
        else:
            write_json(answer, jq)
    exit_if_empty(not found_any, exit_status)


MAX_QUERY_CHARS = 2000  # a question is a line; a 100 MB "query" is a mistake, not a search


def _bounded_lines(stream: Any, limit: int) -> Any:
    """Lines of ``stream``, each cut to ``limit`` characters without reading the rest into memory."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            warn(tr("a query over {limit} characters was cut to its first {limit}", limit=limit))
            while True:  # skip the rest of that line, a bounded piece at a time
                rest = stream.readline(1 << 16)
                if not rest or rest.endswith("\n"):
                    break
            line = line[:limit]
        yield line


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


def emit_with_facets(
    view: View,
    facets: str | None,
    chosen: OutputFormat,
    note: str,
    pager: bool | None,
    jq: str | None,
    exit_status: bool,
    color: ColorWhen | None,
) -> None:
    """Results, and with ``--facets`` their counts: after a table, or ``{"results", "facets"}`` in JSON."""
    if facets is None:
        emit(view, chosen, note, pager, jq=jq, exit_status=exit_status, color=color_option(color))
        return
    from vncoop.domain.facets import facets as count_facets
    from vncoop.domain.facets import parse_dimensions
    from vncoop.output.formats import json_value

    counts = count_facets(view.records, parse_dimensions(facets, "--facets"))
    if chosen is OutputFormat.json:
        from vncoop.cli.terminal import write_json

        write_json({"results": json_value(view), "facets": counts}, jq)
        exit_if_empty(not view.records, exit_status)
        return
    if chosen is not OutputFormat.table:
        raise UsageError(tr("--facets goes with a table or JSON (--json), not --format {format}", format=chosen.value))
    from vncoop.cli.terminal import stdout_terminal
    from vncoop.output.analysis import render_facets

    emit(view, chosen, note, False, color=color_option(color))
    with writing_output():
        render_facets(counts, sys.stdout, stdout_terminal(color_option(color)))
        sys.stdout.flush()
    exit_if_empty(not view.records, exit_status)


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
