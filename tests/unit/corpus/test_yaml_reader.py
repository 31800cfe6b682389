"""The strict YAML reader: lines for errors, no aliases, no tags, bounded nesting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vncoop.corpus.yaml_reader import YamlProblem, load

from conftest import VALID


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

    from vncoop.corpus.validate import validate_fact_file

    valid = VALID / "facts.yaml"
    text = valid.read_text(encoding="utf-8")
    broken = tmp_path / "facts.yaml"
    broken.write_text(text.replace("quote:", "qoute:", 1), encoding="utf-8")
    _facts, problems = validate_fact_file(broken, tmp_path)
    wanted = text[: text.index("quote:")].count("\n") + 1
    assert any(p.line == wanted and p.field and "qoute" in p.field for p in problems), problems


# -- nesting: vncoop's own words, whichever parser notices first ------------------------------
DEEP_FLOW = "facts:\n  - id: deep\n    participants: " + "[" * 2_000 + "]" * 2_000 + "\n"


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_deep_flow_nesting_is_reported_in_vncoops_words(monkeypatch: pytest.MonkeyPatch, loader: str) -> None:
    """libyaml (6.0.4 and later) stops at a limit of its own; the pure-Python parser does not."""
    import yaml

    from vncoop.corpus import yaml_reader

    if not hasattr(yaml, loader):
        pytest.skip(f"{loader} is not available here")
    monkeypatch.setattr(yaml_reader, "_Loader", getattr(yaml, loader))
    text = "facts:\n  - id: deep\n    participants: " + "[" * 200 + "]" * 200 + "\n"
    with pytest.raises(YamlProblem) as info:
        load(text)
    assert info.value.message == f"nesting deeper than {yaml_reader.MAX_DEPTH} levels"
    assert info.value.line == 3


class _ParserThatGivesUpEarly:
    """Stands in for a libyaml that reads ahead and stops at a nesting limit of its own."""

    def __init__(self, text: str | bytes) -> None:
        import yaml

        self._events = iter(
            [
                yaml.StreamStartEvent(),
                yaml.DocumentStartEvent(),
                yaml.MappingStartEvent(anchor=None, tag=None, implicit=True),
                yaml.ScalarEvent(anchor=None, tag=None, implicit=(True, False), value="facts"),
                yaml.SequenceStartEvent(anchor=None, tag=None, implicit=True),
                yaml.MappingStartEvent(anchor=None, tag=None, implicit=True),
            ]
        )
        mark = yaml.error.Mark("<input>", 0, 2, 1_040, None, None)
        self._failure = yaml.scanner.ScannerError("while scanning", mark, "a limit of the parser's own", mark)

    def get_event(self) -> object:
        event = next(self._events, None)
        if event is None:
            raise self._failure
        event.start_mark = event.end_mark = __import__("yaml").error.Mark("<input>", 0, 0, 0, None, None)
        return event

    def dispose(self) -> None:
        pass


def test_a_parser_limit_hit_first_still_gets_vncoops_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from vncoop.corpus import yaml_reader

    monkeypatch.setattr(yaml_reader, "_Loader", _ParserThatGivesUpEarly)
    with pytest.raises(YamlProblem) as info:
        load(DEEP_FLOW)
    assert info.value.message == f"nesting deeper than {yaml_reader.MAX_DEPTH} levels"
    assert info.value.line == 3
    # three levels were open (the file's mapping, the list, the fact): the 30th bracket is the 33rd level
    assert info.value.column == len("    participants: ") + 30


def test_a_parser_error_that_is_not_nesting_keeps_its_own_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from vncoop.corpus import yaml_reader

    monkeypatch.setattr(yaml_reader, "_Loader", _ParserThatGivesUpEarly)
    shallow = "facts:\n  - id: x\n    title: '" + "[" * 40 + "' # " + "[" * 40 + "\n"
    with pytest.raises(YamlProblem) as info:
        load(shallow + "x" * 2_000)
    assert info.value.message.startswith("invalid YAML: ")
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("text", "deep"),
    [
        ("a: " + "[" * 40, True),
        ("a: " + "{b: " * 40, True),
        ("- " + "[" * 40, True),
        ("a: '" + "[" * 40 + "'", False),  # inside a quoted scalar
        ('a: "\\"' + "[" * 40 + '"', False),  # an escaped quote does not end it
        ("a: 'it''s " + "[" * 40 + "'", False),  # nor does a doubled single quote
        ("a: b # " + "[" * 40, False),  # a comment
        ("a: see " + "[" * 40, False),  # inside a plain scalar in block context
        ("a: [" + "[], " * 40 + "]", False),  # many lists, none deep
        ("a: [it's, " + "[" * 40, True),  # an apostrophe inside a plain scalar is no quote
    ],
)
def test_flow_depth_scan(text: str, deep: bool) -> None:
    from vncoop.corpus import yaml_reader

    found = yaml_reader._too_deep_before(text, 0, len(text), open_levels=1)
    assert (found is not None) == deep, found


@given(text=st.text(alphabet="[]{}'\"#\\ :-,?a\n", max_size=200), line=st.integers(0, 20), column=st.integers(0, 300))
def test_flow_depth_scan_takes_any_text_and_any_mark(text: str, line: int, column: int) -> None:
    """The scan runs on whatever a failed parse leaves: any text, a mark anywhere (even past the end)."""
    from vncoop.corpus import yaml_reader

    found = yaml_reader._too_deep_before(text, line, column, open_levels=0)
    assert found is None or (found[0] >= 1 and found[1] >= 1)
