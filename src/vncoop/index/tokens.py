"""How a fact's texts are tokenised for search: fields, weights, stems, roots and numbers.

Shared by the ranker (:mod:`vncoop.search.memory`), the cache (which stores these tokens so a warm
search never tokenises) and the FTS5 index (:mod:`vncoop.search.indexed`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from vncoop.domain.kinds import NUMERIC_FIELDS, SEARCHED_FIELDS
from vncoop.domain.partners import partner_search_names
from vncoop.domain.records import FactDict
from vncoop.domain.vocab import LANGUAGES, TRANSLATED_KEYS
from vncoop.index.stems import root_keys, root_text, stem
from vncoop.text.fold import (
    FIELD_SEPARATOR,
    VALUE_SEPARATOR,
    field_tokens,
    number_tokens,
    numbers_in_words,
    spell_currency,
    without_separators,
)
from vncoop.text.lazy_re import LazyPattern

# field name → weight (title and keywords weigh most; quotes least)
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "keywords": 3.0,
    "organizations": 2.5,
    "partners": 2.0,
    "summary": 2.0,
    "details": 1.5,
    "evidence": 1.0,
}
MAX_WEIGHT = 3.0
LEAD_FIELDS = 1  # the title, the first field: what a fact is about, indexed apart
LEAD_MARK = "^"  # an index term for a word of the lead is marked so: "^semiconductor"
# The FTS5 index sees each term as exactly one token: its tokenizer is "ascii", for which every
# non-ASCII character is part of a token, with these marks as token characters too; any other
# ASCII punctuation a term may hold (folding turns "ŉ" into "'n", "℅" into "c/o") becomes "'"
# on both sides, in the index and in queries, so no term is ever split into a phrase.
FTS_TOKEN_CHARS = "~.%^'"
FTS_TOKENIZER = "ascii tokenchars '" + FTS_TOKEN_CHARS.replace("'", "''") + "'"
_FTS_UNSAFE = "".join(chr(c) for c in range(128) if not chr(c).isalnum() and chr(c) not in FTS_TOKEN_CHARS + " ")
_FTS_SAFE = str.maketrans(dict.fromkeys(_FTS_UNSAFE, "'"))
_FTS_UNSAFE_RE = LazyPattern("[" + re.escape(_FTS_UNSAFE) + "]")


def fts_text(text: str) -> str:
    """Terms (one, or several separated by spaces) as the FTS index holds them."""
    # Such characters are rare, and translate() is slow on text that is not ASCII: look first
    return text.translate(_FTS_SAFE) if _FTS_UNSAFE_RE.compiled.search(text) else text


# How a fact's tokenised fields are stored in the cache: fields apart, and each field's parts.
CACHE_FIELD_SEPARATOR, CACHE_PART_SEPARATOR = "\x1e", "\x1f"

# A fact's own fields searched as words (the kind's, from the one table), then its kind.
DETAIL_FIELDS = (*SEARCHED_FIELDS, "kind")


class FieldText:
    """One field of a fact as search sees it: its weight, stems and accent-preserving words, numbers.

    A field read from the cache keeps its stored text and splits it only when asked: most fields
    of a candidate hold none of the query's words, and :meth:`holds_any` says so from the text.
    """

    __slots__ = (
        "name", "weight", "_stems", "_exact", "_numbers", "_roots", "_vocabulary", "_root_positions", "_text",
        "_padded",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        weight: float,
        stems: list[str] | None,
        exact: list[str] | None,
        numbers: set[str] | None,
        roots: list[str] | None = None,
    ) -> None:
        self.name, self.weight, self._stems, self._exact, self._numbers = name, weight, stems, exact, numbers
        self._roots = roots
        self._vocabulary: frozenset[str] | None = None
        self._root_positions: dict[str, int] | None = None
        self._text: tuple[str, str, str, str] | None = None
        self._padded: str | None = None

    @classmethod
    def stored(cls, name: str, stems: str, exact: str, numbers: str, roots: str) -> FieldText:
        """A field as the cache stores it (space-separated tokens), each part split on first use."""
        field = cls(name, FIELD_WEIGHTS[name], None, None, None, None)
        field._text = (stems, exact, numbers, roots)
        return field

    def _part(self, index: int) -> list[str]:
        assert self._text is not None
        text = self._text[index]
        return text.split(" ") if text else []

    @property
    def stems(self) -> list[str]:
        if self._stems is None:
            self._stems = self._part(0)
        return self._stems

    @property
    def exact(self) -> list[str]:
        if self._exact is None:
            self._exact = self._part(1)
        return self._exact

    @property
    def numbers(self) -> set[str]:
        if self._numbers is None:
            self._numbers = set(self._part(2))
        return self._numbers

    def settle(self) -> None:
        """Split every part now and answer from sets from here on: for a field asked again and
        again (a batch of queries, an index in memory), one split costs less than many scans."""
        if self._text is not None:
            self._stems, self._exact, self._numbers, self._roots = self.stems, self.exact, self.numbers, self.roots
            self._text = self._padded = None

    def holds(self, word: str) -> bool:
        """Whether ``word`` is one of the field's stems or roots."""
        if self._text is None:
            return word in self.vocabulary
        if self._padded is None:
            self._padded = f" {self._text[0]} {self._text[3]} "
        return f" {word} " in self._padded

    def holds_any(self, words: frozenset[str]) -> bool:
        """Whether any of ``words`` is one of the field's stems or roots: for a field read from
        the cache, one scan of its stored text (no token holds a space), never split."""
        if self._text is None:
            return not self.vocabulary.isdisjoint(words)
        if not words:
            return False
        if self._padded is None:
            self._padded = f" {self._text[0]} {self._text[3]} "
        return _any_token(words).search(self._padded) is not None

    def holds_number(self, readings: frozenset[str] | set[str]) -> bool:
        """Whether the field holds any of these number readings."""
        return not self.numbers.isdisjoint(readings)

    def root_position(self, root: str) -> int:
        """Where the first word with this root stands in the field, or -1."""
        if self._root_positions is None:
            positions: dict[str, int] = {}
            for at, word in enumerate(self.stems):
                for key in root_keys(word):
                    positions.setdefault(key, at)
            self._root_positions = positions
        return self._root_positions.get(root, -1)

    @property
    def roots(self) -> list[str]:
        """The roots of the long stems, each once (stored in the cache, so a search never derives them)."""
        if self._roots is None and self._text is not None:
            self._roots = self._part(3)
        if self._roots is None:
            roots = set(" ".join(map(root_text, set(self.stems))).split())
            self._roots = sorted(roots)
        return self._roots

    @property
    def vocabulary(self) -> frozenset[str]:
        """The stems and their roots as a set: most alternatives miss a field, and a set says so fast.
        Computed on first use, so building the cache (which only stores the lists) never pays it."""
        if self._vocabulary is None:
            self.settle()
            self._vocabulary = frozenset(self.stems).union(self.roots)
        return self._vocabulary


