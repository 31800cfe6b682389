"""The error family's shared helpers: how a typed name is quoted in a message."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vncoop.errors import quoted


def test_bytes_that_were_not_utf8_show_as_bytes() -> None:
    typed = b"ab\xffc".decode("utf-8", "surrogateescape")  # how Python hands over such an argv
    assert quoted(typed) == "'ab\\xffc'"
    assert quoted("café") == "'café'" and quoted("a\nb") == "'a\\nb'"


@given(st.text())
def test_quoting_is_repr_for_any_valid_text(text: str) -> None:
    if not any("\udc80" <= char <= "\udcff" for char in text):
        assert quoted(text) == repr(text)
    assert "\n" not in quoted(text)
