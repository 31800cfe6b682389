"""The records everything else passes around: facts and sources as plain dicts, and a corpus.

After validation facts are kept as plain dicts in their public JSON form, so that everything
downstream (search, filters, renderers, the cache) works without pydantic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

FactDict = dict[str, Any]
SourceDict = dict[str, Any]


class SlotRecord:
    """Named fields with a dataclass's ``==`` and ``repr`` (fields whose name starts with ``_``
    left out), for the classes a search passes around. Written out rather than ``@dataclass``:
    importing dataclasses loads inspect, ast and dis, a large share of a search's start-up (the
    README's performance section has the figures)."""

    __slots__: tuple[str, ...] = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass with eq

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__ if not name.startswith("_"))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, SlotRecord)
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        shown = (f"{name}={getattr(self, name)!r}" for name in self.__slots__ if not name.startswith("_"))
        return f"{type(self).__name__}({', '.join(shown)})"


class FactFile(SlotRecord):
    """One fact file after validation: its facts, and where each fact starts."""

    __slots__ = ("path", "facts", "lines")

    def __init__(self, path: str, facts: list[FactDict], lines: dict[str, int]) -> None:
        self.path, self.facts, self.lines = path, facts, lines


class Corpus(SlotRecord):
    __slots__ = ("root", "facts", "sources", "thesaurus", "locations", "warnings", "tokens", "entities")

    def __init__(
        self,
        root: Path,
        facts: list[FactDict],
        sources: dict[str, SourceDict],
        thesaurus: list[list[str]] | None = None,
        locations: dict[str, tuple[str, int]] | None = None,
        warnings: list[str] | None = None,
        tokens: dict[str, Any] | None = None,  # fact id → search fields, from the cache
        entities: dict[str, Any] | None = None,  # entity id → entity (entities.yaml)
    ) -> None:
        self.root, self.facts, self.sources = root, facts, sources
        self.thesaurus = [] if thesaurus is None else thesaurus
        self.locations = {} if locations is None else locations
        self.warnings = [] if warnings is None else warnings
        self.tokens = {} if tokens is None else tokens
        self.entities = {} if entities is None else entities

    def fact(self, fact_id: str) -> FactDict | None:
        for fact in self.facts:
            if fact["id"] == fact_id:
                return fact
        return None
