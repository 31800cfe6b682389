"""The commands that answer with a profile, then the facts it concerns, newest first:
``partner`` (a country) and ``org`` (an organisation, person or group)."""

from __future__ import annotations

from typing import Annotated, Any, NamedTuple

import typer

from vncoop.app.session import FilterArgs
from vncoop.cli.answering import session
from vncoop.cli.command_context import color_option
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
    Pager,
    PartnerFilter,
    Sectors,
    Since,
    SourceFilter,
    Until,
    complete_org,
    complete_partner,
)
from vncoop.cli.terminal import ColorWhen, emit, exit_if_empty, output_format, streamable, write_json
from vncoop.output.formats import OutputFormat
from vncoop.output.view import View, parse_fields
from vncoop.text.i18n import tr


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
    filters = FilterArgs(kind, [code], sector, since, until, source, org)
    chosen = output_format(fmt, as_json, jq)
    current = session(facts_dir)
    plain = not profile and streamable(chosen, selected, jq)  # the facts alone: no profile to compute
    if plain and streamed_facts(current, filters, chosen, limit, exit_status):
        return
    facts = current.facts(filters)
    header = partner_profile(code, facts)
    subject = {"partner": code, "name": partner_name(code)}
    note = tr("no facts involve {partner}", partner=f"{partner_name(code)} ({code})")
    shown = Shown(chosen, selected, limit, jq, exit_status, color, pager)
    _profile_then_facts(subject, header, facts, note, profile, shown)


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
    subject = {"entity": dict(entity), "name": entity_label(entity)}
    shown = Shown(output_format(fmt, as_json, jq), selected, limit, jq, exit_status, color, pager)
    _profile_then_facts(
        subject, header, facts, tr("no facts name {entity}", entity=entity_label(entity)), profile, shown
    )


class Shown(NamedTuple):
    """How the user asked to see the answer: format, fields, limit, --jq, -e, colour, pager."""

    fmt: OutputFormat
    fields: list[str] | None
    limit: int | None
    jq: str | None
    exit_status: bool
    color: ColorWhen | None
    pager: bool | None


def _profile_then_facts(
    subject: dict[str, Any],
    header: list[tuple[str, str]],
    facts: list[dict[str, Any]],
    note: str,
    profile_only: bool,
    shown: Shown,
) -> None:
    """The tail both commands share: the profile alone (``--profile``; an object with --json,
    the subject's keys first), or the facts under it."""
    color = color_option(shown.color)
    if profile_only:
        rows = [{"label": label, "value": value} for label, value in header]
        if shown.fmt is OutputFormat.json:
            write_json({**subject, "facts": len(facts), "profile": rows}, shown.jq)
            exit_if_empty(not facts, shown.exit_status)
            return
        emit(View(rows, ["label", "value"]), shown.fmt, None, shown.pager, exit_status=shown.exit_status, color=color)
        return
    view = View(facts[: shown.limit], shown.fields, header=header)
    emit(view, shown.fmt, note, shown.pager, jq=shown.jq, exit_status=shown.exit_status, color=color)
