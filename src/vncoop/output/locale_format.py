"""Dates and numbers as a French or Vietnamese reader writes them, for tables on a terminal.

``2024-09-22`` → ``22 sept. 2024`` / ``22 thg 9, 2024``; ``50000`` → ``50 000`` / ``50.000``;
an amount of ``78600000000`` → ``78,6 milliards`` / ``78,6 tỷ``, every digit kept (nothing is
rounded). Formats are CLDR's, through babel, which is imported only when such a table is drawn.
Kinds and sectors are shown as words. English tables keep the ISO dates and plain numbers they
always had, so nothing changes for them; JSON, CSV and piped text never pass through here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vncoop.domain.vocab import DATE_RE

DATE_FIELDS = frozenset({"date", "as_of", "period", "published"})
YEAR_FIELDS = frozenset({"deadline", "year"})  # a year is written 2030, never 2 030
AMOUNT_FIELDS = frozenset({"amount_value"})
NOT_NUMBERS = frozenset({"id", "kind", "value"})  # "value" of a profile or stats row is text
WORD_FIELDS = frozenset({"kind", "sectors", "sector"})  # codes a table shows as words


def localised_value(name: str, value: Any, language: str) -> Any:
    """``value`` of field ``name`` as a ``language`` table shows it; unchanged in English and
    for anything that is not a date or a number."""
    if language == "en" or value is None or isinstance(value, bool):
        return value
    if name == "label":  # a profile row's label (English in JSON)
        from vncoop.text.i18n import tr

        return tr(str(value))
    if name == "aspect":  # a row of compare: a key of its JSON
        from vncoop.text.i18n import label

        return label(str(value))
    if name in WORD_FIELDS:
        from vncoop.text.i18n import value_word

        return [value_word(v) for v in value] if isinstance(value, list) else value_word(str(value))
    if name in NOT_NUMBERS:
        return value
    if name in DATE_FIELDS and isinstance(value, str):
        return format_iso_date(value, language)
    if isinstance(value, (int, float)) and name not in YEAR_FIELDS:
        if name in AMOUNT_FIELDS:
            return format_amount(value, language)
        return format_number(value, language)
    return value


def format_iso_date(value: str, language: str) -> str:
    """An ISO date of the corpus (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn) in ``language``."""
    import datetime

    from babel.dates import format_date, format_skeleton

    match = DATE_RE.fullmatch(value)
    if not match:
        return value
    year, month, day, quarter = match.groups()
    if day:
        return str(format_date(datetime.date(int(year), int(month), int(day)), "medium", locale=language))
    if month:
        return str(format_skeleton("yMMM", datetime.date(int(year), int(month), 1), locale=language))
    if quarter:
        return str(format_skeleton("yQQQ", datetime.date(int(year), 3 * int(quarter) - 2, 1), locale=language))
    return str(year)


def format_number(value: float, language: str) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(Decimal(repr(value)) if isinstance(value, float) else value, locale=language,
                              decimal_quantization=False))  # fmt: skip


def format_amount(value: float, language: str) -> str:
    """A large amount in the language's words for its scale, with every significant digit:
    ``78600000000`` → ``78,6 milliards``; a figure the words cannot state exactly stays a number."""
    from babel.numbers import format_compact_decimal

    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if abs(exact) < 1_000_000:
        return format_number(value, language)
    digits = len(exact.normalize().as_tuple().digits)
    for fraction in range(digits + 1):
        shown = str(format_compact_decimal(exact, format_type="long", locale=language, fraction_digits=fraction))
        if _reads_back(shown, exact):
            return shown
    return format_number(value, language)


def _reads_back(shown: str, exact: Decimal) -> bool:
    """Whether ``78,6 milliards`` states exactly ``78600000000`` (babel would round 78.65 billion)."""
    from vncoop.text.figures import figures

    return any(str(exact.normalize()) in {str(Decimal(v).normalize()) for v in f.values} for f in figures(shown))