@functools.lru_cache(maxsize=1024)
def _any_token(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern finding any of ``words`` as a whole token of space-separated text (padded)."""
    return re.compile(" (?:" + "|".join(re.escape(word) for word in sorted(words)) + ") ")


def find_run(tokens: Sequence[str], run: Sequence[str]) -> int:
    """Index of the first occurrence of ``run`` as consecutive items of ``tokens``, or -1."""
    if not run:
        return -1
    first, size, wanted = run[0], len(run), list(run)
    index = tokens.index  # a C-level scan for the first word, then a slice comparison
    at = -1
    while True:
        try:
            at = index(first, at + 1)
        except ValueError:
            return -1
        if size == 1 or list(tokens[at : at + size]) == wanted:
            return at


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


class _ValueWords(dict[str, tuple[list[str], frozenset[str]]]):
    """Each field value's words (then a VALUE_SEPARATOR, so a phrase never spans two values) and
    its numbers in digits, computed once per distinct value: keywords, names of organisations and
    partners, kinds and dates recur across a corpus."""

    def __missing__(self, value: str) -> tuple[list[str], frozenset[str]]:
        if len(self) > 1 << 16:
            self.clear()
        text = without_separators(value)  # data never moves words between values
        words = field_tokens(spell_currency(text))
        words.append(VALUE_SEPARATOR)
        known = self[value] = (words, frozenset(number_tokens(text, in_words=False)))
        return known


_value_words = _ValueWords().__getitem__


# Fields whose values recur from fact to fact (keywords, names, kinds and dates) are tokenised
# value by value, each distinct value once; the others (titles, summaries, quotes) are mostly
# unique, and are tokenised together in one pass.
RECURRING_FIELDS = frozenset({"keywords", "organizations", "partners", "details"})


def _fields(groups: list[tuple[str, list[str]]]) -> list[FieldText]:
    """Tokenise a fact's fields. A field's words are its values' words in order, each value's
    closed by VALUE_SEPARATOR (so a phrase never spans two values; a field without values holds
    that mark alone); its numbers are those written in digits in any value and those its words
    spell out. The fields not RECURRING_FIELDS are joined with FIELD_SEPARATOR for one
    lower-casing and one regex scan, and the token list is cut at each mark with ``list.index``.
    Separator characters inside the values themselves are made spaces first."""
    value_mark, field_mark = f" {VALUE_SEPARATOR} ", f" {FIELD_SEPARATOR} "
    joined = [at for at, (name, _values) in enumerate(groups) if name not in RECURRING_FIELDS]
    texts = [value_mark.join(map(without_separators, groups[at][1])) + value_mark for at in joined]
    words = field_tokens(spell_currency(field_mark.join(texts)))
    tokenised: dict[int, tuple[list[str], set[str]]] = {}
    start = 0
    for at, text in zip(joined, texts, strict=True):
        end = words.index(FIELD_SEPARATOR, start) if len(tokenised) < len(joined) - 1 else len(words)
        tokenised[at] = words[start:end], number_tokens(text, in_words=False)
        start = end + 1
    fields: list[FieldText] = []
    for at, (name, values) in enumerate(groups):
        if at in tokenised:
            exact, found = tokenised[at]
        elif values:
            exact, found = [], set()
            for value in values:
                value_words, numbers = _value_words(value)
                exact += value_words
                found |= numbers
        else:
            exact, found = [VALUE_SEPARATOR], set()
        found |= numbers_in_words(exact)
        fields.append(FieldText(name, FIELD_WEIGHTS[name], list(map(stem, exact)), exact, found))
    return fields


def _entity_names(fact: FactDict) -> list[str]:
    """The organisations field and every name of every entity the fact names (its acronyms, its
    names in each language, the spellings the sources use), so any of them finds it."""
    names = list(fact.get("organizations", []))
    for entity in fact.get("entities") or ():
        names.extend(name for name in entity.get("names", ()) if name not in names)
    return names


def fact_fields(fact: FactDict) -> list[FieldText]:
    keywords = fact.get("keywords") or {}
    details: list[str] = []
    for name in DETAIL_FIELDS:
        value = fact.get(name)
        if value:  # most kinds fill a few of these
            details.extend(_strings(value))
    for name in NUMERIC_FIELDS:
        value = fact.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            details.append(str(value) + (" %" if fact.get("unit") == "percent" else ""))
    partner_names: list[str] = []
    for code in fact.get("partners", []):
        partner_names.extend(partner_search_names(code))
    return _fields(
        [
            ("title", _translations(fact, "title")),
            ("keywords", [k for lang in LANGUAGES for k in keywords.get(lang, [])]),
            ("organizations", _entity_names(fact)),
            ("partners", partner_names),
            ("summary", _translations(fact, "summary")),
            ("details", details + ([fact["date"]] if fact.get("date") else [])),
            ("evidence", [e["quote"] for e in fact["evidence"]]),
        ]
    )


def _translations(fact: dict[str, Any], key: str) -> list[str]:
    """A fact's title or summary in every language it has (English first), each once."""
    translated = fact.get(TRANSLATED_KEYS[key]) or {}
    texts = [fact[key], *(translated.get(lang) for lang in LANGUAGES)]
    return list(dict.fromkeys(text for text in texts if text))


def fields_to_text(fields: Iterable[FieldText]) -> str:
    """A fact's tokenised fields as one compact string for the cache (no token holds a space or a
    control character; splitting is far cheaper than JSON at load)."""
    return CACHE_FIELD_SEPARATOR.join(
        CACHE_PART_SEPARATOR.join(
            (f.name, " ".join(f.stems), " ".join(f.exact), " ".join(sorted(f.numbers)), " ".join(f.roots))
        )
        for f in fields
    )


def fields_from_text(text: str) -> list[FieldText]:
    fields = []
    for part in text.split(CACHE_FIELD_SEPARATOR):
        name, stems, exact, numbers, roots = part.split(CACHE_PART_SEPARATOR)
        fields.append(FieldText.stored(name, stems, exact, numbers, roots))
    return fields


def fact_terms(fields: Iterable[FieldText]) -> set[str]:
    """Every term a fact can be found by: stems, roots of long stems, and number readings."""
    terms: set[str] = set()
    for field in fields:
        terms.update(field.stems, field.roots, field.numbers)
    terms.discard(VALUE_SEPARATOR)
    return terms


def index_terms(fields: list[FieldText]) -> str:
    """What the FTS index holds of a fact: all its terms, then its lead's terms marked."""
    lead = fact_terms(fields[:LEAD_FIELDS])
    marked = (" " + LEAD_MARK + f" {LEAD_MARK}".join(lead)) if lead else ""
    return fts_text(" ".join(fact_terms(fields)) + marked)
