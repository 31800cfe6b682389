"""A session reads from the cache only what the command needs: the entity registry, which in a
large corpus costs more to read than the rest of a search, only for ``--org`` and profiles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from vncoop.app.session import FilterArgs, Session
from vncoop.index import store

from conftest import REPO_FACTS


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the payloads (sources, thesaurus, entities) read from the cache."""
    names: list[str] = []
    real = store.OpenCache.payload

    def payload(self: store.OpenCache, name: str, default: Any) -> Any:
        names.append(name)
        return real(self, name, default)

    monkeypatch.setattr(store.OpenCache, "payload", payload)
    return names


def _any_fact_id(session: Session) -> str:
    cache = session.cache()
    assert cache is not None
    return str(cache.connection.execute("SELECT id FROM facts LIMIT 1").fetchone()[0])


WITHOUT_ORG: dict[str, Callable[[Session], Any]] = {
    "list": lambda session: list(session.fact_texts(FilterArgs(kinds=["event"]), "newest") or ()),
    "stats": lambda session: session.stats(FilterArgs(partners=["japan"], since=2020)),
    "search": lambda session: session.search_engine(FilterArgs(sectors=["semiconductors"]), 5)("engineers"),
    "show": lambda session: session.fact_with_sources(_any_fact_id(session)),
    "sources": lambda session: session.sources(),
}


@pytest.mark.parametrize("command", WITHOUT_ORG)
def test_a_command_without_org_leaves_the_entity_registry_unread(command: str, asked: list[str]) -> None:
    session = Session(REPO_FACTS)
    assert session.cache() is not None
    asked.clear()
    WITHOUT_ORG[command](session)
    assert "sources.yaml" in asked or command in ("list", "stats")
    assert "entities.yaml" not in asked


def test_org_reads_the_entity_registry(asked: list[str]) -> None:
    session = Session(REPO_FACTS)
    assert session.cache() is not None
    asked.clear()
    texts = list(session.fact_texts(FilterArgs(orgs=["FPT"]), "newest") or ())
    assert texts and "entities.yaml" in asked
    assert session.entities()  # and a profile has them all
