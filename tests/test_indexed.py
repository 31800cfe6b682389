"""Search through the cache's FTS5 index ranks exactly like the in-memory search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.cache import open_cache
from vncoop.corpus import load_corpus
from vncoop.indexed import IndexedSearch
from vncoop.search import SearchIndex, normalise_query

from conftest import REPO_FACTS, VALID, invoke

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
    engine = IndexedSearch(open_cache(REPO_FACTS))
    expected = [(h.fact["id"], h.score) for h in SearchIndex(corpus).search(normalise_query(query), None, 10)]
    found = [(h.fact["id"], h.score) for h in engine.search(normalise_query(query), None, 10)]
    assert found == expected


def test_a_changed_file_is_searched_as_it_now_reads(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    assert [h.fact["id"] for h in IndexedSearch(open_cache(root)).search("Tokyo seminar")][:1] == ["sample-seminar"]
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("Seminar in Tokyo", "Seminar in Osaka"), "utf-8")
    engine = IndexedSearch(open_cache(root))
    assert engine.search("Osaka seminar")[0].fact["title"].startswith("Seminar in Osaka")


def test_cli_filters_through_the_index(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    result = invoke(
        runner, "search", "Japan", "--kind", "investment", "--since", "2025", "--json", "--facts-dir", str(root)
    )
    assert result.exit_code == 0, result.output
    assert [f["id"] for f in json.loads(result.stdout)] == ["sample-growth"]
