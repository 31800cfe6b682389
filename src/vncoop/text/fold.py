"""Text folding and tokenising shared by search, partner resolution and suggestions.

Folding lower-cases, strips diacritics by Unicode decomposition and maps the letters that do
not decompose (đ → d, œ → oe, ł → l, …), so "Nhật Bản" / "nhat ban" and "ingénieurs" /
"ingenieurs" meet. Tokens keep numbers whole in every notation (see :mod:`vncoop.text.numbers`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from vncoop.text import number_words
from vncoop.text.lazy_re import LazyPattern
from vncoop.text.numbers import NUMBER_RE, readings

_EXTRA = str.maketrans(
    {
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ı": "i",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
    }
)

# A run of letters and digits; those of digits only are dropped (number_tokens reads numbers)
_WORD_RE = re.compile(r"[^\W_]+")
# French elisions (l'usine, qu'il): the elided word and its apostrophe are dropped
_ELIDED = frozenset(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"])
_DIGIT_RE = re.compile(r"\d")
_SPACES_RE = LazyPattern(r"[\u00a0\u202f ]")


# Characters that are invisible inside a word (a soft hyphen, zero-width spaces and joiners, a
# stray byte-order mark): they would split it in two.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"


# Vietnamese writes the tone of an open oa, oe or uy syllable on either vowel: hòa or hoà, thủy
# or thuỷ, the same word. Matching puts it on the first (after a "q", "uy" is a vowel: quý).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_SECOND_TONED = LazyPattern(  # the look-behind after [ou], not before: re then scans for [ou] fast
    "([ou])(?<!q[ou])(["
    + "".join(unicodedata.normalize("NFC", v + t) for v in "aey" for t in _TONES)
    + "])(?![^\\W\\d_])"
)


def _tone_on_first(match: re.Match[str]) -> str:
    first, second = match.group(1), unicodedata.normalize("NFD", match.group(2))
    pair = (first, second[0])
    if pair not in (("o", "a"), ("o", "e"), ("u", "y")):
        return match.group(0)
    return unicodedata.normalize("NFC", first + second[1:]) + second[0]


def lower(text: str) -> str:
    """Case-fold and compose, keeping diacritics: the exact-accent form. Compatibility forms are
    composed too (NFKC: full-width ``ＪＡＰＡＮ``, the ligature ``ﬁ``), invisible characters go,
    and a dotted capital ``İ`` folds to ``i``. For matching only: text is shown as written."""
    if text.isascii():  # nothing to compose or translate: most English text, fast
        return text.lower()
    # str.replace, not str.translate: translate with a table is ~10x slower on long texts
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    if not text.isprintable():  # also true of the separators of joined fields: look for each
        for char in _INVISIBLE:
            if char in text:
                text = text.replace(char, "")
    text = text.replace("\u02bc", "'").casefold().replace("i\u0307", "i")
    return _SECOND_TONED.compiled.sub(_tone_on_first, text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case without diacritics: the form that ignores accents."""
    if text.isascii():
        return text.lower()
    text = text.translate(_EXTRA)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def drop_elisions(text: str) -> str:
    """``l'usine`` → `` usine``: an elided word (after a word boundary, before an apostrophe and
    a word character) is replaced by a space. Apostrophes are few: a scan from each one is far
    quicker than a regular expression tried at every position of the text."""
    parts = text.split("'")
    out: list[str] = []
    for before, after in pairwise(parts):  # the word before an apostrophe lies in `before`
        start = len(before)
        while start > 0 and len(before) - start < 6 and before[start - 1].isalpha():
            start -= 1
        if (
            before[start:] in _ELIDED
            and after[:1]
            and _is_word_char(after[0])
            and (start == 0 or not _is_word_char(before[start - 1]))
        ):
            out += (before[:start], " ")
        else:
            out += (before, "'")
    out.append(parts[-1])
    return "".join(out)


