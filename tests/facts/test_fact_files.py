"""Every real fact file, one test each: schema, verbatim quotes, numbers, partners."""

from __future__ import annotations

from pathlib import Path

import pytest

from vncoop.corpus.evidence import check_evidence
from vncoop.corpus.layout import discover_fact_files
from vncoop.corpus.validate import validate_corpus_files, validate_entities, validate_fact_file
from vncoop.domain.kinds import KIND_FIELDS, KINDS, NUMBER_ROLES, NUMERIC_FIELDS, SEARCHED_ROLES
from vncoop.domain.quantities import COMPUTED_FIELDS

from conftest import REPO_FACTS

FACT_FILES = discover_fact_files(REPO_FACTS)


def test_there_are_fact_files() -> None:
    assert len(FACT_FILES) >= 5


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: p.name)
def test_fact_file_is_valid(path: Path) -> None:
    entities, entity_problems = validate_entities(REPO_FACTS)
    assert entity_problems == []
    fact_file, problems = validate_fact_file(path, REPO_FACTS, entities)
    assert problems == []
    assert fact_file.facts, "a fact file holds at least one fact"
    corpus, _ = validate_corpus_files(REPO_FACTS)
    mine = {f["id"] for f in fact_file.facts}
    evidence_problems = [p for p in check_evidence(corpus) if p.fact_id in mine]
    assert evidence_problems == []
    for fact in fact_file.facts:
        assert "VN" not in fact["partners"]
        for lang in ("en", "fr", "vi"):
            assert fact["keywords"][lang], f"{fact['id']}: keywords.{lang} is empty"


def test_japan_and_us_facts_are_disjoint_unless_both_named() -> None:
    corpus, problems = validate_corpus_files(REPO_FACTS)
    assert problems == []
    japan = {f["id"] for f in corpus.facts if "JP" in f["partners"]}
    us = {f["id"] for f in corpus.facts if "US" in f["partners"]}
    assert japan and us
    assert not japan & us


def test_every_source_supports_facts() -> None:
    corpus, _ = validate_corpus_files(REPO_FACTS)
    used = {e["source"] for f in corpus.facts for e in f["evidence"]}
    assert used == set(corpus.sources)


def test_vocabularies_match_the_schema() -> None:
    """domain/vocab.py and domain/kinds.py (pydantic-free) and corpus/schema.py must say the same."""
    from typing import get_args

    from vncoop.corpus import schema as models
    from vncoop.domain import vocab

    kinds = [get_args(member.model_fields["kind"].annotation)[0] for member in get_args(get_args(models.FactUnion)[0])]
    assert tuple(kinds) == KINDS
    assert get_args(models.Sector) == vocab.SECTORS
    assert get_args(models.Qualifier) == vocab.QUALIFIERS
    for member in get_args(get_args(models.FactUnion)[0]):
        assert tuple(member.model_fields)[: len(vocab.HEAD_KEYS) - 1] == tuple(
            k for k in vocab.HEAD_KEYS if k != "kind"
        )


def test_the_kinds_table_matches_the_schema_field_by_field() -> None:
    """domain/kinds.py (pydantic-free, for the hot paths) and the models must say the same."""
    from typing import get_args

    from vncoop.corpus import schema as models

    base = set(models.FactBase.model_fields)
    for member in get_args(get_args(models.FactUnion)[0]):
        kind = get_args(member.model_fields["kind"].annotation)[0]
        own = [name for name in member.model_fields if name not in base and name != "kind"]
        assert [f.name for f in KIND_FIELDS[kind]] == own, kind
        for field in KIND_FIELDS[kind]:
            annotation = str(member.model_fields[field.name].annotation)
            if field.role in NUMBER_ROLES:
                assert "int" in annotation, (kind, field)
            if field.role == "texts":
                assert annotation.startswith("list"), (kind, field)
            if field.role in ("text", "code", "date", "choice"):
                assert "str" in annotation or "Literal" in annotation, (kind, field)


def test_field_lists_derive_from_the_kinds_table() -> None:
    from vncoop.domain.vocab import ENTITIES_KEY, HEAD_KEYS, TAIL_KEYS
    from vncoop.index.tokens import DETAIL_FIELDS
    from vncoop.output.view import DERIVED_FIELDS, EXTRA_FIELDS, KNOWN_FIELDS

    own = {f.name for fields in KIND_FIELDS.values() for f in fields}
    computed = set(COMPUTED_FIELDS)
    assert set(KNOWN_FIELDS) == set(HEAD_KEYS) | own | computed | {ENTITIES_KEY} | set(TAIL_KEYS) | set(
        DERIVED_FIELDS
    ) | set(EXTRA_FIELDS)
    assert set(DETAIL_FIELDS) == {f.name for fs in KIND_FIELDS.values() for f in fs if f.role in SEARCHED_ROLES} | {
        "kind"
    }
    assert set(NUMERIC_FIELDS) == {f.name for fs in KIND_FIELDS.values() for f in fs if f.role in NUMBER_ROLES}


def test_every_source_records_the_sha256_of_its_archive() -> None:
    import hashlib

    import yaml

    sources = yaml.safe_load((REPO_FACTS / "sources.yaml").read_text("utf-8"))["sources"]
    for source in sources:
        assert source.get("sha256") == hashlib.sha256((REPO_FACTS / source["text"]).read_bytes()).hexdigest()


def test_every_quote_is_anchored_in_its_archive_by_quote_and_position() -> None:
    from vncoop.app.corpora import load_corpus

    corpus = load_corpus(REPO_FACTS, use_cache=False)
    for fact in corpus.facts:
        for evidence in fact["evidence"]:
            quote_selector, position = evidence["selectors"]
            archive = (REPO_FACTS / corpus.sources[evidence["source"]]["text"]).read_text("utf-8")
            assert archive[position["start"] : position["end"]] == quote_selector["exact"]
            around = quote_selector["prefix"] + quote_selector["exact"] + quote_selector["suffix"]
            first = archive.find(around)
            assert first >= 0 and archive.find(around, first + 1) < 0, fact["id"]
