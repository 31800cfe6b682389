"""The figures a sentence states, so that two translations can be checked to state the same ones.

A figure is a number written in digits, read into every value it can mean in English, French or
Vietnamese notation (``50,000`` = ``50 000`` = ``50.000``; see :mod:`vncoop.text.numbers`), and
with the scale word that follows it, as the value they make (``78.6 billion`` = ``78,6
milliards`` = ``78,6 tỷ`` = ``78.600 triệu``, but not ``78,6``). Months and
quarters are left out: English and French name them in words, Vietnamese numbers them (``tháng 9``), and
``5/8/2024`` is a day and a year with a month between; ``Q1`` is "the first quarter".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from vncoop.text.lazy_re import LazyPattern
from vncoop.text.number_words import SCALES, scaled_readings
from vncoop.text.numbers import NUMBER_RE, readings

# The month of a Vietnamese date (tháng 9, Tháng 12), and the month of a day/month(/year) date.
_VIETNAMESE_MONTH = LazyPattern(r"\b(tháng\s+)(1[0-2]|0?[1-9])\b", re.IGNORECASE)
_QUARTER = LazyPattern(r"\b([QT])([1-4])\b")  # Q1 (T1 in French): "first quarter", "quý I" in words
_SLASH_DATE = LazyPattern(r"\b(\d{1,2})/(\d{1,2})(/\d{4})?\b")
_SCALE_AFTER = LazyPattern(r"\s*([^\W\d_]+)")
_SPACES = LazyPattern(r"[\u00a0\u202f ]")
_DIGIT = LazyPattern(r"\d")


class Figure(NamedTuple):
    written: str  # as the text writes it, scale word included: "78,6 milliards"
    values: frozenset[str]


def _without_months(text: str) -> str:
    if "háng" in text or "HÁNG" in text:  # each pattern runs only where it can match
        text = _VIETNAMESE_MONTH.sub(lambda m: f"{m.group(1)}{'#' * len(m.group(2))}", text)
    if "Q" in text or "T" in text:
        text = _QUARTER.sub(lambda m: f"{m.group(1)}#", text)
    if "/" in text:
        text = _SLASH_DATE.sub(lambda m: f"{m.group(1)} # {(m.group(3) or '')[1:]}", text)
    return text


def figures(text: str) -> list[Figure]:
    """Each figure of ``text``, in order, as the set of values it can mean."""
    if not _DIGIT.search(text):
        return []
    text = _without_months(text)
    found: list[Figure] = []
    for match in NUMBER_RE.finditer(text):
        token = match.group(0)
        whole = readings(token)
        if whole or not _SPACES.search(token):
            pieces = [Figure(token, whole)]
        else:  # "in 2023 50 firms": two figures side by side
            pieces = [Figure(piece, readings(piece)) for piece in _SPACES.split(token)]
        after = _SCALE_AFTER.compiled.match(text, match.end())
        scale = after.group(1).lower() if after else ""
        if after and scale in SCALES:
            last = pieces[-1]
            pieces[-1] = Figure(f"{last.written} {after.group(1)}", scaled_readings(last.values, scale))
        found.extend(piece for piece in pieces if piece.values)
    return found


def unmatched(expected: Sequence[Figure], given: Sequence[Figure]) -> tuple[list[Figure], list[Figure]]:
    """The figures of ``expected`` that ``given`` does not state, and those ``given`` adds:
    a one-to-one pairing of figures that can mean the same value (augmenting paths, since one
    written figure may mean several values)."""
    partner: dict[int, int] = {}  # given index → expected index

    def assign(index: int, seen: set[int]) -> bool:
        for other, figure in enumerate(given):
            if other in seen or not expected[index].values & figure.values:
                continue
            seen.add(other)
            if other not in partner or assign(partner[other], seen):
                partner[other] = index
                return True
        return False

    paired = {index for index in range(len(expected)) if assign(index, set())}
    missing = [figure for index, figure in enumerate(expected) if index not in paired]
    extra = [figure for index, figure in enumerate(given) if index not in partner]
    return missing, extra
