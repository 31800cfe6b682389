"""Reading a query before it is searched: which words carry its meaning, which are function
words of its language, what its question asks for, and its search syntax.

- **Stop words** are listed per language *as written*, with their marks: the Vietnamese ``đâu``
  ("where") is not ``đầu`` (in ``đầu tư``, investment), ``từ`` is not ``tư``. A word is a stop
  word only in the query's languages: Vietnamese function words only in a query written in
  Vietnamese (one with Vietnamese letters), so ``ai`` ("who") never swallows AI in
  ``AI startups``. A word typed in capitals (``AI``, ``IT``, ``US``) is an acronym, never a stop
  word, and a thesaurus phrase keeps its words (``do la``, dollar, is not ``do`` + ``la``).
- **The question**: how much / combien / bao nhiêu asks for an amount, how many / combien de for
  a count, when / quand / khi nào for a date, who / qui / ai for a person or an organisation,
  where / où / ở đâu for a place (see :mod:`vncoop.domain.answers`).
- **Syntax**, as search engines have it: ``-word`` excludes facts holding the word, and
  ``"a phrase"`` must be found as a phrase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from vncoop.domain.records import SlotRecord
from vncoop.text.fold import fold, lower
from vncoop.text.lazy_re import LazyPattern
from vncoop.text.number_words import number_phrases
from vncoop.text.stop_words import STOP_WORDS

# Question words and what they ask for, longest first within a language; matched on the query's
# words as typed (lower-cased, marks kept) or, for a query typed without marks, folded.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("how much", "amount"),
    ("how many", "count"),
    ("what amount", "amount"),
    ("what number", "count"),
    ("when", "date"),
    ("what year", "date"),
    ("which year", "date"),
    ("who", "who"),
    ("which company", "who"),
    ("which companies", "who"),
    ("where", "place"),
    ("combien de", "count"),
    ("combien d", "count"),
    ("combien", "amount"),
    ("quel montant", "amount"),
    ("quand", "date"),
    ("en quelle année", "date"),
    ("quelle année", "date"),
    ("qui", "who"),
    ("où", "place"),
    ("bao nhiêu tiền", "amount"),
    ("bao nhiêu", "amount-or-count"),
    ("khi nào", "date"),
    ("bao giờ", "date"),
    ("năm nào", "date"),
    ("ở đâu", "place"),
    ("nơi nào", "place"),
    ("ai", "who"),
)
INTENT_NAMES = {
    "amount": "an amount",
    "count": "a count",
    "amount-or-count": "an amount or a count",
    "date": "a date",
    "who": "a person or an organisation",
    "place": "a place",
}
VIETNAMESE_QUESTION_WORDS = frozenset({"ai"})  # asks "who" only in a query written in Vietnamese

# Marks only Vietnamese writes among the three languages: a hook above, a dot below, a tilde
# on a vowel, a horn, a breve; and an acute or grave on a vowel French never marks so.
_VIETNAMESE_MARKS = frozenset("\u0309\u0323\u0303\u031b\u0306")
_FRENCH_ACUTE, _FRENCH_GRAVE = frozenset("e"), frozenset("aeu")


def _vietnamese_letter(char: str) -> bool:
    if char == "đ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[:1], set(decomposed[1:])
    if marks & _VIETNAMESE_MARKS or len(marks) > 1:  # French letters carry one mark: ầ, ế are Vietnamese
        return True
    return ("\u0301" in marks and base not in _FRENCH_ACUTE) or ("\u0300" in marks and base not in _FRENCH_GRAVE)


# A syllable that ends in a circumflex vowel and a nasal or stop other than t (sân, dân, nhân,
# công, cấp): French ends such words with an e or a t (âge, fête, forêt, côte), never so.
_VIETNAMESE_CIRCUMFLEX_SYLLABLE = LazyPattern(r"[âêô](?:ng|nh|ch|n|m|p|c)\b")


def written_in_vietnamese(text: str) -> bool:
    """Whether ``text`` holds a letter that, among English, French and Vietnamese, only
    Vietnamese writes (``đ``, ``ơ``, ``ư``, ``ă``, a hook or a dot below, ``á``, …), or a
    syllable only Vietnamese writes (``sân``)."""
    lowered = lower(text)
    if any(_vietnamese_letter(char) for char in set(lowered) if not char.isascii()):
        return True
    return bool(_VIETNAMESE_CIRCUMFLEX_SYLLABLE.search(unicodedata.normalize("NFC", lowered)))


def is_acronym(typed: str) -> bool:
    """``AI``, ``IT``, ``US``, ``R&D``'s ``R``: two or more letters, all capitals, as typed."""
    return len(typed) >= 2 and typed.isupper() and typed.isalpha()


_TYPED_WORD = LazyPattern(r"[^\W_]+")


