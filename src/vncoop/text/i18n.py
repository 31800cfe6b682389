"""The user's language, and vncoop's own words in it.

Which language: ``--lang``, else ``VNCOOP_LANG``, else the locale (the first of ``LC_ALL``,
``LC_MESSAGES`` and ``LANG`` that is set, as POSIX reads them) when it is French or
Vietnamese, else English. The CLI decides once per command and calls :func:`use`; everything
below asks :func:`current`.

vncoop's words are looked up by their English text, as gettext does (:func:`tr`), in the tables
of :mod:`vncoop.text.catalog`; a message without a translation stays English rather than failing.
The corpus's own text (titles, summaries) is not here: each fact carries its translations.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import Enum

from vncoop.errors import UsageError


class Language(str, Enum):
    """The languages vncoop speaks: those of the corpus's titles, summaries and keywords."""

    en = "en"
    fr = "fr"
    vi = "vi"


LANGUAGES: tuple[str, ...] = tuple(language.value for language in Language)
DEFAULT_LANGUAGE = Language.en.value
LANGUAGE_ENV = "VNCOOP_LANG"
LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence: the first one set decides


class _Current:
    language = DEFAULT_LANGUAGE


def current() -> str:
    """The language in use (``en``, ``fr`` or ``vi``)."""
    return _Current.language


def use(language: str) -> None:
    _Current.language = language if language in LANGUAGES else DEFAULT_LANGUAGE


def locale_language(value: str) -> str | None:
    """The language of a locale or language tag: ``fr_FR.UTF-8@euro`` → ``fr``, ``vi-VN`` →
    ``vi``, ``C`` → None (not one vncoop speaks)."""
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].strip().lower()
    return code if code in LANGUAGES else None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language when ``--lang`` is not given. ``VNCOOP_LANG`` is the user's explicit choice,
    so a value vncoop does not speak is a usage error; a locale merely falls back to English."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(LANGUAGE_ENV, "").strip()
    if chosen:
        language = locale_language(chosen)
        if language is None:
            raise UsageError(
                tr("{variable}={value!r} is not a language vncoop speaks: use {choices}",
                   variable=LANGUAGE_ENV, value=chosen, choices=", ".join(LANGUAGES))
            )  # fmt: skip
        return language
    for name in LOCALE_ENV:
        value = environ.get(name, "")
        if value:  # set but not fr or vi (C, en_US, de_DE…): English, as LC_ALL=C means
            return locale_language(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def tr(message: str, /, **params: object) -> str:
    """``message`` in the current language, its ``{placeholders}`` filled in."""
    language = _Current.language
    if language != DEFAULT_LANGUAGE:
        from vncoop.text.catalog import MESSAGES

        found = MESSAGES.get(message)
        if found is not None:
            message = found[LANGUAGES.index(language) - 1]
    return message.format(**params) if params else message


def value_word(code: str) -> str:
    """A kind or a sector as a table shows it (``training_target`` → ``mục tiêu đào tạo``)."""
    language = _Current.language
    if language == DEFAULT_LANGUAGE:
        return code
    from vncoop.text.catalog import VALUES

    found = VALUES.get(code)
    return code if found is None else found[LANGUAGES.index(language) - 1]


_FRENCH_PLURAL_SCALES = {"million": "millions", "milliard": "milliards"}  # mille is invariable


def scale_word(scale: str, value: float) -> str:
    """``million`` after ``value`` in the language in use: English scale words never take an s,
    French ones do from 2 on (1,5 million, 78,6 milliards), Vietnamese has no plural."""
    word = tr(scale)
    if _Current.language == "fr" and abs(value) >= 2:
        return _FRENCH_PLURAL_SCALES.get(word, word)
    return word


def N_(message: str) -> str:
    """Marks ``message`` for the catalog where it is written (a profile's labels), for
    :func:`tr` to translate where it is shown; JSON keeps the English (gettext's convention)."""
    return message


def label(name: str) -> str:
    """A field's name as a table header or a label of ``show``: the field name itself in
    English (what ``--fields`` takes), a word in French or Vietnamese."""
    language = _Current.language
    if language == DEFAULT_LANGUAGE:
        return name
    from vncoop.text.catalog import LABELS

    found = LABELS.get(name)
    return name if found is None else found[LANGUAGES.index(language) - 1]
