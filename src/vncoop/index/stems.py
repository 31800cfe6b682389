"""How a word is stemmed for search: folded with its plural ``s``/``x`` off, and, for long words,
rooted by the Snowball stemmers (English and French), so that invested ~ investment.

Used by the tokeniser (:mod:`vncoop.index.tokens`), query analysis and the scorer alike, so that
a query's words and a fact's are read the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from vncoop.text.fold import VALUE_SEPARATOR, fold

# Words of ROOT_MIN letters or more also match on their Snowball stems, English and French
# (invested ~ investment, manufacturers ~ manufacturing, ingénieurs ~ ingénieur), marked ROOT_MARK
# in the index: "~invest". Vietnamese syllables do not inflect; a query word written in Vietnamese
# is not stemmed.
ROOT_MIN, ROOT_MARK = 5, "~"  # shorter words are whole words: Snowball's French would make meta ~ meti


def _plural_off(word: str) -> str:
    return word[:-1] if len(word) > 4 and word[-1] in "sx" and word[-2] != "s" and not word.isdigit() else word


def same_as_written(span: Sequence[str], written: Sequence[str]) -> bool:
    """Whether words of a text are the words written, marks and all, a plural ``s``/``x`` aside
    (ingénieurs is ingénieur; hòa is not hóa)."""
    return len(span) == len(written) and all(
        a == b or _plural_off(a) == _plural_off(b) for a, b in zip(span, written, strict=True)
    )


def _stem(token: str) -> str:
    """Folded token with a plural ``s``/``x`` removed: engineers, ingénieurs → engineer, ingenieur."""
    folded = fold(token)
    if len(folded) > 4 and folded[-1] in "sx" and folded[-2] != "s" and not folded.isdigit():
        return folded[:-1]
    return folded


class _Memo(dict[str, str]):
    """A function of one word, computed once per distinct word: then a dict lookup, which
    ``map`` makes from C (tokenising a large corpus is millions of them)."""

    def __init__(self, function: Callable[[str], str], known: dict[str, str]) -> None:
        super().__init__(known)
        self.function = function

    def __missing__(self, word: str) -> str:
        if len(self) > 1 << 17:
            self.clear()
        value = self[word] = self.function(word)
        return value


stem = _Memo(_stem, {VALUE_SEPARATOR: VALUE_SEPARATOR}).__getitem__


# British spellings as American ones, before the English stemmer (which keeps them apart):
# normalisation ~ normalization, labour ~ labor, centre ~ center, programme ~ program.
_BRITISH = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("ised", "ized"),
    ("ising", "izing"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("our", "or"),
    ("ours", "ors"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("mme", "m"),
    ("mmes", "ms"),
)


def _american(word: str) -> str:
    if len(word) >= 6:
        for british, american in _BRITISH:
            if word.endswith(british):
                return word[: -len(british)] + american
    return word


class _Stemmers:
    """The Snowball stemmers, loaded on first use (a search of numbers or a warm cache hit
    never needs them)."""

    english: Any = None
    french: Any = None

    @classmethod
    def load(cls) -> None:
        import Stemmer  # PyStemmer: Snowball in C

        cls.english, cls.french = Stemmer.Stemmer("english"), Stemmer.Stemmer("french")


def _roots(stemmed: str) -> str:
    """The Snowball stems of a folded word, English and French, as root terms ("~invest"),
    space-separated; "" for a word too short or not all letters."""
    if len(stemmed) < ROOT_MIN or not stemmed.isalpha():
        return ""
    if _Stemmers.english is None:
        _Stemmers.load()
    english = _Stemmers.english.stemWord(_american(stemmed))
    french = _Stemmers.french.stemWord(stemmed)
    return ROOT_MARK + english if english == french else f"{ROOT_MARK}{english} {ROOT_MARK}{french}"


root_text = _Memo(_roots, {}).__getitem__


def root_keys(stemmed: str) -> list[str]:
    """The root terms of a folded word (its Snowball stems, marked), none for a short one."""
    text = root_text(stemmed)
    return text.split(" ") if text else []
