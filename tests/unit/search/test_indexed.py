"""Search through the cache's FTS5 index ranks exactly like the in-memory search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vncoop.app.corpora import load_corpus
from vncoop.index.store import open_cache
from vncoop.search.analyse import normalise_query
from vncoop.search.engine import indexed_engine, memory_engine

from conftest import REPO_FACTS, VALID, dated_back, invoke

QUERIES = [
    "semiconductor engineers",
    "kỹ sư bán dẫn",
    "ingenieurs semi-conducteurs",
    "semicondutor enginers",
    "Tokio",
    "78,6",
    "20%",
    "$200 million",
    "nhat ban dau tu",
    "what reforms does Vietnam prioritise until 2030",
    "quantum teleportation",
]


@pytest.mark.parametrize("query", QUERIES)
def test_indexed_ranking_equals_in_memory(query: str) -> None:
    corpus = load_corpus(REPO_FACTS, use_cache=False)  # validated and tokenised afresh
    engine = indexed_engine(open_cache(REPO_FACTS))
    expected = [(h.fact["id"], h.score) for h in memory_engine(corpus).search(normalise_query(query), None, 10)]
    found = [(h.fact["id"], h.score) for h in engine.search(normalise_query(query), None, 10)]
    assert found == expected


def test_a_changed_file_is_searched_as_it_now_reads(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    assert [h.fact["id"] for h in indexed_engine(open_cache(root)).search("Tokyo seminar")][:1] == ["sample-seminar"]
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("Seminar in Tokyo", "Seminar in Osaka"), "utf-8")
    engine = indexed_engine(open_cache(root))
    assert engine.search("Osaka seminar")[0].fact["title"].startswith("Seminar in Osaka")


def test_cli_filters_through_the_index(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    result = invoke(
        runner, "search", "Japan", "--kind", "investment", "--since", "2025", "--json", "--facts-dir", str(root)
    )
    assert result.exit_code == 0, result.output
    assert [f["id"] for f in json.loads(result.stdout)] == ["sample-growth"]


def test_unchanged_files_copied_into_a_rebuilt_cache_are_searched_alike(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    text = (root / "facts.yaml").read_text(encoding="utf-8")
    (root / "facts.yaml").unlink()
    for number in range(3):
        part = root / f"part-{number}.yaml"
        part.write_text(text.replace("id: sample-", f"id: p{number}-sample-"), "utf-8")
        dated_back(part)
    open_cache(root)
    changed = root / "part-1.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Tokyo", "Osaka"), "utf-8")
    validated: list[str] = request.getfixturevalue("validated")  # from here on
    engine = indexed_engine(open_cache(root))  # part-0 and part-2 are copied from the previous cache
    assert validated == ["part-1.yaml"]
    memory = memory_engine(load_corpus(root, use_cache=False))
    for query in ("Tokyo seminar", "Osaka seminar", "semiconductor engineers", "78,6"):
        expected = [(h.fact["id"], h.score) for h in memory.search(normalise_query(query), None, 10)]
        assert [(h.fact["id"], h.score) for h in engine.search(normalise_query(query), None, 10)] == expected
    assert {h.fact["id"] for h in engine.search("Tokyo seminar")} >= {"p0-sample-seminar", "p2-sample-seminar"}


# -- no user text ever reaches FTS5 syntax or splits into a phrase --------------------------------
_ENGINE_CACHE: dict[str, object] = {}


def _shipped_engine():  # type: ignore[no-untyped-def]
    if "engine" not in _ENGINE_CACHE:
        _ENGINE_CACHE["engine"] = indexed_engine(open_cache(REPO_FACTS))
    return _ENGINE_CACHE["engine"]


@pytest.mark.parametrize("query", ["Uŉ", "aᦰb", "c/o", "x²", "ǅ", "a'b\"c", "NEAR(a b)", "a*", "^~", "AND OR NOT"])
def test_words_that_fts5_would_split_or_parse_never_crash(query: str) -> None:
    _shipped_engine().search(normalise_query(query), None, 10)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_searches_the_index_without_error(query: str) -> None:
    _shipped_engine().search(normalise_query(query), None, 10)


def test_a_thesaurus_term_fts5_would_split_still_searches(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    thesaurus = root / "thesaurus.yaml"
    thesaurus.write_text(thesaurus.read_text(encoding="utf-8") + '  - ["Uŉ seminar", "aᦰb"]\n', encoding="utf-8")
    engine = indexed_engine(open_cache(root))
    for query in ("aᦰb", "Uŉ seminar", "u'n"):
        engine.search(query)  # the group's terms reach the index quoted and whole
    assert engine.search("seminar")[0].fact["id"] == "sample-seminar"