class QueryReading(SlotRecord):
    """What a query says, word by word: the words searched, those ignored (and why), what its
    question asks for, and its syntax (excluded words, phrases that must be found)."""

    __slots__ = ("text", "content", "ignored", "intent", "asked_by", "numbers", "excluded", "phrases")

    def __init__(
        self,
        text: str,  # the query without its syntax: the words and numbers searched
        content: list[str],  # the words searched, lower-cased as typed
        ignored: list[tuple[str, str]] | None = None,  # (word, why)
        intent: str | None = None,  # amount | count | date | who | place | amount-or-count
        asked_by: str = "",  # the question words that said so
        numbers: list[tuple[str, frozenset[str]]] | None = None,  # in words: (as typed, readings)
        excluded: list[str] | None = None,  # -word: facts holding it are dropped
        phrases: list[str] | None = None,  # "a phrase": must be found as typed
    ) -> None:
        self.text, self.content, self.intent, self.asked_by = text, content, intent, asked_by
        self.ignored = [] if ignored is None else ignored
        self.numbers = [] if numbers is None else numbers
        self.excluded = [] if excluded is None else excluded
        self.phrases = [] if phrases is None else phrases

    def notes(self) -> list[str]:
        """The reading in words, for ``--explain``."""
        said = []
        if self.intent:
            said.append(f"read {self.asked_by!r} as a question asking for {INTENT_NAMES[self.intent]}")
        said += [f"ignored {word!r} ({why})" for word, why in self.ignored if not why.startswith("question")]
        said += [f"read {typed!r} as {' or '.join(sorted(values, key=len))}" for typed, values in self.numbers]
        said += [f"excluded facts holding {word!r}" for word in self.excluded]
        said += [f"required the phrase {phrase!r}" for phrase in self.phrases]
        return said


_SYNTAX = LazyPattern(r'(?:(?<=\s)|^)(-?)"([^"]*)"|(?:(?<=\s)|^)-([^\W_][^\s"]*)')
LANGUAGE_NAMES = {"en": "English", "fr": "French", "vi": "Vietnamese"}


def split_syntax(query: str) -> tuple[str, list[str], list[str]]:
    """``semiconductor -japan "registered capital"`` → the text searched, the excluded words,
    the phrases. A hyphen inside a word (``semi-conducteur``) is no syntax; an unclosed quote is
    an ordinary character."""
    excluded: list[str] = []
    phrases: list[str] = []

    def take(match: re.Match[str]) -> str:
        minus, quoted, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            excluded.append(word)
            return " "
        if minus:
            excluded.append(quoted)
            return " "
        if quoted.strip():
            phrases.append(quoted.strip())
        return f" {quoted} "

    if "-" not in query and '"' not in query:
        return " ".join(query.split()), excluded, phrases
    text = _SYNTAX.compiled.sub(take, query)
    return " ".join(text.split()), excluded, phrases


def read_query(query: str, is_phrase_term: Callable[[tuple[str, ...]], bool]) -> QueryReading:
    """Read ``query``: ``is_phrase_term`` says whether words (folded stems) make a thesaurus
    phrase of two or more words, which keeps its stop words."""
    text, excluded, phrases = split_syntax(query)
    typed = _TYPED_WORD.compiled.findall(text.replace("'", " "))
    words = [lower(word) for word in typed]
    vietnamese = written_in_vietnamese(text)
    marked = any(fold(word) != word for word in words)
    reading = QueryReading(text, [], excluded=excluded, phrases=phrases)
    question_at: set[int] = set()
    starts = {word for word in words} | ({fold(word) for word in words} if not marked else set())
    for phrase, intent in QUESTIONS:
        first = phrase.split(" ", 1)[0]
        if first not in starts and fold(first) not in starts:
            continue  # most queries hold none of the question words: one set look-up says so
        size = phrase.count(" ") + 1
        for at in range(len(words) - size + 1):
            window = words[at : at + size]
            said = " ".join(window)
            same = said == phrase or (not marked and fold(said) == fold(phrase))
            if not same or (phrase in VIETNAMESE_QUESTION_WORDS and not vietnamese):
                continue
            if any(is_acronym(typed[i]) for i in range(at, at + size)) or question_at & set(range(at, at + size)):
                continue
            if reading.intent is None:
                reading.intent, reading.asked_by = intent, " ".join(typed[at : at + size])
            question_at |= set(range(at, at + size))
    in_numbers: set[int] = set()
    for start, end, readings in number_phrases(words):
        if not any(is_acronym(typed[i]) for i in range(start, end)):
            reading.numbers.append((" ".join(typed[start:end]), readings))
            in_numbers |= set(range(start, end))
    kept_by_phrase: set[int] = set()
    for size in (4, 3, 2):
        for at in range(len(words) - size + 1):
            if is_phrase_term(tuple(fold(word) for word in words[at : at + size])):
                kept_by_phrase |= set(range(at, at + size))
    languages = ("en", "fr", "vi") if vietnamese else ("en", "fr")
    if question_at:
        reading.ignored.append((reading.asked_by, "question words" if " " in reading.asked_by else "question word"))
    for at, word in enumerate(words):
        if at in question_at or at in in_numbers or word.isdigit():  # numbers are read apart
            continue
        stop_in = next((lang for lang in languages if word in STOP_WORDS[lang]), None)
        if stop_in is None or is_acronym(typed[at]) or at in kept_by_phrase:
            reading.content.append(word)
        else:
            reading.ignored.append((typed[at], f"{LANGUAGE_NAMES[stop_in]} function word"))
    if not reading.content:  # only function words: search them as typed
        reading.content = [
            w for at, w in enumerate(words) if at not in question_at and at not in in_numbers and not w.isdigit()
        ]
        reading.ignored = [(word, why) for word, why in reading.ignored if why.startswith("question")]
    return reading
