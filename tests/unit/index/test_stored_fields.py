"""A field read back from the cache answers as the field that was stored: its lists, and whether
it holds a word (which it says from its stored text, without splitting it)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vncoop.index.stems import stem
from vncoop.index.tokens import FIELD_WEIGHTS, FieldText, fields_from_text, fields_to_text

TOKENS = st.sampled_from(["chip", "ban", "dan", "ky", "su", "semiconductor", "japan", "50000", "78.6", "x", "s"])
WORDS = st.lists(st.text(alphabet="abcdjkpsux.5", min_size=1, max_size=5) | TOKENS, max_size=8)


@given(st.sampled_from(sorted(FIELD_WEIGHTS)), st.lists(TOKENS, max_size=12), st.sets(TOKENS, max_size=4), WORDS, WORDS)
def test_a_stored_field_answers_as_the_field(
    name: str, words: list[str], numbers: set[str], wanted: list[str], readings: list[str]
) -> None:
    stems = [stem(word) for word in words]
    made = FieldText(name, FIELD_WEIGHTS[name], stems, words, numbers)
    (read,) = fields_from_text(fields_to_text([made]))
    (settled,) = fields_from_text(fields_to_text([made]))
    settled.settle()  # split at once, answering from sets: the same answers
    for field in (read, settled):
        assert field.holds_any(frozenset(made.roots[-1:])) == bool(made.roots)
        assert field.holds_any(frozenset(wanted)) == (not made.vocabulary.isdisjoint(wanted))
        assert all(field.holds(word) == (word in made.vocabulary) for word in wanted)
        assert field.holds_number(set(readings)) == bool(numbers & set(readings))
        assert (field.stems, field.exact, field.numbers, field.roots) == (
            made.stems,
            made.exact,
            made.numbers,
            made.roots,
        )
        assert field.vocabulary == made.vocabulary and field.weight == made.weight
