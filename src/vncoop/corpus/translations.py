"""A fact's translations state the same figures as its English: validate's check.

Numbers are compared by value in any notation (``50,000`` = ``50 000`` = ``50.000``, ``78.6
billion`` = ``78,6 tỷ``), months aside (see :mod:`vncoop.text.figures`). A number written in words
is the translator's choice and is not compared; the schema already requires every language.
"""

from __future__ import annotations

from vncoop.domain.records import FactDict
from vncoop.domain.vocab import LANGUAGES, TRANSLATED_KEYS
from vncoop.text.figures import figures, unmatched

LANGUAGE_NAMES = {"en": "English", "fr": "French", "vi": "Vietnamese"}


def translation_problems(fact: FactDict) -> list[tuple[str, str]]:
    """(field such as ``title.fr``, message) for each translation whose figures differ from the English."""
    found: list[tuple[str, str]] = []
    for key, plural in TRANSLATED_KEYS.items():
        texts = fact.get(plural) or {}
        english = figures(texts.get("en", ""))
        for language in LANGUAGES:
            if language == "en" or language not in texts:
                continue
            missing, extra = unmatched(english, figures(texts[language]))
            parts = []
            if missing:
                parts.append("without " + ", ".join(repr(f.written) for f in missing) + " of the English")
            if extra:
                parts.append("with " + ", ".join(repr(f.written) for f in extra) + " that the English does not state")
            if parts:
                message = f"the {LANGUAGE_NAMES[language]} {key} states other figures: {'; '.join(parts)}"
                found.append((f"{key}.{language}", message))
    return found
