"""Snowball stems, English and French: inflections meet, false friends of a shared prefix do
not, British spellings meet American ones, and Vietnamese is never stemmed."""

from __future__ import annotations

from pathlib import Path

import pytest

from vncoop.domain.records import Corpus
from vncoop.index.stems import root_keys, stem
from vncoop.search.analyse import QueryAnalyser, Thesaurus
from vncoop.search.memory import MemoryIndex, MemoryLexicon


def stems_of(word: str) -> set[str]:
    return set(root_keys(stem(word)))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("manufacturers", "manufacturing"),
        ("invested", "investing"),
        ("trained", "training"),
        ("normalisation", "normalization"),
        ("programme", "program"),
        ("centre", "center"),
        ("labour", "labor"),
        ("ingénieurs", "ingénieur"),
        ("investissements", "investir"),
    ],
)
def test_forms_of_one_word_share_a_stem(one: str, other: str) -> None:
    assert stems_of(one) & stems_of(other)


@pytest.mark.parametrize(("one", "other"), [("internet", "international"), ("community", "communications")])
def test_a_shared_prefix_is_not_a_shared_stem(one: str, other: str) -> None:
    assert not stems_of(one) & stems_of(other)


def test_a_vietnamese_word_typed_with_marks_is_not_stemmed() -> None:
    corpus = Corpus(Path("."), [], {}, [])
    analyser = QueryAnalyser(Thesaurus([]), MemoryLexicon(MemoryIndex(corpus), set()))
    (concept,) = analyser.concepts("cứu")
    assert [alternative.how for alternative in concept.alternatives] == ["exact"]
    (english,) = analyser.concepts("engineers")
    assert "stemmed" in [alternative.how for alternative in english.alternatives]
