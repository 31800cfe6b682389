"""Number notations: English, French and Vietnamese spellings of the same value meet."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vncoop.text.numbers import canonical_number, numbers_in, readings


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("78,6", "78.6"),
        ("78.6", "78.6"),
        ("50,000", "50000"),
        ("50.000", "50000"),
        ("50 000", "50000"),
        ("50\u202f000", "50000"),
        ("1.500.000", "1500000"),
        ("1,5", "1.5"),
        ("2045", "2045"),
    ],
)
def test_readings(written: str, value: str) -> None:
    assert value in readings(written)


def test_ambiguous_grouping_has_both_readings() -> None:
    assert readings("1.000") == {"1", "1000"}


def test_numbers_in_sentence() -> None:
    found = numbers_in("près de 78,6 milliards, 20 % et 1 500 étudiants")
    assert {"78.6", "20", "1500"} <= found


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(n: int) -> None:
    english = f"{n:,}"
    french = english.replace(",", " ")
    vietnamese = english.replace(",", ".")
    for text in (english, french, vietnamese, str(n)):
        assert canonical_number(n) in readings(text)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimal_comma_and_point(whole: int, frac: int) -> None:
    point, comma = f"{whole}.{frac}", f"{whole},{frac}"
    assert readings(point) & readings(comma)
