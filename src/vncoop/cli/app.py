"""The ``vncoop`` command line: parse options, call the core, pick a renderer. Nothing else.

Errors from the core (:class:`VncoopError`) are turned into one line on stderr and an exit
code in exactly one place, :class:`ErrorHandlingCommand`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperCommand

from vncoop import __version__
from vncoop.app.session import FilterArgs, Session, fact_filter
from vncoop.cli.completion import complete_fact_id, complete_partner
from vncoop.cli.options import (
    FactsDir,
    Fields,
    Format,
    Json,
    Kinds,
    Pager,
    PartnerFilter,
    Sectors,
    Since,
    SourceFilter,
    Until,
)
from vncoop.cli.terminal import emit, output_format, progress_reporter, silence_stdout, stdout_is_terminal
from vncoop.errors import ExitCode, VncoopError
from vncoop.output.escape import neutralise
from vncoop.output.formats import OutputFormat
from vncoop.output.view import View, parse_fields


def fail(message: str, code: int) -> NoReturn:
    """The one place errors are shown: one line, corpus or user text made inert."""
    sys.stderr.write(f"vncoop: error: {neutralise(message)}\n")
    raise typer.Exit(code)


class ErrorHandlingCommand(TyperCommand):
    """Maps domain errors to exit codes; the last resort for anything unexpected.

    Wraps a command's run only: option parsing errors stay Typer's usage errors (exit 2).
    """

    def invoke(self, ctx: Any) -> Any:  # Any: the base class takes click's Context, which Typer now vendors
        try:
            return super().invoke(ctx)
        except VncoopError as exc:
            fail(exc.message, exc.exit_code)
        except KeyboardInterrupt:
            sys.stderr.write("vncoop: interrupted\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except Exception as exc:  # noqa: BLE001 - the documented last resort
            fail(
                f"internal error ({type(exc).__name__}: {exc}); please report it with the command you ran",
                ExitCode.INTERNAL_ERROR,
            )


APP_SETTINGS: dict[str, Any] = {
    "name": "vncoop",
    "help": "Query a source-verified corpus of Vietnam's international cooperation in AI and semiconductors.",
    "no_args_is_help": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}
app = typer.Typer(**APP_SETTINGS)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"vncoop {__version__}\n")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Query a source-verified corpus of Vietnam's international cooperation in AI and semiconductors.

    Exit codes: 0 success, 1 data or not-found error, 2 usage error, 3 internal error, 130 interrupted.
    """


# -- helpers ------------------------------------------------------------------------------
def _warn(warning: str) -> None:
    sys.stderr.write(f"vncoop: warning: {neutralise(warning)}\n")


def _session(facts_dir: Path | None) -> Session:
    return Session(facts_dir, progress_reporter(), _warn)


# -- commands -----------------------------------------------------------------------------
@app.command(cls=ErrorHandlingCommand)
def search(
    query: Annotated[
        Optional[str],
        typer.Argument(metavar="QUERY", help="What to look for, in English, French or Vietnamese.", show_default=False),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many results.")] = 10,
    explain: Annotated[bool, typer.Option("--explain", help="Show which field and term matched.")] = False,
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
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    pager: Pager = None,
    facts_dir: FactsDir = None,
) -> None:
    """Facts ranked by relevance to QUERY (typos, missing accents and number notations are fine)."""
    from vncoop.errors import UsageError
    from vncoop.search.analyse import normalise_query

    if (query is None) == (not stdin):
        raise UsageError("give a QUERY, or --stdin to read queries one per line (not both)")
    selected = parse_fields(fields)
    search_facts = _session(facts_dir).search_engine(FilterArgs(kind, partner, sector, since, until, source), limit)

    def records_for(text: str) -> list[dict[str, Any]]:
        records = []
        for hit in search_facts(normalise_query(text)):
            record = dict(hit.fact)
            record["score"] = hit.score
            if explain:
                record["matches"] = [m.to_dict() for m in hit.matches]
            records.append(record)
        return records

    if stdin:
        from vncoop.output.view import dumps_json, project

        for line in sys.stdin:
            text = line.rstrip("\r\n")
            results = [project(r, selected) for r in records_for(text)]
            sys.stdout.write(dumps_json({"query": text, "results": results}, indent=None) + "\n")
            sys.stdout.flush()  # one answer per question, so a script can drive it line by line
        return
    assert query is not None
    if explain and selected is None and output_format(fmt, as_json) is OutputFormat.table:
        selected = ["score", "id", "title", "matches"]
    view = View(records_for(query), selected, has_score=True)
    emit(view, output_format(fmt, as_json), f"no facts match {normalise_query(query)[:80]!r}", pager)


@app.command("list", cls=ErrorHandlingCommand)
def list_facts(
    kind: Kinds = None,
    partner: PartnerFilter = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    source: SourceFilter = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    pager: Pager = None,
    facts_dir: FactsDir = None,
) -> None:
    """All facts, newest first, optionally filtered."""
    selected = parse_fields(fields)
    facts = _session(facts_dir).facts(FilterArgs(kind, partner, sector, since, until, source))
    emit(View(facts, selected), output_format(fmt, as_json), "no facts match these filters", pager)


@app.command(cls=ErrorHandlingCommand)
def partner(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="Partner country: name in English/French/Vietnamese, or ISO code.",
            autocompletion=complete_partner,
        ),
    ],
    kind: Kinds = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    source: SourceFilter = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    pager: Pager = None,
    facts_dir: FactsDir = None,
) -> None:
    """Every fact involving a partner country, newest first, under a short profile."""
    from vncoop.domain.partners import partner_profile, resolve_partner

    selected = parse_fields(fields)
    code = resolve_partner(name)
    facts = _session(facts_dir).facts(FilterArgs(kind, [code], sector, since, until, source))
    view = View(facts, selected, header=partner_profile(code, facts))
    emit(view, output_format(fmt, as_json), f"no facts involve {code}", pager)


