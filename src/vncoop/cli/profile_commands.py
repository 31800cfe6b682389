"""The commands that answer with a profile, then the facts it concerns, newest first:
``partner`` (a country) and ``org`` (an organisation, person or group)."""

from __future__ import annotations

from typing import Annotated

import typer

from vncoop.app.session import FilterArgs
from vncoop.cli.facts_commands import session
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
    Pager,
    PartnerFilter,
    Sectors,
    Since,
    SourceFilter,
    Until,
    complete_org,
    complete_partner,
)
from vncoop.cli.runtime import color_option
from vncoop.cli.terminal import emit, exit_if_empty, output_format
from vncoop.output.formats import OutputFormat
from vncoop.output.view import View, parse_fields


def partner(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="Partner country: name in English/French/Vietnamese, or ISO code.",
            autocompletion=complete_partner,
        ),
    ],
    profile: Annotated[
        bool,
        typer.Option("--profile", help="The partner's profile only (an object with --json).", rich_help_panel=OUTPUT),
    ] = False,
    kind: Kinds = None,
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
    pager: Pager = None,
    facts_dir: FactsDir = None,
) -> None:
    """Every fact involving a partner country, newest first, under a short profile."""
    from vncoop.domain.partners import partner_name, partner_profile, resolve_partner

    selected = parse_fields(fields)
    code = resolve_partner(name)
    facts = session(facts_dir).facts(FilterArgs(kind, [code], sector, since, until, source, org))
    header = partner_profile(code, facts)
    chosen = output_format(fmt, as_json, jq)
    if profile:
        rows = [{"label": label, "value": value} for label, value in header]
        if chosen is OutputFormat.json:
            from vncoop.cli.terminal import write_json

            write_json({"partner": code, "name": partner_name(code), "facts": len(facts), "profile": rows}, jq)
            exit_if_empty(not facts, exit_status)
            return
        emit(View(rows, ["label", "value"]), chosen, None, pager, exit_status=exit_status, color=color_option(color))
        return
    view = View(facts[:limit], selected, header=header)
    emit(
        view,
        chosen,
        f"no facts involve {partner_name(code)} ({code})",
        pager,
        jq=jq,
        exit_status=exit_status,
        color=color_option(color),
    )


def org(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="An organisation, person or group: its name in any language, acronym, alias or id.",
            autocompletion=complete_org,
        ),
    ],
    profile: Annotated[
        bool,
        typer.Option("--profile", help="The profile only (an object with --json).", rich_help_panel=OUTPUT),
    ] = False,
    kind: Kinds = None,
    partner: PartnerFilter = None,
    sector: Sectors = None,
    since: Since = None,
    until: Until = None,
    source: SourceFilter = None,
    limit: Limit = None,
    fmt: Format = OutputFormat.table,
    as_json: Json = False,
    fields: Fields = None,
    jq: Jq = None,
    exit_status: ExitStatus = False,
    color: Color = None,
    pager: Pager = None,
    facts_dir: FactsDir = None,
) -> None:
    """Every fact naming an organisation, person or group, newest first, under a short profile."""
    from vncoop.domain.entities import entity_label, entity_profile
    from vncoop.domain.filters import resolve_entity

    selected = parse_fields(fields)
    current = session(facts_dir)
    entities = current.entities()
    entity = resolve_entity(current.base(), name)
    facts = current.facts(FilterArgs(kind, partner, sector, since, until, source, [entity["id"]]))
    header = entity_profile(entity, facts, entities)
    chosen = output_format(fmt, as_json, jq)
    if profile:
        rows = [{"label": label, "value": value} for label, value in header]
        if chosen is OutputFormat.json:
            from vncoop.cli.terminal import write_json

            write_json({"entity": dict(entity), "name": entity_label(entity), "facts": len(facts), "profile": rows}, jq)
            exit_if_empty(not facts, exit_status)
            return
        emit(View(rows, ["label", "value"]), chosen, None, pager, exit_status=exit_status, color=color_option(color))
        return
    view = View(facts[:limit], selected, header=header)
    note = f"no facts name {entity_label(entity)}"
    emit(view, chosen, note, pager, jq=jq, exit_status=exit_status, color=color_option(color))
