"""What the fact commands do once their options are parsed, importable without Typer, so that a
search can start without it (see :mod:`vncoop.cli.light`). The commands' options, help and
registration are in :mod:`vncoop.cli.facts_commands`; each function here takes the same names.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from vncoop.app.session import FilterArgs, Session
from vncoop.cli.command_context import color_option, facts_dir_option, warn
from vncoop.cli.terminal import ColorWhen, emit, exit_if_empty, output_format, progress_reporter, writing_output
from vncoop.errors import UsageError
from vncoop.output.escape import one_line
from vncoop.output.formats import OutputFormat
from vncoop.output.view import View, parse_fields
from vncoop.text.i18n import tr

MAX_QUERY_CHARS = 2000  # a question is a line; a 100 MB "query" is a mistake, not a search


def session(facts_dir: Path | None) -> Session:
    return Session(facts_dir_option(facts_dir), progress_reporter(), warn)


def run_search(
    query: list[str] | None = None,
    limit: int = 10,
    explain: bool = False,
    stdin: bool = False,
    kind: list[str] | None = None,
    partner: list[str] | None = None,
    sector: list[str] | None = None,
    since: int | None = None,
    until: int | None = None,
    source: list[str] | None = None,
    org: list[str] | None = None,
    facets: str | None = None,
    fmt: OutputFormat = OutputFormat.table,
    as_json: bool = False,
    fields: str | None = None,
    jq: str | None = None,
    exit_status: bool = False,
    color: ColorWhen | None = None,
    pager: bool | None = None,
    facts_dir: Path | None = None,
) -> None:
    """``vncoop search``: facts ranked by relevance to the query."""
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
