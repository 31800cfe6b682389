"""``dumps_indented`` writes exactly what ``json.dumps(indent=2)`` writes, for any JSON value."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vncoop.text.json_writer import dumps_indented

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5),
    max_leaves=40,
)


@given(VALUES, st.booleans())
def test_the_same_text_as_the_standard_library(value: Any, ensure_ascii: bool) -> None:
    expected = json.dumps(value, ensure_ascii=ensure_ascii, indent=2, allow_nan=False)
    assert dumps_indented(value, ensure_ascii=ensure_ascii) == expected


class Level(enum.IntEnum):
    HIGH = 3


@pytest.mark.parametrize(
    "value",
    [
        {1: "a", None: "b", False: "c", 2.5: "d"},  # keys json.dumps turns into strings
        [Level.HIGH, ("a", "b"), ()],  # an int subclass, tuples
        {"quote": "\ud800 lone surrogate \u2028 \x00 \u00e9"},
        [[[]], {}, [{}], ["x", 1]],
    ],
)
def test_what_json_dumps_would_do_with_unusual_values(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)


@pytest.mark.parametrize("value", [math.nan, [math.inf], {"x": object()}])
def test_what_json_refuses_is_refused(value: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        json.dumps(value, indent=2, allow_nan=False)
    with pytest.raises((ValueError, TypeError)):
        dumps_indented(value)
