"""Schema validation of a corpus directory, turning pydantic errors into located problems.

Every file is checked and every problem kept, so one run of ``vncoop validate`` shows them all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vncoop.corpus.crosscheck import assemble
from vncoop.corpus.layout import (
    ENTITIES_FILE,
    SOURCES_FILE,
    THESAURUS_FILE,
    discover_fact_files,
    display_path,
    parse_yaml_file,
)
from vncoop.corpus.schema import FACT_ADAPTER, Entity, Source, Thesaurus, fact_to_dict
from vncoop.corpus.translations import translation_problems
from vncoop.domain.entities import EntityDict, resolve_fact_entities, unknown_references
from vncoop.domain.records import Corpus, FactDict, FactFile, SourceDict
from vncoop.domain.vocab import TRANSLATED_KEYS
from vncoop.errors import CorpusError, Problem

YamlPath = tuple[Any, ...]


# vncoop's words for pydantic's error types, so that messages (and the tests that read them) do
# not change with pydantic's wording; a type not listed keeps pydantic's message.
_MESSAGES_BY_TYPE = {
    "extra_forbidden": "unknown key",
    "missing": "required field is missing",
    "union_tag_not_found": "required field 'kind' is missing",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "string_type": "expected text",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of keys to values",
    "model_type": "expected a mapping of keys to values",
    "model_attributes_type": "expected a mapping of keys to values",
}
_TYPES_WITH_INPUT = {"int_parsing", "int_type", "int_from_float", "float_parsing", "float_type", "bool_parsing"}


def _message(error: Any) -> str:
    kind = error["type"]
    if kind in _MESSAGES_BY_TYPE:
        words = _MESSAGES_BY_TYPE[kind]
        if kind in _TYPES_WITH_INPUT and "input" in error:
            words += f" (got {error['input']!r})"
        return words
    msg = str(error["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if kind == "union_tag_invalid":
        ctx = error.get("ctx") or {}
        return _unknown_choice("kind", str(ctx.get("tag")), str(ctx.get("expected_tags", "")))
    if kind == "literal_error":
        ctx = error.get("ctx") or {}
        return _unknown_choice("value", str(error.get("input")), str(ctx.get("expected", "")))
    return msg


def _unknown_choice(what: str, typed: str, expected: str) -> str:
    """ "unknown kind 'training_targt'; did you mean 'training_target'? (expected one of …)"."""
    import re
    from difflib import get_close_matches

    choices = re.findall(r"'([^']*)'", expected)
    close = get_close_matches(typed.lower(), choices, n=1, cutoff=0.75)  # a typo, not any overlap
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(repr(choice) for choice in choices)
    return f"unknown {what} {typed!r}{hint} (expected one of {listed})"


def _line_for(lines: dict[YamlPath, int], path: YamlPath) -> int | None:
    for end in range(len(path), -1, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return None


def validation_problems(
    exc: ValidationError, shown: str, lines: dict[YamlPath, int], base: YamlPath, item_id: str | None, kind: Any
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        if loc and kind is not None and loc[0] == kind:
            loc = loc[1:]
        if error["type"] == "extra_forbidden" or not loc:
            pass
        field = ".".join(str(part) for part in loc) or None
        if error["type"] in ("union_tag_not_found",):
            field = "kind"
        message = _message(error)
        if len(loc) == 1 and loc[0] in TRANSLATED_KEYS and error["type"] in ("model_type", "model_attributes_type"):
            message = f"give the {loc[0]} in every language: {{en: …, fr: …, vi: …}}"
        problems.append(Problem(shown, _line_for(lines, base + loc), item_id, field, message))
    return problems


def _expect_list_file(data: Any, key: str, shown: str, lines: dict[YamlPath, int]) -> list[Any]:
    """The top of a corpus file must be a mapping holding one list under ``key``."""
    if data is None:
        raise CorpusError([Problem(shown, 1, None, None, f"empty file: expected a mapping with a '{key}' list")])
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value"
        raise CorpusError(
            [Problem(shown, lines.get(()), None, None, f"expected a mapping with a '{key}' list, found {what}")]
        )
    problems = [Problem(shown, lines.get((other,)), None, str(other), "unknown key") for other in data if other != key]
    items = data.get(key)
    if not isinstance(items, list):
        problems.append(Problem(shown, lines.get((key,), 1), None, key, f"expected a list under '{key}'"))
    if problems:
        raise CorpusError(problems)
    assert isinstance(items, list)
    return items


def _item_id(item: Any) -> str | None:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return str(item["id"])
    return None


def validate_fact_file(
    path: Path, root: Path, entities: dict[str, EntityDict] | None = None
) -> tuple[FactFile, list[Problem]]:
    """A fact file's valid facts, their entity ids resolved, and its problems, each with its own line.

    Read first keeping only each fact's line (what a valid file needs, and cheaper), then, only
    if something is wrong, again with every line, so that each problem names its own."""
    known = entities or {}
    fact_file, problems = _validate_fact_file(path, root, known, line_depth=2)
    if problems:
        fact_file, problems = _validate_fact_file(path, root, known, line_depth=None)
    return fact_file, problems


def _validate_fact_file(
    path: Path, root: Path, entities: dict[str, EntityDict], line_depth: int | None
) -> tuple[FactFile, list[Problem]]:
    shown = display_path(path, root)
    try:
        data, lines = parse_yaml_file(path, shown, line_depth)
        items = _expect_list_file(data, "facts", shown, lines)
    except CorpusError as exc:
        return FactFile(shown, [], {}), exc.problems
    facts: list[FactDict] = []
    starts: dict[str, int] = {}
    problems: list[Problem] = []
    for index, item in enumerate(items):
        base: YamlPath = ("facts", index)
        if not isinstance(item, dict):
            problems.append(Problem(shown, lines.get(base), None, None, "a fact must be a mapping"))
            continue
        fact_id = _item_id(item)
        try:
            model = FACT_ADAPTER.validate_python(item)
        except ValidationError as exc:
            problems.extend(validation_problems(exc, shown, lines, base, fact_id, item.get("kind")))
            continue
        fact = fact_to_dict(model)
        for field, message in translation_problems(fact):
            problems.append(Problem(shown, _line_for(lines, (*base, *field.split("."))), model.id, field, message))
        unknown = unknown_references(fact, entities)
        for field, _value, message in unknown:
            path_in_fact = tuple(int(p) if p.isdigit() else p for p in field.split("."))
            problems.append(Problem(shown, _line_for(lines, base + path_in_fact), model.id, field, message))
        if unknown:
            continue
        facts.append(resolve_fact_entities(fact, entities))
        starts[model.id] = lines.get(base, 0)
    return FactFile(shown, facts, starts), problems


def validate_sources(root: Path) -> tuple[dict[str, SourceDict], dict[str, int], list[Problem]]:
    shown = SOURCES_FILE
    try:
        data, lines = parse_yaml_file(root / SOURCES_FILE, shown)
        items = _expect_list_file(data, "sources", shown, lines)
    except CorpusError as exc:
        return {}, {}, exc.problems
    sources: dict[str, SourceDict] = {}
    starts: dict[str, int] = {}
    problems: list[Problem] = []
    for index, item in enumerate(items):
        base: YamlPath = ("sources", index)
        source_id = _item_id(item)
        try:
            model = Source.model_validate(item)
        except ValidationError as exc:
            problems.extend(validation_problems(exc, shown, lines, base, source_id, None))
            continue
        if model.id in sources:
            problems.append(
                Problem(
                    shown, lines.get(base), model.id, "id", f"duplicate source id (first at line {starts[model.id]})"
                )
            )
            continue
        sources[model.id] = model.model_dump(mode="json")
        starts[model.id] = lines.get(base, 0)
    if not items and not problems:
        problems.append(Problem(shown, lines.get(("sources",)), None, "sources", "no sources: every fact needs one"))
    return sources, starts, problems


def validate_thesaurus(root: Path) -> tuple[list[list[str]], list[Problem]]:
    path = root / THESAURUS_FILE
    if not path.exists():
        return [], []
    try:
        data, lines = parse_yaml_file(path, THESAURUS_FILE)
        items = _expect_list_file(data, "groups", THESAURUS_FILE, lines)
        return Thesaurus.model_validate({"groups": items}).groups, []
    except CorpusError as exc:
        return [], exc.problems
    except ValidationError as exc:
        return [], validation_problems(exc, THESAURUS_FILE, lines, (), None, None)


def validate_entities(root: Path) -> tuple[dict[str, EntityDict], list[Problem]]:
    """The corpus's entities by id (none without entities.yaml) and the file's problems: schema,
    duplicate ids, members that are no entity. Two entities may share a name (MIC is a ministry
    of Japan and was one of Vietnam): looking it up then asks for the id."""
    path = root / ENTITIES_FILE
    if not path.exists():
        return {}, []
    shown = ENTITIES_FILE
    try:
        data, lines = parse_yaml_file(path, shown)
        items = _expect_list_file(data, "entities", shown, lines)
    except CorpusError as exc:
        return {}, exc.problems
    entities: dict[str, EntityDict] = {}
    starts: dict[str, int] = {}
    problems: list[Problem] = []
    for index, item in enumerate(items):
        base: YamlPath = ("entities", index)
        try:
            model = Entity.model_validate(item)
        except ValidationError as exc:
            problems.extend(validation_problems(exc, shown, lines, base, _item_id(item), None))
            continue
        line = lines.get(base, 0)
        if model.id in entities:
            problems.append(
                Problem(shown, line, model.id, "id", f"duplicate entity id (first at line {starts[model.id]})")
            )
            continue
        entities[model.id] = model.model_dump(mode="json", exclude_defaults=True)
        starts[model.id] = line
    for entity_id, entity in entities.items():
        for index, member in enumerate(entity.get("members") or []):
            if member not in entities:
                problems.append(
                    Problem(shown, starts[entity_id], entity_id, f"members.{index}", f"unknown entity {member!r}")
                )
    return entities, problems


def validate_corpus_files(root: Path) -> tuple[Corpus, list[Problem]]:
    """Schema-check every file and cross-check ids and source references."""
    sources, _source_lines, problems = validate_sources(root)
    thesaurus, thesaurus_problems = validate_thesaurus(root)
    problems.extend(thesaurus_problems)
    entities, entity_problems = validate_entities(root)
    problems.extend(entity_problems)
    fact_files = []
    for path in discover_fact_files(root):
        fact_file, file_problems = validate_fact_file(path, root, entities)
        problems.extend(file_problems)
        fact_files.append(fact_file)
    corpus, check = assemble(root, sources, thesaurus, fact_files)
    corpus.entities = entities
    problems += check.problems
    from vncoop.corpus.anchors import Archives

    archives = Archives.of_sources(root, corpus.sources)
    for fact in corpus.facts:
        archives.anchor(fact)
    return corpus, problems or check.no_facts(root)
