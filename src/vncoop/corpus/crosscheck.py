"""What spans files: fact ids unique across the corpus, evidence citing known sources.

One checker for both ways a corpus is assembled: from validated files in memory, and from the
rows the cache builder makes (which never hold a whole corpus).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from vncoop.domain.records import Corpus, FactDict, FactFile, SourceDict
from vncoop.errors import Problem


class CrossCheck:
    """Facts admitted file by file, in corpus order; the problems found so far."""

    def __init__(self, sources: Collection[str]) -> None:
        self.sources = sources  # empty when sources.yaml itself is broken: that problem says enough
        self.seen: dict[str, tuple[str, int]] = {}  # fact id → (file, line)
        self.problems: list[Problem] = []

    def admit(self, file: str, fact_id: str, line: int, cited: Iterable[str]) -> bool:
        """Record one fact; False (and a problem) when its id was seen before."""
        if fact_id in self.seen:
            first_file, first_line = self.seen[fact_id]
            self.problems.append(
                Problem(file, line, fact_id, "id", f"duplicate id (also at {first_file}:{first_line})")
            )
            return False
        self.seen[fact_id] = (file, line)
        if self.sources:
            for index, source in enumerate(cited):
                if source not in self.sources:
                    self.problems.append(
                        Problem(file, line, fact_id, f"evidence.{index}.source", f"unknown source {source!r}")
                    )
        return True

    def no_facts(self, root: Path) -> list[Problem]:
        """An empty corpus is an error, but only worth saying when nothing else explains it."""
        return [] if self.seen else [Problem(str(root), None, None, None, "the corpus has no facts")]


def assemble(
    root: Path, sources: dict[str, SourceDict], thesaurus: list[list[str]], fact_files: list[FactFile]
) -> tuple[Corpus, CrossCheck]:
    """Join validated files into a corpus, checking what spans files (the check holds the problems)."""
    check = CrossCheck(sources)
    facts: list[FactDict] = []
    for fact_file in fact_files:
        for fact in fact_file.facts:
            cited = (evidence["source"] for evidence in fact["evidence"])
            if check.admit(fact_file.path, fact["id"], fact_file.lines[fact["id"]], cited):
                facts.append(fact)
    return Corpus(root, facts, sources, thesaurus, dict(check.seen)), check
