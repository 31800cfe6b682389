"""The thesaurus index kept in the cache is the one computed from the thesaurus, and a search
that finds it missing or damaged computes it instead."""

from __future__ import annotations

import marshal

import pytest

from vncoop.app.session import Session
from vncoop.index import thesaurus
from vncoop.search.analyse import Thesaurus

from conftest import ROOT


def test_the_kept_index_is_the_computed_one() -> None:
    cache = Session(ROOT / "facts").cache()
    assert cache is not None
    groups = cache.base().thesaurus
    assert groups and cache.thesaurus_index() == thesaurus.thesaurus_index(groups)
    kept, computed = Thesaurus(groups, cache.thesaurus_index()), Thesaurus(groups)
    assert (kept.keys, kept.groups, kept.words, kept.phrases) == (
        computed.keys,
        computed.groups,
        computed.words,
        computed.phrases,
    )


@pytest.mark.parametrize("damaged", [b"", b"\x00\xff garbage", marshal.dumps((1, 2)), "text", None, marshal.dumps(3)])
def test_a_damaged_index_is_not_used(damaged: object) -> None:
    assert thesaurus.loads(damaged) is None


def test_function_words_stay_out_of_a_key() -> None:
    keys, _groups, _words, _phrases = thesaurus.thesaurus_index([["chiffre d'affaires", "revenue"]])
    assert ("chiffre", "affaire") in keys and ("revenue",) in keys
