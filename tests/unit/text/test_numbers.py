"""Number notations: English, French and Vietnamese spellings of the same value meet."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vncoop.text.fold import number_tokens
from vncoop.text.number_words import readings_in_words
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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("fifty thousand engineers", "50000"),
        ("two hundred and five", "205"),
        ("deux cent cinquante doctorants", "250"),
        ("quatre-vingt-dix", "90"),
        ("năm mươi nghìn kỹ sư", "50000"),
        ("gần một triệu người", "1000000"),
        ("một triệu rưỡi", "1500000"),
        ("two hundred million dollars", "200000000"),
        ("một trăm hai mươi", "120"),
        ("ba trăm năm mươi nghìn", "350000"),
        ("hai nghìn không trăm hai mươi tư", "2024"),
        ("một trăm linh năm", "105"),
        ("một nghìn tỷ", "1000000000000"),
        ("mille milliards", "1000000000000"),
        ("one thousand billion", "1000000000000"),
    ],
)
def test_numbers_written_in_words(text: str, value: str) -> None:
    assert value in readings_in_words(text)


@pytest.mark.parametrize("text", ["một dự án", "đầu tư", "hai mươi năm qua", "năm 2030", "vingt pour cent"])
def test_words_that_are_not_those_numbers(text: str) -> None:
    assert not readings_in_words(text) & {"1", "4", "5", "100", "2025"}
    assert "20" not in readings_in_words("năm 2030")


@pytest.mark.parametrize("text", ["one million", "một triệu", "un million", "hàng trăm", "hundreds of engineers"])
def test_a_number_in_words_reads_as_its_value_only(text: str) -> None:
    """Not as the bare figure before its scale: "one million" must not meet every "1"."""
    assert not readings_in_words(text) & {"1", "100"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("hơn chục doanh nghiệp", "10"),
        ("hàng trăm doanh nghiệp", "100"),
        ("hàng nghìn người", "1000"),
        ("hundreds of engineers", "100"),
        ("a dozen firms", "12"),
        ("two dozen firms", "24"),
        ("plus d'une dizaine d'entreprises", "10"),
        ("des centaines d'ingénieurs", "100"),
    ],
)
def test_round_counts_read_where_asked(text: str, value: str) -> None:
    """validate lets a field record "hàng trăm" as more than 100; search does not read it."""
    assert value in readings_in_words(text, collectives=True)
    assert value not in readings_in_words(text)


def test_a_counting_word_inside_a_number_is_part_of_it() -> None:
    assert readings_in_words("hai chục doanh nghiệp", collectives=True) == {"20"}
    assert readings_in_words("năm chục", collectives=True) == {"50"}


def test_a_figure_before_a_scale_word_reads_as_its_value() -> None:
    assert {"200", "200000000"} <= number_tokens("$200 million")
    assert "78600000000" in number_tokens("78,6 milliards de dollars")
    assert "1000000" not in number_tokens("$200 million")  # the scale word alone is no number
