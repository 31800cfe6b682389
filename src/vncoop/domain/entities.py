"""Organisations, people and groups: the entities fact fields refer to by id.

A fact file writes ``investor: fpt``; the loaded fact (its public JSON) holds the entity's label
in that field, ``"FPT Corporation"``, and lists every entity it names under ``entities``, each
with the fields that name it and all its names, so that search finds a fact by any of them and
``--org`` filters by id. A group's members count as named by the fact too (``via`` the group).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from vncoop.domain.kinds import ENTITY_FIELDS
from vncoop.domain.vocab import ENTITIES_KEY
from vncoop.errors import NotFoundError, UsageError, quoted
from vncoop.text.fold import fold, lower
from vncoop.text.i18n import N_, label, tr

EntityDict = dict[str, Any]


def entity_label(entity: Mapping[str, Any]) -> str:
    """The name shown for an entity: its canonical name, with its first acronym when the name
    does not already hold it (``Japan External Trade Organization (JETRO)``)."""
    name = str(entity["name"])
    acronyms = entity.get("acronyms") or []
    if acronyms and acronyms[0] not in name:
        return f"{name} ({acronyms[0]})"
    return name


def entity_names(entity: Mapping[str, Any]) -> list[str]:
    """Every name of an entity, each once: label, canonical name, acronyms, per language, aliases."""
    names = [entity_label(entity), entity["name"], *(entity.get("acronyms") or [])]
    names += [name for name in (entity.get("names") or {}).values() if name]
    names += entity.get("aliases") or []
    return list(dict.fromkeys(names))


def _values(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def unknown_references(fact: Mapping[str, Any], entities: Mapping[str, EntityDict]) -> list[tuple[str, str, str]]:
    """(field path, id, message) for every entity field value that is no entity's id."""
    found = []
    for field in ENTITY_FIELDS:
        value = fact.get(field)
        for index, entity_id in enumerate(_values(value)):
            if entity_id in entities:
                continue
            path = f"{field}.{index}" if isinstance(value, list) else field
            found.append((path, entity_id, f"unknown entity {entity_id!r}{_id_hint(entity_id, entities)}"))
    return found


def _id_hint(typed: str, entities: Mapping[str, EntityDict]) -> str:
    """ "; it is entity 'fpt', write its id" for a name written where an id goes, else the closest ids."""
    if not entities:
        return " (the corpus has no entities.yaml)"
    found = EntityIndex(entities).candidates(typed)
    if found:
        return f": that names entity {' or '.join(repr(e['id']) for e in found)}; write its id"
    from vncoop.text.suggest import suggest  # only once a name is not found

    return suggest(typed.lower(), list(entities))


def resolve_fact_entities(fact: dict[str, Any], entities: Mapping[str, EntityDict]) -> dict[str, Any]:
    """The fact with each entity id replaced by the entity's label, and ``entities`` listing them
    (the caller has checked that every id is known). Key order is kept; ``entities`` goes before
    ``keywords``."""
    named: dict[str, dict[str, Any]] = {}

    def note(entity_id: str, field: str, via: str | None = None) -> None:
        entity = entities[entity_id]
        record = named.get(entity_id)
        if record is None:
            record = named[entity_id] = {
                "id": entity_id,
                "type": entity["type"],
                "name": entity_label(entity),
                "country": entity.get("country"),
                "fields": [],
                "names": entity_names(entity),
            }
            if via is not None:
                record["via"] = via
        if field not in record["fields"]:
            record["fields"].append(field)
        if via is None:
            record.pop("via", None)  # named directly as well

    resolved: dict[str, Any] = {}
    for key, value in fact.items():
        if key == "keywords":
            resolved[ENTITIES_KEY] = named  # filled in below; before the tails
        if key in ENTITY_FIELDS and value is not None:
            for entity_id in _values(value):
                note(entity_id, key)
                for member in entities[entity_id].get("members") or []:
                    if member in entities:
                        note(member, key, via=entity_id)
            labels = [entity_label(entities[entity_id]) for entity_id in _values(value)]
            resolved[key] = labels if isinstance(value, list) else labels[0]
        else:
            resolved[key] = value
    resolved[ENTITIES_KEY] = list(named.values())
    return resolved


def fact_entity_ids(fact: Mapping[str, Any]) -> set[str]:
    return {entity["id"] for entity in fact.get(ENTITIES_KEY) or ()}


