"""Search through the cache's FTS5 index ranks exactly like the in-memory search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.cache import open_indexed
from vncoop.corpus import load_corpus
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


@pytest.fixture
def indexed_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_INDEX_MIN_FACTS", "0")


@pytest.mark.parametrize("query", QUERIES)
def test_indexed_ranking_equals_in_memory(indexed_env: None, query: str) -> None:
    corpus = load_corpus(REPO_FACTS)  # builds the cache and its index
    engine = open_indexed(REPO_FACTS)
    assert engine is not None
    expected = [(h.fact["id"], h.score) for h in SearchIndex(corpus).search(normalise_query(query), None, 10)]
    found = [(h.fact["id"], h.score) for h in engine.search(normalise_query(query), None, 10)]
    assert found == expected


def test_small_corpora_are_searched_in_memory() -> None:
    load_corpus(REPO_FACTS)
    assert open_indexed(REPO_FACTS) is None  # below the size threshold


def test_stale_cache_is_not_used(indexed_env: None, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    load_corpus(root)
    assert open_indexed(root) is not None
    facts = root / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert open_indexed(root) is None


def test_cli_filters_through_the_index(indexed_env: None, runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    load_corpus(root)
    assert open_indexed(root) is not None
    result = invoke(
        runner, "search", "Japan", "--kind", "investment", "--since", "2025", "--json", "--facts-dir", str(root)
    )
    assert result.exit_code == 0, result.output
    assert [f["id"] for f in json.loads(result.stdout)] == ["sample-growth"]
