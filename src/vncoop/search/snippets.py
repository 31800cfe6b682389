"""The evidence a result shows: the part of its best-matching quote around the words that
matched, with their offsets, so the answer comes with its proof on the first screen.

``{"source": <source id>, "quote": <index into evidence>, "text": <a contiguous part of that
quote>, "highlights": [[start, end], …]}``, offsets in characters into ``text``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from vncoop.index.stems import root_keys, same_as_written, stem
from vncoop.search.query import Concept
from vncoop.text.fold import fold, lower
from vncoop.text.number_words import number_phrases
from vncoop.text.numbers import NUMBER_RE, readings

SNIPPET_CHARS = 300  # a quote this long or shorter is shown whole
_WORD = re.compile(r"[^\W_]+")
_CLAUSE_END = re.compile(r"[.;:!?,]\s")


def _hits(quote: str, concepts: Sequence[Concept]) -> list[tuple[int, int]]:
    """Where the concepts' words, phrases and numbers stand in ``quote``: a phrase only whole,
    and a word typed with marks only as marked (as search matched them)."""
    tokens = [(match.span(), lower(match.group(0))) for match in _WORD.finditer(quote)]
    stems = [stem(word) for _, word in tokens]
    # Where each stem and each root stands: an alternative is tried only where its first word is
    # (a quote has dozens of words, a query with its thesaurus hundreds of alternatives)
    at_stem: dict[str, list[int]] = {}
    at_root: dict[str, list[int]] = {}
    for at, word in enumerate(stems):
        at_stem.setdefault(word, []).append(at)
        for root in root_keys(word):
            at_root.setdefault(root, []).append(at)
    found: set[tuple[int, int]] = set()
    numbers: set[str] = set()
    for concept in concepts:
        numbers |= concept.numbers
        for alternative in concept.alternatives:
            run = alternative.stems
            stemmed = alternative.how == "stemmed"
            starts = (at_root if stemmed else at_stem).get(run[0], ()) if run else ()
            as_marked = alternative.exact if starts and (concept.as_typed or _marked(alternative.exact)) else ()
            for at in starts:
                if at + len(run) > len(tokens) or (not stemmed and tuple(stems[at : at + len(run)]) != run):
                    continue
                if as_marked and not same_as_written([w for _, w in tokens[at : at + len(run)]], as_marked):
                    continue
                found.add((tokens[at][0][0], tokens[at + len(run) - 1][0][1]))
    if numbers:
        for match in NUMBER_RE.finditer(quote):
            if readings(match.group(0).strip()) & numbers:
                found.add((match.start(), match.start() + len(match.group(0).rstrip())))
        words = [word for _, word in tokens]
        for start, end, values in number_phrases(words):  # numbers in words: gần một triệu người
            if values & numbers:
                found.add((tokens[start][0][0], tokens[end - 1][0][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):  # overlapping spans (Nhật, Nhật Bản) as one
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(words: tuple[str, ...]) -> bool:
    return any(fold(word) != word for word in words)


def snippet(fact: dict[str, Any], concepts: Sequence[Concept]) -> dict[str, Any] | None:
    """The best-matching part of the fact's evidence, or None for a fact without evidence."""
    evidence = fact.get("evidence") or []
    if not evidence:
        return None
    found = [_hits(item["quote"], concepts) for item in evidence]
    _, _, best = max((len(hits), -index, index) for index, hits in enumerate(found))
    quote, hits = evidence[best]["quote"], found[best]
    start, end = 0, len(quote)
    if len(quote) > SNIPPET_CHARS and hits:
        start, end = _clause_around(quote, hits[0][0], hits[-1][1])
    text = quote[start:end]
    highlights = [[a - start, b - start] for a, b in hits if a >= start and b <= end]
    return {"source": evidence[best]["source"], "quote": best, "text": text, "highlights": highlights}


def _clause_around(quote: str, first: int, last: int) -> tuple[int, int]:
    """From the start of the clause holding ``first`` to the end of the one holding ``last``,
    widened to whole words and kept near SNIPPET_CHARS."""
    start = 0
    for match in _CLAUSE_END.finditer(quote, 0, first):
        start = match.end()
    end = len(quote)
    found = _CLAUSE_END.search(quote, last)
    if found:
        end = found.start() + 1
    if end - start > SNIPPET_CHARS * 2:  # one long clause: a window around the matches
        start = max(start, first - SNIPPET_CHARS // 2)
        end = min(end, max(last, start + SNIPPET_CHARS))
        while start > 0 and quote[start - 1].isalnum():
            start -= 1
        while end < len(quote) and quote[end].isalnum():
            end += 1
    return start, end
