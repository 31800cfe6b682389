"""The figures of a sentence, compared across translations (validate's translation check)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vncoop.text.figures import figures, unmatched


def _values(text: str) -> list[frozenset[str]]:
    return [figure.values for figure in figures(text)]


def _same(english: str, other: str) -> bool:
    missing, extra = unmatched(figures(english), figures(other))
    return not missing and not extra


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        ("Train 50,000 engineers by 2030", "Former 50 000 ingénieurs d'ici 2030"),
        ("Train 50,000 engineers by 2030", "Đào tạo 50.000 kỹ sư đến năm 2030"),
        ("nearly USD 78.6 billion", "près de 78,6 milliards USD"),
        ("nearly USD 78.6 billion", "gần 78.600 triệu USD"),
        ("more than 10 thousand engineers", "plus de 10 000 ingénieurs"),
        ("grew by more than 20% in Q1 2025", "tăng hơn 20% trong quý I năm 2025"),
        ("held on 6 August 2024", "tổ chức ngày 6 tháng 8 năm 2024"),
        ("held on 5/8/2024", "tenu le 5 août 2024"),
        ("the 11th edition", "lần thứ 11"),
    ],
)
def test_a_faithful_translation_states_the_same_figures(english: str, translation: str) -> None:
    assert _same(english, translation)


@pytest.mark.parametrize(
    ("english", "translation"),
    [
        ("nearly USD 78.6 billion", "près de 78,5 milliards USD"),  # a changed figure
        ("USD 200 million", "200 milliards USD"),  # a changed scale
        ("Train 50,000 engineers by 2030", "Former 50 000 ingénieurs"),  # a dropped year
        ("Train engineers by 2030", "Đào tạo 50.000 kỹ sư đến năm 2030"),  # an added figure
        ("in 2023 and 2023", "en 2023"),  # a figure stated twice is two figures
    ],
)
def test_a_translation_with_other_figures_is_caught(english: str, translation: str) -> None:
    assert not _same(english, translation)


def test_the_message_shows_figures_as_written() -> None:
    missing, extra = unmatched(figures("USD 78.6 billion in 2024"), figures("78,6 tỷ USD năm 2025"))
    assert [f.written for f in missing] == ["2024"] and [f.written for f in extra] == ["2025"]


def test_side_by_side_numbers_are_two_figures() -> None:
    assert _values("in 2023 50 firms") == [frozenset({"2023"}), frozenset({"50"})]


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["en", "fr", "vi"]))
def test_any_integer_in_any_locales_notation_is_the_same_figure(number: int, locale: str) -> None:
    """babel writes the number as each language groups it; the figure reads back the same."""
    from babel.numbers import format_decimal

    assert _same(str(number), format_decimal(number, locale=locale))


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False), st.sampled_from(["en", "fr", "vi"]))
def test_any_decimal_in_any_locales_notation_is_the_same_figure(number: object, locale: str) -> None:
    from babel.numbers import format_decimal

    english = format_decimal(number, locale="en", decimal_quantization=False)
    assert _same(english, format_decimal(number, locale=locale, decimal_quantization=False))
