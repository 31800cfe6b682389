"""Numbers written in words, in English, French and Vietnamese: ``fifty thousand``,
``deux cent cinquante``, ``năm mươi nghìn``, ``một triệu``; and figures with a scale word
(``200 million``, ``78,6 milliards``, ``5 tỷ``), read as the values they mean.

A phrase is read as a number when it is worth 10 or more or holds a scale word: ``một dự án``
(a project), ``two decades`` and ``ba`` (father) are not numbers. The Vietnamese ``năm`` is
five only before a multiplier (``năm mươi``, ``năm trăm``); elsewhere it is "year".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal

UNITS: dict[str, int] = {
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # French
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60,
    # Vietnamese
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10,
}  # fmt: skip
# Words that multiply what comes before them within a group (hundred) or close a group (thousand…)
HUNDREDS = {"hundred": 100, "cent": 100, "cents": 100, "trăm": 100, "mươi": 10, "chục": 10}
SCALES: dict[str, int] = {
    "thousand": 10**3, "mille": 10**3, "nghìn": 10**3, "ngàn": 10**3,
    "million": 10**6, "millions": 10**6, "triệu": 10**6,
    "billion": 10**9, "billions": 10**9, "milliard": 10**9, "milliards": 10**9, "tỷ": 10**9, "tỉ": 10**9,
}  # fmt: skip
# Round counts that stand alone: "hundreds of firms", "des centaines", "une dizaine", "hơn chục"
# (more than ten). Each reads as the round number it counts in, the lower bound it states; only
# where asked (validate: a field may record it), since search must not meet every "100" with it.
COLLECTIVES: dict[str, int] = {
    "dozen": 12, "dozens": 12, "hundreds": 100, "thousands": 1000,
    "dizaine": 10, "dizaines": 10, "douzaine": 12, "douzaines": 12, "centaine": 100, "centaines": 100,
    "millier": 1000, "milliers": 1000, "millions": 10**6, "billions": 10**9,
    "chục": 10,
}  # fmt: skip
# Vietnamese "hàng trăm" (hundreds), "hàng nghìn" (thousands): hàng before a bare multiplier
BY_THE = "hàng"
# inside a number: two hundred and five, một trăm linh năm
FILLERS = frozenset({"and", "et", "linh", "lẻ"})
HALF = "rưỡi"  # after a scale: and a half (một triệu rưỡi, 1.5 million)
# Words that are numbers only inside a longer number phrase (elsewhere: "year", "four(th)", "father")
ONLY_INSIDE = frozenset({"năm", "tư", "lăm", "mốt", "ba"})
NUMBER_WORDS = frozenset(UNITS) | frozenset(HUNDREDS) | frozenset(SCALES) | {HALF}
# The words a text must hold for a number in words to be worth 10 or more: a quick test first
SIGNIFICANT = frozenset(HUNDREDS) | frozenset(SCALES) | {word for word, value in UNITS.items() if value >= 10}


def _value(words: list[str]) -> int:
    """The value of a number phrase: units add up within a group; mươi multiplies the unit
    before it (hai mươi), a hundred the units before it (hai trăm, không trăm = 0); a scale
    closes a group (thousand), and a larger scale after a smaller one multiplies what came
    before (một nghìn tỷ, mille milliards = 10¹²)."""
    total, group, unit, scale = 0, 0, None, 0
    for index, word in enumerate(words):
        if word == HALF:
            total += scale // 2
        elif word in ("vingt", "vingts") and index and words[index - 1] == "quatre":
            group += 80 - 4  # quatre-vingts: four twenties
            unit = None
        elif word in UNITS:
            group += UNITS[word]
            unit = UNITS[word]
        elif word == "mươi":
            group += (unit if unit is not None else 1) * 9  # the unit before it, ten times
            unit = None
        elif word in HUNDREDS:
            before = unit if unit is not None else (group if group else 1)
            group = group - (unit if unit is not None else group) + before * HUNDREDS[word]
            unit = None
        elif word in SCALES:
            size = SCALES[word]
            if scale and size > scale and total:  # một nghìn tỷ: the thousand is of billions
                total = (total + group) * size
            else:
                total += (group if group or unit == 0 else 1) * size
            group, unit, scale = 0, None, size
    return total + group


def number_phrases(words: list[str], collectives: bool = False) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, readings) of each number written in words among ``words`` (lower-cased,
    marks kept). Readings are canonical values (``two hundred million`` → 200000000, which meets
    "$200 million" in a text: a figure before a scale word reads as its value too)."""
    found: list[tuple[int, int, frozenset[str]]] = []
    at = 0
    while at < len(words):
        collective = _collective(words, at) if collectives else None
        if collective is not None:
            found.append((at, at + 1, frozenset({str(collective)})))
            at += 1
            continue
        if words[at] not in NUMBER_WORDS or (words[at] in ONLY_INSIDE and not _multiplier_follows(words, at)):
            at += 1
            continue
        end = at
        while end < len(words) and (
            words[end] in NUMBER_WORDS
            or (words[end] in FILLERS and end + 1 < len(words) and words[end + 1] in NUMBER_WORDS)
        ):
            if (
                words[end] == "năm"
                and end > at
                and not _multiplier_follows(words, end)
                and words[end - 1] not in FILLERS
            ):
                break  # "hai mươi năm": twenty years (but một trăm linh năm is 105)
            end += 1
        phrase = [w for w in words[at:end] if w not in FILLERS]
        if phrase in (["cent"], ["cents"]) and at and words[at - 1] in ("pour", "per"):
            at = end  # pour cent, per cent: percent, not a hundred
            continue
        if all(w in SCALES for w in phrase) and phrase[0] != "mille":
            at = end  # "200 million": the figure's scale, read with the figure
            continue
        value = _value(phrase)
        has_unit = any(w in UNITS for w in phrase) or phrase[0] in ("cent", "cents", "mille")
        if has_unit and (value >= 10 or any(w in SCALES or w in HUNDREDS for w in phrase)):
            readings = {str(value)}  # the value only: "one million" must not meet every "1"
            found.append((at, end, frozenset(readings)))
        at = max(end, at + 1)
    return found


