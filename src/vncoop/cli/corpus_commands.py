"""The commands about the corpus as a whole: ``validate``, ``schema``, ``export``, ``stats``,
``timeline``, ``sources``. Registered, with their help and examples, in :mod:`vncoop.cli.main`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, TextIO

import typer

from vncoop.app.session import FilterArgs
from vncoop.cli.answering import session
from vncoop.cli.command_context import color_option, facts_dir_option
from vncoop.cli.facts_commands import streamed_facts
from vncoop.cli.options import (
    OUTPUT,
    Color,
    ExitStatus,
    FactsDir,
    Fields,
    Format,
    Jq,
    Json,
    Kinds,
    Limit,
    OrgFilter,
    PartnerFilter,
    Sectors,
    Since,
    SourceFilter,
    Until,
)
from vncoop.cli.terminal import (
    ColorWhen,
    emit_stream,
    exit_if_empty,
    output_format,
    stdout_terminal,
    streamable,
    write_json,
    writing_output,
)
from vncoop.errors import ExitCode, UsageError
from vncoop.output.citations import CiteStyle
from vncoop.output.escape import one_line
from vncoop.output.formats import OutputFormat
from vncoop.output.view import Terminal, parse_fields
from vncoop.text.i18n import tr


def validate(
    directory: Annotated[
        Optional[Path],
        typer.Argument(metavar="[DIR]", help="Corpus directory (default: the one in use).", show_default=False),
    ] = None,
    facts_dir: FactsDir = None,
) -> None:
    """Check a corpus: schema, ids, sources, verbatim quotes, numbers. Lists every problem."""
    from vncoop.app.session import check_corpus

    root, corpus, problems = check_corpus(directory or facts_dir_option(facts_dir))
    for problem in problems:
        sys.stderr.write(f"{one_line(str(problem))}\n")
    shown = one_line(str(root))
    if problems:
        count = len(problems)
        sys.stderr.write(
            "vncoop: "
            + tr("{count} problem in {path}" if count == 1 else "{count} problems in {path}", count=count, path=shown)
            + "\n"
        )
        raise typer.Exit(ExitCode.DATA_ERROR)
    counts = tr(
        "{path}: {facts} facts, {sources} sources, no problems",
        path=shown,
        facts=len(corpus.facts),
        sources=len(corpus.sources),
    )
    sys.stderr.write(f"vncoop: {counts}\n")


def schema(jq: Jq = None) -> None:
    """The JSON Schema of fact files, for editors and tools."""
    from vncoop.corpus.schema import fact_json_schema

    write_json(fact_json_schema(), jq)


ExportFormat = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="sqlite, json, jsonl, csv, tsv, markdown or yaml (default: from the extension; json for -).",
        show_default=False,
        rich_help_panel=OUTPUT,
    ),
]


def export(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="File to write (- for stdout); its extension picks the format: .db/.sqlite, .json, .jsonl, "
            ".csv, .tsv, .md, .yaml.",
        ),
    ],
    fmt: ExportFormat = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    facts_dir: FactsDir = None,
) -> None:
    """Write the whole corpus to a file: SQLite with full-text search (for Datasette), JSON, CSV, …"""
    from vncoop.export.files import export_corpus, export_format, export_stored

    target = None if path == "-" else Path(path)
    chosen = export_format(target, fmt)  # a usage error before any corpus is loaded
    current, rows = session(facts_dir), None
    if chosen in ("json", "jsonl") and streamable(OutputFormat(chosen), None, None):  # the cache's JSON, unparsed
        if target is None and streamed_facts(current, FilterArgs(), OutputFormat(chosen), None, False):
            return
        rows = current.fact_texts(FilterArgs(), "newest")
    if rows is not None and target is not None:
        result = export_stored((text for text, _year in rows), target, chosen, force=force)
    else:
        result = export_corpus(current.corpus(), target, chosen, force=force)
    if target is None:
        with writing_output():
            sys.stdout.write(result.text)
            sys.stdout.flush()
        return
    sys.stderr.write(f"vncoop: wrote {result.facts} facts to {one_line(str(result.path))}\n")
    for extra in result.extra_files:
        where = one_line(str(result.path)), one_line(str(extra))
        sys.stderr.write(f"vncoop: wrote Datasette metadata to {where[1]} (datasette {where[0]} -m {where[1]})\n")


def stats(
    by: Annotated[
        Optional[str],
        typer.Option(
            "--by",
            metavar="DIMS",
            help="Cross-tab of one or two of kind, partner, sector, year, source, org (e.g. partner,kind). "
            "A fact with two partners (or sectors, …) counts once under each.",
            show_default=False,
            rich_help_panel=OUTPUT,
        ),
    ] = None,
    kind: Kinds = None,
    partner: PartnerFilter = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    source: SourceFilter = None,
    org: OrgFilter = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    jq: Jq = None,
    color: Color = None,
    facts_dir: FactsDir = None,
) -> None:
    """How many facts there are by kind, partner, sector and year, with bar charts; or a cross-tab."""
    from vncoop.output.reports import render_stats

    filters = FilterArgs(kind, partner, sector, since, until, source, org)
    chosen = output_format(fmt, as_json, jq)
    if by is not None:
        from vncoop.domain.facets import cross_tab, parse_dimensions
        from vncoop.output.analysis import render_rows

        dimensions = parse_dimensions(by, "--by", most=2)
        rows = cross_tab(session(facts_dir).facts(filters), dimensions)
        _report(chosen, rows, jq, color, lambda out, terminal: render_rows(rows, chosen, out, terminal))
        return
    counts = session(facts_dir).stats(filters)
    _report(chosen, counts, jq, color, lambda out, terminal: render_stats(counts, chosen, out, terminal))


def timeline(
    kind: Kinds = None,
    partner: PartnerFilter = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    source: SourceFilter = None,
    org: OrgFilter = None,
    limit: Limit = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    jq: Jq = None,
    exit_status: ExitStatus = False,
    color: Color = None,
    facts_dir: FactsDir = None,
) -> None:
    """Dated facts oldest first, grouped by year, then the undated ones."""
    from vncoop.domain.overviews import timeline_facts
    from vncoop.output.reports import render_timeline, stream_timeline, timeline_json

    selected = parse_fields(fields)
    filters = FilterArgs(kind, partner, sector, since, until, source, org)
    if output_format(fmt, as_json, jq) is OutputFormat.json and streamable(OutputFormat.json, selected, jq):
        rows = session(facts_dir).fact_texts(filters, "oldest", limit)  # the year groups as they come
        if rows is not None:
            return emit_stream(lambda out: stream_timeline(rows, out), exit_status)
    data = session(facts_dir).timeline(filters, limit)
    empty = not timeline_facts(data)
    chosen = output_format(fmt, as_json, jq)
    _report(
        chosen,
        timeline_json(data, selected),
        jq,
        color,
        lambda out, terminal: render_timeline(data, chosen, selected, out, terminal),
    )
    if empty and chosen is OutputFormat.table:
        sys.stderr.write("vncoop: " + tr("no facts match these filters") + "\n")
    exit_if_empty(empty, exit_status)


def compare(
    names: Annotated[
        list[str],
        typer.Argument(metavar="PARTNER...", help="Two or more partners, by name or code.", show_default=False),
    ],
    kind: Kinds = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    jq: Jq = None,
    color: Color = None,
    facts_dir: FactsDir = None,
) -> None:
    """Partners side by side: facts by kind and sector, amounts, training targets, first and last."""
    from vncoop.domain.compare import compare_partners
    from vncoop.domain.partners import resolve_partner
    from vncoop.errors import UsageError
    from vncoop.output.analysis import render_compare

    codes = list(dict.fromkeys(resolve_partner(name) for name in names))
    if len(codes) < 2:
        raise UsageError(tr("compare needs two or more different partners"))
    facts = session(facts_dir).facts(FilterArgs(kind, codes, sector, since, until, None))
    columns = compare_partners(codes, facts)
    chosen = output_format(fmt, as_json, jq)
    draw = lambda out, terminal: render_compare(columns, chosen, out, terminal)  # noqa: E731
    _report(chosen, {"partners": columns}, jq, color, draw)


def chart(
    what: Annotated[
        str,
        typer.Argument(metavar="CHART", help="timeline (facts per year by partner), partners, sectors or kinds."),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="FILE", help="The file to draw: .svg, .png or .pdf."),
    ],
    kind: Kinds = None,
    partner: PartnerFilter = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    source: SourceFilter = None,
    org: OrgFilter = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    facts_dir: FactsDir = None,
) -> None:
    """Draw a chart of the facts into a file (needs the charts extra: pip install 'vncoop[charts]')."""
    from vncoop.errors import UsageError
    from vncoop.export.files import OutputError
    from vncoop.output.charts import CHARTS, chart_format, draw

    if what not in CHARTS:
        raise UsageError(tr("unknown chart {name}; valid: {choices}", name=repr(what), choices=", ".join(CHARTS)))
    chart_format(output)  # a usage error before any corpus is loaded
    if output.exists() and not force:
        raise OutputError(tr("{path} already exists; use --force to replace it", path=repr(str(output))))
    if not output.parent.is_dir():
        raise OutputError(tr("no such directory: {path}", path=repr(str(output.parent))))
    facts = session(facts_dir).facts(FilterArgs(kind, partner, sector, since, until, source, org))
    draw(what, facts, output)
    sys.stderr.write(f"vncoop: drew {what} of {len(facts)} facts to {one_line(str(output))}\n")


def sources(
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    jq: Jq = None,
    color: Color = None,
    facts_dir: FactsDir = None,
) -> None:
    """The source documents, with how many facts each supports."""
    from vncoop.domain.overviews import source_usage
    from vncoop.output.reports import SOURCE_FIELDS, render_sources, sources_json

    selected = parse_fields(fields, SOURCE_FIELDS)
    records = source_usage(session(facts_dir).corpus())
    chosen = output_format(fmt, as_json, jq)
    draw = lambda out, terminal: render_sources(records, chosen, out, terminal, selected)  # noqa: E731
    _report(chosen, sources_json(records, selected), jq, color, draw)


def source(
    source_id: Annotated[str, typer.Argument(metavar="ID", help="A source id (see `vncoop sources`).")],
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    jq: Jq = None,
    color: Color = None,
    facts_dir: FactsDir = None,
) -> None:
    """One source document: its metadata, then its archived text."""
    from vncoop.output.reports import render_source

    record = session(facts_dir).source_with_text(source_id)
    chosen = output_format(fmt, as_json, jq)
    _report(chosen, record, jq, color, lambda out, terminal: render_source(record, chosen, out, terminal))


def coverage(
    source_id: Annotated[
        Optional[str], typer.Argument(metavar="[SOURCE]", help="A source id; every source when left out.")
    ] = None,
    flagged: Annotated[
        bool,
        typer.Option(
            "--flagged", help="Only sentences with a number, a date or an entity's name.", rich_help_panel=OUTPUT
        ),
    ] = False,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    jq: Jq = None,
    color: Color = None,
    facts_dir: FactsDir = None,
) -> None:
    """For curators: every sentence of an archived source that no evidence quote covers, the
    ones with numbers, dates or entity names first. Exits 0 either way."""
    from vncoop.output.reports import render_coverage

    summary, sentences = session(facts_dir).coverage(source_id)
    if flagged:
        sentences = [sentence for sentence in sentences if sentence["flags"]]
    chosen = output_format(fmt, as_json, jq)
    if chosen is not OutputFormat.json:
        for line in summary:
            sys.stderr.write(
                f"vncoop: {line['source']}: {line['uncovered']} of {line['sentences']} sentences not cited"
                f" ({line['flagged']} with a number, date or entity)\n"
            )
    _report(chosen, sentences, jq, color, lambda out, terminal: render_coverage(sentences, chosen, out, terminal))


def cite(
    ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Fact or source ids; - reads them from stdin.")],
    style: Annotated[
        CiteStyle,
        typer.Option(
            "--style", "-s", case_sensitive=False, help="text, csl-json, bibtex or ris.", rich_help_panel=OUTPUT
        ),
    ] = CiteStyle.text,
    facts_dir: FactsDir = None,
) -> None:
    """Citations of facts (each quote with its source) or sources, ready to paste or import."""
    from vncoop.output.citations import citations, render_citations

    given = [line.strip() for line in sys.stdin if line.strip()] if ids == ["-"] else ids
    wanted = list(dict.fromkeys(given))  # each once: a bibliography has no duplicate keys
    if not wanted:
        raise UsageError(tr("no id on stdin"))
    current = session(facts_dir)
    sources = current.sources()
    items = [item for one in wanted for item in citations(current.citable(one), sources)]
    with writing_output():
        sys.stdout.write(render_citations(items, style))
        sys.stdout.flush()


def _report(
    chosen: OutputFormat,
    data: Any,
    jq: str | None,
    color: ColorWhen | None,
    draw: Callable[[TextIO, Terminal | None], None],
) -> None:
    """The tail every overview command shares: JSON (through ``--jq``) when asked for, else its
    renderer on stdout, for a terminal or plain."""
    if chosen is OutputFormat.json:
        write_json(data, jq)
        return
    with writing_output():
        draw(sys.stdout, stdout_terminal(color_option(color)))
        sys.stdout.flush()