class EntityIndex:
    """Entities by any of their names, ids, acronyms and aliases, in any language: compared with
    their diacritics first (``Hiệu`` is not ``Hiếu``), then folded. An id always wins; a name two
    entities share is ambiguous."""

    def __init__(self, entities: Mapping[str, EntityDict]) -> None:
        self.entities = entities
        self.marked: dict[str, list[EntityDict]] = {}
        self.folded: dict[str, list[EntityDict]] = {}
        for entity in entities.values():
            for name in entity_names(entity):
                for index, marked in ((self.marked, True), (self.folded, False)):
                    found = index.setdefault(_key(name, marked), [])
                    if entity not in found:
                        found.append(entity)

    def candidates(self, name: str) -> list[EntityDict]:
        wanted = name.strip()
        if wanted in self.entities:
            return [self.entities[wanted]]
        return self.marked.get(_key(name, marked=True)) or self.folded.get(_key(name)) or []

    def find(self, name: str) -> EntityDict | None:
        found = self.candidates(name)
        return found[0] if len(found) == 1 else None

    def resolve(self, name: str) -> EntityDict:
        """The entity a typed name means; NotFoundError with the closest names, or UsageError
        listing the entities an ambiguous name could mean."""
        found = self.candidates(name)
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(f"{e['id']!r} ({entity_label(e)})" for e in found)
            raise UsageError(
                tr(
                    "{name} names {count} entities: {listed}; give the id",
                    name=quoted(name.strip()),
                    count=len(found),
                    listed=listed,
                )
            )
        from vncoop.text.suggest import suggest  # only once a name is not found

        key = _key(name)
        hint = suggest(key, list(self.folded), lambda k: entity_label(self.folded[k][0]))
        if not self.entities:
            hint = tr(" (this corpus has no entities.yaml)")
        raise NotFoundError(tr("unknown organisation or person {name}{hint}", name=quoted(name.strip()), hint=hint))


def _key(name: str, marked: bool = False) -> str:
    text = lower(name) if marked else fold(name)
    return " ".join(text.replace(".", "").split())


def members_of(entity_id: str, entities: Iterable[EntityDict]) -> list[str]:
    """Ids of the groups an entity belongs to."""
    return [entity["id"] for entity in entities if entity_id in (entity.get("members") or [])]


ENTITY_TYPES = {"organization": N_("organization"), "person": N_("person"), "group": N_("group")}


def entity_profile(
    entity: Mapping[str, Any], facts: list[dict[str, Any]], entities: Mapping[str, EntityDict]
) -> list[tuple[str, str]]:
    """The lines heading ``vncoop org``: who it is, its names, and how the facts name it."""
    from vncoop.domain.partners import partner_name

    rows = [
        (N_("Entity"), f"{entity_label(entity)} ({entity['id']})"),
        (N_("Type"), tr(ENTITY_TYPES.get(str(entity["type"]), str(entity["type"])))),
    ]
    names = entity.get("names") or {}
    if names:
        rows.append(
            (N_("Names"), " / ".join(f"{names[lang]} ({lang})" for lang in ("en", "fr", "vi") if names.get(lang)))
        )
    if entity.get("acronyms"):
        rows.append((N_("Acronyms"), "; ".join(entity["acronyms"])))
    already = {entity_label(entity), entity["name"], *names.values()}
    others = [alias for alias in entity.get("aliases") or () if alias not in already]
    if others:
        rows.append((N_("Also written"), "; ".join(others)))
    if entity.get("country"):
        rows.append((N_("Country"), f"{partner_name(entity['country'])} ({entity['country']})"))
    if entity.get("description"):
        rows.append((N_("Description"), str(entity["description"])))
    if entity.get("members"):
        rows.append((N_("Members"), "; ".join(entity_label(entities[m]) for m in entity["members"] if m in entities)))
    groups = members_of(str(entity["id"]), entities.values())
    if groups:
        rows.append((N_("Member of"), "; ".join(entity_label(entities[g]) for g in groups)))
    rows.append((N_("Facts"), str(len(facts))))
    roles: dict[str, int] = {}
    for fact in facts:
        for named in fact.get("entities") or ():
            if named["id"] == entity["id"]:
                for field in named["fields"]:
                    roles[field] = roles.get(field, 0) + 1
    if roles:
        shown = sorted(roles.items(), key=lambda item: (-item[1], item[0]))
        rows.append((N_("Named as"), "; ".join(f"{label(field)} {count}" for field, count in shown)))
    return rows


def entity_ids_written(fact: Mapping[str, Any]) -> dict[str, Any]:
    """The fact as a fact file writes it: entity fields back to ids, without ``entities``
    (``--format yaml`` output is corpus input)."""
    named = fact.get(ENTITIES_KEY)
    if not isinstance(named, list):
        return dict(fact)
    ids: dict[tuple[str, str], str] = {}
    for entity in named:
        if "via" not in entity:
            for field in entity.get("fields", ()):
                ids[(field, entity["name"])] = entity["id"]
    written: dict[str, Any] = {}
    for key, value in fact.items():
        if key == ENTITIES_KEY:
            continue
        if key in ENTITY_FIELDS and value is not None:
            written[key] = (
                [ids.get((key, label), label) for label in value]
                if isinstance(value, list)
                else ids.get((key, value), value)
            )
        else:
            written[key] = value
    return written
