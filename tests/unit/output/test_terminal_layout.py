"""Tables that fit: at any width every line fits the terminal, no column is dropped, and an id
that fits on a line is never split (it can be copied whole)."""

from __future__ import annotations

import io
import string

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from vncoop.output.rich_tables import MIN_WRAP_WIDTH, rich_table
from vncoop.output.view import Terminal, View

WORDS = st.text(alphabet=string.ascii_letters + "ÀẫĐđ日本", min_size=1, max_size=14)
PARTS = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12)
IDS = st.lists(PARTS, min_size=1, max_size=6)


@st.composite
def records(draw: st.DrawFn) -> dict[str, object]:
    return {
        "id": "-".join(draw(IDS)),
        "kind": draw(st.sampled_from(["event", "training_target", "investment"])),
        "title": " ".join(draw(st.lists(WORDS, min_size=1, max_size=16))),
        "date": draw(st.sampled_from([None, "2024", "2024-09-22", "2024-Q3"])),
        "partners": draw(st.lists(st.sampled_from(["JP", "US", "KR"]), max_size=3, unique=True)),
        "score": draw(st.floats(0, 20, allow_nan=False).map(lambda x: round(x, 4))),
    }


def drawn(rows: list[dict[str, object]], width: int, fields: list[str] | None = None) -> list[str]:
    out = io.StringIO()
    rich_table(View(rows, fields, has_score=True), out, Terminal(colour=False, width=width))
    return out.getvalue().splitlines()


@settings(max_examples=150, deadline=None)
@given(st.lists(records(), min_size=1, max_size=5), st.integers(20, 220))
def test_every_line_fits_and_nothing_is_dropped(rows: list[dict[str, object]], width: int) -> None:
    lines = drawn(rows, width)
    assert all(cell_len(line) <= width for line in lines), (width, lines)
    text = "\n".join(lines)
    for row in rows:
        fact_id = str(row["id"])
        if len(fact_id) <= width - 4:  # room for it on one line, even inside a table cell
            assert any(fact_id in line for line in lines), (fact_id, width, lines)
        assert str(row["kind"]) in text


def test_a_wide_terminal_gets_a_table_and_a_narrow_one_cards() -> None:
    row = {
        "id": "vietnam-50000-semiconductor-engineers-by-2030",
        "kind": "training_target",
        "title": "Vietnam aims to train 50,000 engineers for the semiconductor sector by 2030",
        "date": "2024-09-22",
        "partners": ["US"],
        "score": 8.1429,
    }
    wide = drawn([row], 200)
    assert any(line.startswith("┃ score") for line in wide)
    narrow = drawn([row], 60)
    assert narrow[0] == row["id"]  # the heading of its card, whole
    assert narrow[-1].strip() == "score 8.1429 · training_target · 2024-09-22 · US"  # in column order
    assert not any(line != line.rstrip() for line in narrow)  # no trailing padding to copy


def test_chosen_fields_are_all_shown_on_cards() -> None:
    row = {"id": "a-fact", "title": "T " * 30, "summary": "S " * 40, "date": "2024"}
    lines = drawn([row], 40, ["id", "summary", "date"])
    assert lines[0] == "a-fact" and any(line.startswith("  summary: S") for line in lines)
    assert lines[-1].strip() == "2024"


def test_running_text_keeps_a_readable_width_in_a_table() -> None:
    """The table is used only if the title gets at least MIN_WRAP_WIDTH columns."""
    row = {"id": "x" * 30, "title": "word " * 30}
    width = 1 + 3 * 2 + 30 + MIN_WRAP_WIDTH
    assert any("┃ id" in line for line in drawn([row], width, ["id", "title"]))
    assert not any("┃ id" in line for line in drawn([row], width - 1, ["id", "title"]))


def test_a_profile_stays_a_table_of_labels_and_wrapped_values() -> None:
    rows = [{"label": "Names", "value": "Japan External Trade Organization (en) / Tổ chức xúc tiến ngoại thương (vi)"}]
    lines = drawn(rows, 60, ["label", "value"])
    assert lines[0].startswith("┏") and all(cell_len(line) <= 60 for line in lines)
