"""Tokenising facts for search: data never collides with the marks that separate fields."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vncoop.index import tokens
from vncoop.index.tokens import FIELD_WEIGHTS, fields_from_text, fields_to_text
from vncoop.text.fold import FIELD_SEPARATOR, VALUE_SEPARATOR

NAMES = list(FIELD_WEIGHTS)
VALUE = st.text(alphabet=st.sampled_from(list("ab cé$%5,.\u00a0") + [VALUE_SEPARATOR, FIELD_SEPARATOR]), max_size=30)


def _summary(field: tokens.FieldText) -> tuple[object, ...]:
    return (field.name, field.stems, field.exact, field.numbers)


def test_a_separator_inside_a_title_keeps_its_words_in_the_title() -> None:
    fields = tokens._fields([("title", [f"alpha{FIELD_SEPARATOR}beta"]), ("summary", ["gamma"])])
    assert fields[0].exact == ["alpha", "beta", VALUE_SEPARATOR]
    assert fields[1].exact == ["gamma", VALUE_SEPARATOR]


@given(st.lists(st.tuples(st.sampled_from(NAMES), st.lists(VALUE, max_size=3)), min_size=1, max_size=5))
def test_tokenising_a_whole_fact_equals_tokenising_each_field_alone(groups: list[tuple[str, list[str]]]) -> None:
    together = tokens._fields(groups)
    alone = [tokens._fields([group])[0] for group in groups]
    assert [_summary(f) for f in together] == [_summary(f) for f in alone]


@given(st.lists(st.tuples(st.sampled_from(NAMES), st.lists(VALUE, max_size=3)), min_size=1, max_size=5))
def test_cache_text_round_trips(groups: list[tuple[str, list[str]]]) -> None:
    fields = tokens._fields(groups)
    back = fields_from_text(fields_to_text(fields))
    assert [(*_summary(f), f.roots) for f in back] == [(*_summary(f), f.roots) for f in fields]
