"""Filtering and ordering of facts (``--kind``, ``--partner``, ``--sector``, ``--since`` …)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from vncoop.domain.dates import fact_year
from vncoop.domain.entities import fact_entity_ids
from vncoop.domain.kinds import KINDS
from vncoop.domain.partners import resolve_partner
from vncoop.domain.records import Corpus, FactDict
from vncoop.domain.vocab import SECTORS
from vncoop.errors import NotFoundError, UsageError, quoted
from vncoop.text.i18n import label, tr


class FactFilter(NamedTuple):
    kinds: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()  # ISO codes, already resolved
    sectors: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None
    sources: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()  # entity ids, already resolved

    def matches(self, fact: FactDict) -> bool:
        if self.kinds and fact["kind"] not in self.kinds:
            return False
        if self.partners and not set(self.partners) & set(fact["partners"]):
            return False
        if self.sectors and not set(self.sectors) & set(fact["sectors"]):
            return False
        if self.since is not None or self.until is not None:
            year = fact_year(fact)
            if year is None:
                return False
            if self.since is not None and year < self.since:
                return False
            if self.until is not None and year > self.until:
                return False
        if self.sources and not {e["source"] for e in fact["evidence"]} & set(self.sources):
            return False
        if self.orgs and not fact_entity_ids(fact) & set(self.orgs):
            return False
        return True

    def apply(self, facts: Iterable[FactDict]) -> list[FactDict]:
        return [fact for fact in facts if self.matches(fact)]


def _check_choice(value: str, choices: Iterable[str], what: str) -> str:
    options = list(choices)
    normal = value.strip().lower().replace("-", "_") if what == "kind" else value.strip().lower()
    if normal in options:
        return normal
    from vncoop.text.suggest import suggest  # only once a value is not known

    raise UsageError(
        tr("unknown {what} {value}{hint} (valid: {choices})",
           what=label(what), value=repr(value), hint=suggest(normal, options), choices=", ".join(options))
    )  # fmt: skip


def build_filter(
    corpus: Corpus,
    kinds: Iterable[str] = (),
    partners: Iterable[str] = (),
    sectors: Iterable[str] = (),
    since: int | None = None,
    until: int | None = None,
    sources: Iterable[str] = (),
    orgs: Iterable[str] = (),
) -> FactFilter:
    """Resolve user-typed filter values (partner and entity names, kinds, sectors, source ids) or raise."""
    source_ids = []
    for source in sources:
        if source not in corpus.sources:
            from vncoop.text.suggest import suggest

            raise NotFoundError(
                tr("unknown source {name}{hint}", name=quoted(source), hint=suggest(source, list(corpus.sources)))
            )
        source_ids.append(source)
    if since is not None and until is not None and since > until:
        raise UsageError(tr("--since {since} is after --until {until}", since=since, until=until))
    return FactFilter(
        kinds=tuple(_check_choice(k, KINDS, "kind") for k in kinds),
        partners=tuple(resolve_partner(p) for p in partners),
        sectors=tuple(_check_choice(s, SECTORS, "sector") for s in sectors),
        since=since,
        until=until,
        sources=tuple(source_ids),
        orgs=tuple(dict.fromkeys(resolve_entity(corpus, name)["id"] for name in orgs)),
    )


def resolve_entity(corpus: Corpus, name: str) -> dict[str, Any]:
    """The organisation, person or group a typed name, acronym, alias or id means, in any language."""
    from vncoop.domain.entities import EntityIndex

    return EntityIndex(corpus.entities).resolve(name)


def lookup_fact(corpus: Corpus, fact_id: str) -> FactDict:
    fact = corpus.fact(fact_id.strip())
    if fact is None:
        ids = [f["id"] for f in corpus.facts]
        from vncoop.text.suggest import suggest

        raise NotFoundError(
            tr("no fact with id {id}{hint}", id=quoted(fact_id.strip()), hint=suggest(fact_id.strip().lower(), ids))
        )
    return fact


def lookup_source(sources: dict[str, Any], source_id: str) -> dict[str, Any]:
    """A source by id, or NotFoundError with "did you mean"."""
    wanted = source_id.strip()
    if wanted in sources:
        return dict(sources[wanted])
    from vncoop.text.suggest import suggest  # only once an id is not known

    raise NotFoundError(
        tr("no source with id {id}{hint}", id=quoted(wanted), hint=suggest(wanted.lower(), list(sources)))
    )