def _collective(words: list[str], at: int) -> int | None:
    """The round number a lone collective counts in (``hundreds``, ``hơn chục``, ``hàng trăm``),
    times a unit before it (``une dizaine``, ``two dozen``); None for any other word."""
    word = words[at]
    if word in COLLECTIVES:
        before = UNITS.get(words[at - 1]) if at else None
        return COLLECTIVES[word] * (before or 1)
    if at and words[at - 1] == BY_THE and (word in HUNDREDS or word in SCALES) and word != "mươi":
        return HUNDREDS.get(word) or SCALES[word]
    return None


def _filler_inside(words: list[str], at: int) -> bool:
    return words[at] in FILLERS and at + 1 < len(words) and words[at + 1] in NUMBER_WORDS


def _canonical(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


def _multiplier_follows(words: list[str], at: int) -> bool:
    return at + 1 < len(words) and (words[at + 1] in HUNDREDS or words[at + 1] in SCALES)


_WORD = re.compile(r"[^\W_]+")


def readings_in_words(lowered: str, collectives: bool = False) -> set[str]:
    """The readings of every number written in words in ``lowered`` (lower-cased text), with
    ``collectives`` the round counts too (``hàng trăm`` → 100)."""
    found: set[str] = set()
    for _start, _end, readings in number_phrases(_WORD.findall(lowered), collectives):
        found |= readings
    return found


def scaled_readings(figure_readings: frozenset[str], scale_word: str) -> frozenset[str]:
    """``200`` before ``million`` also means 200000000 (exactly: 78.6 billion is 78600000000)."""
    factor = SCALES.get(scale_word)
    if factor is None:
        return frozenset()
    from decimal import Decimal, InvalidOperation

    scaled = set()
    for reading in figure_readings:
        try:
            value = Decimal(reading) * factor
        except InvalidOperation:
            continue
        scaled.add(_canonical(value))
    return frozenset(scaled)
