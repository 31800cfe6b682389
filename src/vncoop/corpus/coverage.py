"""Which sentences of an archived source no evidence quote covers: what a curator checks for
claims the corpus has not captured yet.

A sentence is covered when any quote's span in the archive (its ``TextPositionSelector``)
overlaps it. Uncovered sentences holding a number, a date or an entity's name are the likely
claims, so they come first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from vncoop.text.fold import fold, lower
from vncoop.text.number_words import readings_in_words
from vncoop.text.numbers import numbers_in

# A sentence ends at . ! ? … before a space, a closing quote or the end, and at every line break:
# an archive's lines are paragraphs, headings and captions, none running on to the next.
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"'»”)]|$)|\n")
_DATE = re.compile(
    r"\b(?:1[89]\d\d|2[01]\d\d)\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:"
    r"january|february|march|april|june|july|august|september|october|november|december|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|tháng)\b"
    r"|\bmay\s+\d|\d\s+may\b",  # May the month, beside a figure; not "may" the verb
    re.IGNORECASE,
)
_GLUED = re.compile(r"[.!?](?=\w)")
FLAGS = ("number", "date", "entity")


def _ends(text: str) -> list[int]:
    """Where sentences end: a mark before a space (see _SENTENCE_END) unless it closes an initial
    ("U.S.A.", "J. Smith"), and a full stop glued to the next sentence by a lost space, no
    capital before it and a capital after ("bán dẫn.Tại", "in 2024.Nothing")."""
    ends = []
    for match in _SENTENCE_END.finditer(text):
        at = match.start()
        initial = text[at] == "." and at and text[at - 1].isupper() and (at < 2 or not text[at - 2].isalnum())
        if not initial:
            ends.append(match.end())
    for match in _GLUED.finditer(text):
        at = match.start()
        if at and text[at - 1].isalnum() and not text[at - 1].isupper() and text[at + 1].isupper():
            ends.append(at + 1)
    return sorted(set(ends))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, without its surrounding whitespace; blank ones left out."""
    spans = []
    start = 0
    for end in _ends(text):
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        piece = text[begin:end]
        if piece.strip():
            left = len(piece) - len(piece.lstrip())
            trimmed.append((begin + left, begin + len(piece.rstrip())))
    return trimmed


def _entity_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every entity name of three letters or more, folded, whole words only."""
    folded = sorted({fold(name) for name in names if len(name) >= 3}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(name) for name in folded) + r")(?![^\W_])")


def uncovered_sentences(
    source_id: str,
    text: str,
    quote_spans: Iterable[tuple[int, int]],
    entity_names: Mapping[str, str],
) -> tuple[int, list[dict[str, Any]]]:
    """How many sentences the archive has, and each one no quote overlaps, flagged; flagged first,
    then in the archive's order. ``entity_names`` maps each name to its entity's id. A sentence
    the archive repeats (a page that prints a paragraph twice) is covered where any copy is."""
    spans = sorted(quote_spans)
    pattern = _entity_pattern(entity_names)
    by_folded = {fold(name): entity for name, entity in entity_names.items()}
    sentences = sentence_spans(text)
    covered = {
        " ".join(text[start:end].split())
        for start, end in sentences
        if any(q_start < end and start < q_end for q_start, q_end in spans)
    }
    found: list[dict[str, Any]] = []
    for start, end in sentences:
        sentence = " ".join(text[start:end].split())
        if sentence in covered:
            continue
        entities = sorted({by_folded[m.group(0)] for m in pattern.finditer(fold(sentence))}) if pattern else []
        numbers = {n for n in numbers_in(sentence) if not _DATE.fullmatch(n)} | readings_in_words(lower(sentence))
        flags = [
            flag
            for flag, present in zip(FLAGS, (bool(numbers), bool(_DATE.search(sentence)), bool(entities)), strict=True)
            if present
        ]
        found.append(
            {
                "source": source_id,
                "line": text.count("\n", 0, start) + 1,
                "start": start,
                "end": end,
                "flags": flags,
                "entities": entities,
                "text": sentence,
            }
        )
    found.sort(key=lambda item: (-len(item["flags"]), item["start"]))
    return len(sentences), found
