"""The records everything else passes around: facts and sources as plain dicts, and a corpus.

After validation facts are kept as plain dicts in their public JSON form, so that everything
downstream (search, filters, renderers, the cache) works without pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FactDict = dict[str, Any]
SourceDict = dict[str, Any]


@dataclass
class FactFile:
    """One fact file after validation: its facts, and where each fact starts."""

    path: str
    facts: list[FactDict]
    lines: dict[str, int]


@dataclass
class Corpus:
    root: Path
    facts: list[FactDict]
    sources: dict[str, SourceDict]
    thesaurus: list[list[str]] = field(default_factory=list)
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tokens: dict[str, Any] = field(default_factory=dict)  # fact id → search fields, from the cache
    entities: dict[str, Any] = field(default_factory=dict)  # entity id → entity (entities.yaml)

    def fact(self, fact_id: str) -> FactDict | None:
        for fact in self.facts:
            if fact["id"] == fact_id:
                return fact
        return None
