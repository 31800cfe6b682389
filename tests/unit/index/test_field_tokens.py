"""Tokenising recurring fields value by value (each distinct value once) gives the tokens of
tokenising every field in one joined pass, which is the definition kept here as the reference."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vncoop.index import stems, tokens
from vncoop.text.fold import (
    FIELD_SEPARATOR,
    VALUE_SEPARATOR,
    field_tokens,
    number_tokens,
    numbers_in_words,
    spell_currency,
    without_separators,
)

FIELDS = ["title", "keywords", "organizations", "partners", "summary", "details", "evidence"]


def one_pass(groups: list[tuple[str, list[str]]]) -> list[tuple[list[str], set[str]]]:
    """Every field's values joined, the fields joined, one scan, cut at the field marks."""
    value_mark, field_mark = f" {VALUE_SEPARATOR} ", f" {FIELD_SEPARATOR} "
    texts = [value_mark.join(map(without_separators, values)) + value_mark for _name, values in groups]
    words = field_tokens(spell_currency(field_mark.join(texts)))
    out, start = [], 0
    for index, text in enumerate(texts):
        end = words.index(FIELD_SEPARATOR, start) if index < len(texts) - 1 else len(words)
        exact = words[start:end]
        out.append((exact, number_tokens(text, in_words=False) | numbers_in_words(exact)))
        start = end + 1
    return out


PIECES = st.sampled_from(
    [
        "Nhật Bản", "kỹ sư", "hoà", "l'usine", "qu'il", "'", " ", "$", "%", " %", "50", "50 000", "1,5",
        "78.6", "billion", "tỷ", "fifty", "thousand", "một triệu", "2024-09-22", "Q1", "tháng 9", "\x00",
        "\x01", "\u00a0", "Đà Nẵng", "ＪＡＰＡＮ", "ﬁ", "\u00ad", "AI", "semi-conducteurs", "İ", "-",
    ]
)  # fmt: skip
VALUE = st.lists(PIECES | st.text(max_size=6), max_size=6).map("".join)


@settings(max_examples=300)
@given(st.lists(st.lists(VALUE, max_size=4), min_size=len(FIELDS), max_size=len(FIELDS)))
def test_value_by_value_is_one_pass(values: list[list[str]]) -> None:
    groups = list(zip(FIELDS, values, strict=True))
    expected = one_pass(groups)
    fields = tokens._fields(groups)
    assert [(f.exact, f.numbers) for f in fields] == expected
    assert [f.stems for f in fields] == [list(map(stems.stem, exact)) for exact, _ in expected]