def _tokens(text: str, pattern: re.Pattern[str]) -> list[str]:
    text = lower(text)
    if "'" in text:
        text = drop_elisions(text)
    return [word for word in pattern.findall(text) if not word.isdigit()]


def word_tokens(text: str) -> list[str]:
    """Accent-preserving lower-case words (at least one letter), French elisions removed."""
    return _tokens(text, _WORD_RE)


# Marks that separate the values and the fields of a fact in one string tokenised at once. They
# are kept as tokens, so that a phrase never spans two values; text from the corpus never holds
# them (see without_separators).
VALUE_SEPARATOR = "\x00"
FIELD_SEPARATOR = "\x01"
_SEPARATORS = str.maketrans({VALUE_SEPARATOR: " ", FIELD_SEPARATOR: " "})
_FIELD_TOKEN_RE = LazyPattern(f"[{VALUE_SEPARATOR}{FIELD_SEPARATOR}]|" + _WORD_RE.pattern)


def without_separators(text: str) -> str:
    """Corpus text with any separator character made a space: data never moves words between fields."""
    if VALUE_SEPARATOR in text or FIELD_SEPARATOR in text:
        return text.translate(_SEPARATORS)
    return text


def field_tokens(text: str) -> list[str]:
    """:func:`word_tokens`, also keeping the VALUE_SEPARATOR and FIELD_SEPARATOR marks."""
    return _tokens(text, _FIELD_TOKEN_RE.compiled)


def spell_currency(text: str) -> str:
    """The one currency rule, for facts and queries alike: ``$`` is read as the word ``usd``."""
    return text.replace("$", " usd ")


@lru_cache(maxsize=8192)
def _number_values(token: str) -> frozenset[str]:
    """The readings of a written number, and of its space-separated pieces ("50 000" may be two
    numbers). Cached: the same numbers (years, amounts) recur across a corpus."""
    values = set(readings(token))
    pieces = _SPACES_RE.split(token)
    if len(pieces) > 1:
        for piece in pieces:
            if not piece.startswith("0"):
                values |= readings(piece)
    return frozenset(values)


_NEXT_WORD = LazyPattern(r"[\s\u00a0\u202f]*([^\W\d_]+)")
_NUMBER_WORD_RE = LazyPattern(
    r"(?<![^\W_])(?:" + "|".join(sorted(number_words.SIGNIFICANT, key=len, reverse=True)) + r")(?![^\W_])"
)


def number_tokens(text: str, in_words: bool = True) -> set[str]:
    """Canonical readings of the numbers in ``text``; a percent sign tags the value as ``N%``. A
    figure before a scale word also reads as its value (``200 million`` → 200000000), and numbers
    written in words are read too (``fifty thousand``, ``một triệu``) unless ``in_words`` is
    False (a caller that has the words already reads them with :func:`numbers_in_words`)."""
    found: set[str] = set()
    if _DIGIT_RE.search(text):
        for match in NUMBER_RE.finditer(text):
            values = _number_values(match.group(0))
            found |= values
            rest = text[match.end() : match.end() + 2]
            if rest.startswith("%") or rest.startswith(" %") or rest.startswith("\u00a0%"):
                found |= {value + "%" for value in values}
            scale = _NEXT_WORD.compiled.match(text, match.end())
            if scale is not None:
                found |= number_words.scaled_readings(values, scale.group(1).lower())
    if in_words and _NUMBER_WORD_RE.compiled.search(text.lower()):
        found |= number_words.readings_in_words(lower(text))
    return found


def numbers_in_words(words: list[str]) -> set[str]:
    """The readings of numbers written in words among tokens (lower-cased, marks kept)."""
    if number_words.SIGNIFICANT.isdisjoint(words):
        return set()  # the usual case: one set operation
    found: set[str] = set()
    for _start, _end, phrase_readings in number_words.number_phrases(words):
        found |= phrase_readings
    return found
