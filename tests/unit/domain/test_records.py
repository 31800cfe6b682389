"""``SlotRecord``: the dataclass behaviour the search's classes keep without importing dataclasses."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from vncoop.domain.records import Corpus, FactFile
from vncoop.search.query import Alternative, Concept, Hit


def test_records_compare_by_their_public_fields() -> None:
    concept = Concept("chip", [Alternative(("chip",), ("chip",), 1.0, "exact")])
    same = Concept("chip", [Alternative(("chip",), ("chip",), 1.0, "exact")])
    concept.ranked()  # fills a private cache: not part of the value
    assert concept == same and concept != Concept("chip")
    assert Hit({"id": "a"}, 1.0) != Concept("chip") and Hit({"id": "a"}, 1.0) == Hit({"id": "a"}, 1.0, [])
    with pytest.raises(TypeError):
        hash(concept)


def test_defaults_are_not_shared_between_records() -> None:
    first, second = Corpus(Path("a"), [], {}), Corpus(Path("a"), [], {})
    first.warnings.append("only mine")
    assert second.warnings == [] and first != second


def test_a_record_shows_and_pickles_its_fields() -> None:
    record = FactFile("facts/a.yaml", [{"id": "x"}], {"x": 3})
    assert repr(record) == "FactFile(path='facts/a.yaml', facts=[{'id': 'x'}], lines={'x': 3})"
    assert "_ranked" not in repr(Concept("chip"))
    assert pickle.loads(pickle.dumps(record)) == record
