"""Quotes anchored in their archived sources, the W3C Web Annotation way (as Hypothesis and
Zotero do): a ``TextQuoteSelector`` (the archive's own span, with up to 32 characters before and
after that make it unique) and a ``TextPositionSelector`` (character offsets into the archive).

A quote matches its archive when they differ only in whitespace runs and typographic quote
marks; the selectors give the archive's own characters and positions. Nothing here is written
by hand in the YAML: selectors are computed when the corpus is validated or cached.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vncoop.corpus.layout import decode_text, read_bytes
from vncoop.errors import CorpusError

AFFIX_CHARS = 32  # before and after a quote; more (up to MAX_AFFIX_CHARS) where the archive repeats itself
MAX_AFFIX_CHARS = 256
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"'»”)]|$)|\n\s*\n")


def sha256_of(data: bytes) -> str:
    """The digest ``sources.yaml`` records for an archived text: of its bytes, as ``sha256sum``."""
    return hashlib.sha256(data).hexdigest()


def normalise(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs made one space and typographic quotes ASCII, and for every
    character of the result the offset of the character it came from (one more entry: the end)."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for at, char in enumerate(text.translate(_QUOTES)):
        if char.isspace():
            if in_space:
                continue
            in_space = True
            out.append(" ")
        else:
            in_space = False
            out.append(char)
        offsets.append(at)
    offsets.append(len(text))
    return "".join(out), offsets


@dataclass
class Archive:
    """One archived source text, ready to anchor quotes in."""

    text: str
    _normal: str = field(default="", init=False, repr=False)
    _offsets: list[int] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self._normal, self._offsets = normalise(self.text)

    def locate(self, quote: str) -> tuple[int, int] | None:
        """(start, end) of the quote's first occurrence in the archive's own characters."""
        wanted, _ = normalise(quote)
        wanted = wanted.strip()
        if not wanted:
            return None
        at = self._normal.find(wanted)
        if at < 0:
            return None
        return self._offsets[at], self._offsets[at + len(wanted) - 1] + 1

    def selectors(self, quote: str) -> list[dict[str, Any]] | str:
        """The two selectors of ``quote``, or why there are none: "not found", "found more than
        once…" (said as "quote <why> in the archived text of source X")."""
        span = self.locate(quote)
        if span is None:
            return "not found"
        start, end = span
        exact = self.text[start:end]
        size = AFFIX_CHARS
        while True:
            prefix = self.text[max(0, start - size) : start]
            suffix = self.text[end : end + size]
            around = prefix + exact + suffix
            if self.text.find(around, self.text.find(around) + 1) < 0:  # once (overlaps counted too)
                break
            if size >= MAX_AFFIX_CHARS:
                return f"found more than once, even with {size} characters around it,"
            size *= 2
        return [
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": start, "end": end},
        ]

    def context(self, start: int, end: int) -> dict[str, str]:
        """The sentence before the span and the sentence after it (the rest of its own included)."""
        before_start = _sentence_start(self.text, _sentence_start(self.text, start) - 1)
        after_end = _sentence_end(self.text, _sentence_end(self.text, end))
        return {
            "before": " ".join(self.text[before_start:start].split()),
            "after": " ".join(self.text[end:after_end].split()),
        }


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding offset ``at`` starts."""
    if at <= 0:
        return 0
    last = 0
    for match in _SENTENCE_END.finditer(text, 0, at):
        last = match.end()
    return last


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence running on from offset ``at`` ends (its closing mark included)."""
    match = _SENTENCE_END.search(text, at)
    return match.end() if match else len(text)


def position(evidence: dict[str, Any]) -> tuple[int, int] | None:
    """The archive offsets of an evidence item with selectors (see :meth:`Archive.selectors`)."""
    for selector in evidence.get("selectors") or ():
        if selector.get("type") == "TextPositionSelector":
            return int(selector["start"]), int(selector["end"])
    return None


class Archives:
    """Archived texts read once each, by path; what a load or a cache build anchors quotes in."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths  # source id → its archived text
        self._read: dict[str, Archive | None] = {}

    @classmethod
    def of_sources(cls, root: Path, sources: dict[str, dict[str, Any]]) -> Archives:
        return cls({source_id: root / source["text"] for source_id, source in sources.items()})

    def of(self, source_id: str) -> Archive | None:
        if source_id not in self._read:
            path = self.paths.get(source_id)
            try:  # a regular file, within the size limit (never a FIFO or /dev/zero)
                self._read[source_id] = Archive(decode_text(read_bytes(path, str(path)), str(path))) if path else None
            except CorpusError:
                self._read[source_id] = None  # validate says why; the load goes on without selectors
        return self._read[source_id]

    def anchor(self, fact: dict[str, Any]) -> None:
        """Give each evidence item of ``fact`` its selectors (when its quote anchors)."""
        for evidence in fact.get("evidence", []):
            archive = self.of(evidence["source"])
            found = archive.selectors(evidence["quote"]) if archive is not None else None
            if isinstance(found, list):
                evidence["selectors"] = found
