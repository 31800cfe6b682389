"""The strict YAML reader: lines for errors, no aliases, no tags, bounded nesting."""

from __future__ import annotations

import pytest

from vncoop.yamlsafe import YamlProblem, load


def test_plain_scalars_are_yaml_core() -> None:
    data, _ = load("a: 78.6\nb: '1'\nc: 2024\nd: ~\ne: true\nf: 2024-09-22\ng: no\n")
    assert data == {"a": 78.6, "b": "1", "c": 2024, "d": None, "e": True, "f": "2024-09-22", "g": "no"}


def test_lines_are_recorded() -> None:
    _, lines = load("facts:\n  - id: a\n    title: t\n  - id: b\n")
    assert lines[("facts", 0, "title")] == 3
    assert lines[("facts", 1)] == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [1, 2", "invalid YAML"),
        ("a: &x [1]\nb: *x\n", "anchors"),
        ("a: !!python/object/apply:os.system ['true']\n", "not allowed"),
        ("[" * 200 + "]" * 200, "nesting deeper"),
        ("a: 1\na: 2\n", "duplicate key"),
        ("a:\n\tb: 1\n", "invalid YAML"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("? [a]\n: 1\n", "mapping key"),
    ],
)
def test_rejections(text: str, message: str) -> None:
    with pytest.raises(YamlProblem) as info:
        load(text)
    assert message in info.value.message
    assert info.value.line is not None


def test_billion_laughs_rejected_at_first_anchor() -> None:
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    with pytest.raises(YamlProblem) as info:
        load(bomb)
    assert info.value.line == 1


def test_a_line_depth_keeps_the_data_and_only_shallow_lines() -> None:
    text = "facts:\n  - id: a\n    evidence:\n      - quote: q\n  - id: b\n"
    full_data, full_lines = load(text)
    data, lines = load(text, line_depth=2)
    assert data == full_data
    assert lines == {path: line for path, line in full_lines.items() if len(path) <= 2}
    assert lines[("facts", 1)] == 5 and ("facts", 0, "evidence") in full_lines


def test_a_problem_deep_in_a_fact_still_names_its_own_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from vncoop.validation import validate_fact_file

    valid = Path(__file__).parent / "corpora" / "valid" / "facts.yaml"
    text = valid.read_text(encoding="utf-8")
    broken = tmp_path / "facts.yaml"
    broken.write_text(text.replace("quote:", "qoute:", 1), encoding="utf-8")
    _facts, problems = validate_fact_file(broken, tmp_path)
    wanted = text[: text.index("quote:")].count("\n") + 1
    assert any(p.line == wanted and p.field and "qoute" in p.field for p in problems), problems