@app.command(cls=ErrorHandlingCommand)
def show(
    fact_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The fact's id (see `vncoop list`).", autocompletion=complete_fact_id),
    ],
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    facts_dir: FactsDir = None,
) -> None:
    """One fact in full, with every evidence quote and its source."""
    selected = parse_fields(fields)
    fact = _session(facts_dir).fact_with_sources(fact_id)
    emit(View([fact], selected, single=True), output_format(fmt, as_json))


@app.command(cls=ErrorHandlingCommand)
def validate(
    directory: Annotated[
        Optional[Path],
        typer.Argument(help="Corpus directory (default: the one in use).", show_default=False),
    ] = None,
    facts_dir: FactsDir = None,
) -> None:
    """Check a corpus: schema, ids, sources, verbatim quotes, numbers. Lists every problem."""
    from vncoop.corpus.evidence import check_evidence
    from vncoop.corpus.layout import check_root, resolve_facts_dir
    from vncoop.corpus.validate import validate_corpus_files
    from vncoop.output.escape import neutralise

    root = resolve_facts_dir(directory or facts_dir)
    check_root(root)
    corpus, problems = validate_corpus_files(root)
    problems = problems + check_evidence(corpus)
    for problem in sorted(set(problems), key=lambda p: (p.file, p.line or 0, str(p))):
        sys.stderr.write(f"{neutralise(str(problem))}\n")
    if problems:
        sys.stderr.write(f"vncoop: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {root}\n")
        raise typer.Exit(ExitCode.DATA_ERROR)
    sys.stderr.write(f"vncoop: {root}: {len(corpus.facts)} facts, {len(corpus.sources)} sources, no problems\n")


@app.command(cls=ErrorHandlingCommand)
def schema() -> None:
    """The JSON Schema of fact files, for editors and tools (vncoop schema > facts.schema.json)."""
    from vncoop.corpus.schema import fact_json_schema
    from vncoop.output.view import dumps_json

    sys.stdout.write(dumps_json(fact_json_schema()) + "\n")
    sys.stdout.flush()


@app.command(cls=ErrorHandlingCommand)
def export(
    path: Annotated[
        Path,
        typer.Argument(help="File to write; its extension picks the format: .db/.sqlite, .json, .jsonl or .csv."),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    facts_dir: FactsDir = None,
) -> None:
    """Write the whole corpus to a file: SQLite with full-text search (for Datasette), JSON, JSON Lines or CSV."""
    from vncoop.export.files import export_corpus, export_format

    export_format(path)  # an unknown extension is a usage error before any corpus is loaded
    result = export_corpus(_session(facts_dir).corpus(), path, force=force)
    sys.stderr.write(f"vncoop: wrote {result.facts} facts to {result.path}\n")
    for extra in result.extra_files:
        sys.stderr.write(f"vncoop: wrote Datasette metadata to {extra} (datasette {result.path} -m {extra})\n")


@app.command(cls=ErrorHandlingCommand)
def stats(as_json: Json = False, facts_dir: FactsDir = None) -> None:
    """How many facts there are by kind, partner, sector and year, with bar charts."""
    from vncoop.domain.overviews import corpus_stats
    from vncoop.output.reports import render_stats

    render_stats(corpus_stats(_session(facts_dir).corpus().facts), as_json, sys.stdout, stdout_is_terminal())
    sys.stdout.flush()


@app.command(cls=ErrorHandlingCommand)
def timeline(
    partner: PartnerFilter = None,
    since: Since = None,
    until: Until = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    facts_dir: FactsDir = None,
) -> None:
    """Dated facts oldest first, grouped by year, then the undated ones."""
    from vncoop.domain.overviews import timeline as build_timeline
    from vncoop.output.reports import render_timeline

    selected = parse_fields(fields)
    corpus = _session(facts_dir).corpus()
    data = build_timeline(fact_filter(corpus, FilterArgs(None, partner, None, since, until, None)).apply(corpus.facts))
    render_timeline(data, output_format(fmt, as_json), selected, sys.stdout, stdout_is_terminal())
    sys.stdout.flush()
    if not data["years"] and not data["undated"] and output_format(fmt, as_json) is OutputFormat.table:
        sys.stderr.write("vncoop: no facts match these filters\n")


@app.command(cls=ErrorHandlingCommand)
def sources(
    fmt: Format = OutputFormat.table, as_json: Json = False, fields: Fields = None, facts_dir: FactsDir = None
) -> None:
    """The source documents, with how many facts each supports."""
    from vncoop.domain.overviews import source_usage
    from vncoop.output.reports import SOURCE_FIELDS, render_sources

    selected = parse_fields(fields, SOURCE_FIELDS)
    records = source_usage(_session(facts_dir).corpus())
    render_sources(records, output_format(fmt, as_json), sys.stdout, stdout_is_terminal(), selected)
    sys.stdout.flush()
