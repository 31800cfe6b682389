"""A strict, bounded YAML reader for hand-edited corpus files.

Built on the parser's event stream (libyaml's C parser where present) rather than a constructor,
so that it can:
- record the line of every mapping key and list item, for ``file:line`` error messages;
- refuse anchors/aliases (no "billion laughs"), object-constructing tags and deep nesting
  before any of them costs memory or runs code;
- resolve scalars the YAML 1.2 core way: ``2024-09-22`` stays a string, ``no`` is not False.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

try:  # the C parser is ~10x faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 32
Path = tuple[Any, ...]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", _STD + "str", _STD + "map", _STD + "seq"}
_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_RE = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class YamlProblem(Exception):
    """A file that is not acceptable YAML; ``line`` and ``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


_SPECIAL_START = frozenset("0123456789+-.~nNtTfF")


def _plain_scalar(value: str) -> Any:
    if value and value[0] not in _SPECIAL_START:  # most words: not a null, bool or number
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT_RE.match(value):
        return int(value)
    if _FLOAT_RE.match(value) and any(ch.isdigit() for ch in value):
        return float(value)
    return value


def _where(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def load(text: str | bytes, line_depth: int | None = None) -> tuple[Any, dict[Path, int]]:
    """Parse one YAML document into plain data and a map from data path to source line.

    ``line_depth`` records lines only for paths of at most that many parts (2: each item of a
    top-level list), which a valid file needs; everything else is checked just the same.
    """
    lines: dict[Path, int] = {}
    deepest = MAX_DEPTH + 1 if line_depth is None else line_depth
    # Each frame: [container, path (None below line_depth), pending key (a 1-tuple, or None),
    # key line, is a list]
    stack: list[list[Any]] = []
    root: Any = None
    have_root = False
    documents = 0
    event: Any  # the stubs type events as the base class; each branch knows which it has
    parser = _Loader(text)
    # The parser's own get_event, not yaml.parse(): that generator costs two Python calls per
    # event, a third of the time of reading a large file.
    next_event = parser.get_event
    try:
        while True:
            event = next_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag not in _ALLOWED_TAGS:
                    _refuse(event)
                if event.implicit[0] and not event.style and event.tag is None:
                    try:
                        value: Any = _plain_scalar(event.value)
                    except ValueError:  # an integer past Python's digit limit (4,300 by default)
                        line, column = _where(event)
                        problem = f"a number of {len(event.value)} characters is too long"
                        raise YamlProblem(problem, line, column) from None
                else:
                    value = event.value
                opens = False
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag not in _ALLOWED_TAGS:
                    _refuse(event)
                if len(stack) >= MAX_DEPTH:
                    line, column = _where(event)
                    raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", line, column)
                value = {} if kind is MappingStartEvent else []
                opens = True
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                continue
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, column = _where(event)
                    raise YamlProblem("more than one YAML document in the file", line, column)
                continue
            elif kind is AliasEvent:
                line, column = _where(event)
                raise YamlProblem("YAML aliases (*name) are not allowed in corpus files", line, column)
            elif event is None or kind is StreamEndEvent:
                break
            else:
                continue
            if not stack:
                root, have_root = value, True
                lines[()] = event.start_mark.line + 1
                if opens:
                    stack.append([value, (), None, 0, kind is SequenceStartEvent])
                continue
            frame = stack[-1]
            container, path = frame[0], frame[1]
            if frame[4]:  # a list item
                item_path = None
                if path is not None and len(path) < deepest:
                    item_path = path + (len(container),)
                    lines[item_path] = event.start_mark.line + 1
                container.append(value)
            elif frame[2] is None:  # this value is a key
                if opens or not (value is None or isinstance(value, (str, int, float, bool))):
                    line, column = _where(event)
                    raise YamlProblem("a mapping key must be a plain value", line, column)
                if value in container:
                    line, column = _where(event)
                    raise YamlProblem(f"duplicate key {value!r}", line, column)
                frame[2], frame[3] = (value,), event.start_mark.line + 1
                continue
            else:
                key = frame[2][0]
                frame[2] = None
                container[key] = value
                item_path = None
                if path is not None and len(path) < deepest:
                    item_path = path + (key,)
                    lines[item_path] = frame[3]
            if opens:
                stack.append([value, item_path, None, 0, kind is SequenceStartEvent])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if mark is None:
            raise YamlProblem(f"invalid YAML: {problem}") from None
        # The parser reads ahead of the events it hands over: libyaml may stop at a nesting limit
        # of its own before this reader sees the level that breaks MAX_DEPTH. Say it our way.
        deep = _too_deep_before(text, mark.line, mark.column, len(stack))
        if deep is not None:
            raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", *deep) from None
        raise YamlProblem(f"invalid YAML: {problem}", mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {str(exc).splitlines()[0] if str(exc) else 'unreadable'}") from None
    finally:
        parser.dispose()
    return (root if have_root else None), lines


def _refuse(event: Any) -> None:
    line, column = _where(event)
    if event.anchor is not None:
        raise YamlProblem("YAML anchors (&name) are not allowed in corpus files", line, column)
    raise YamlProblem(f"YAML tag {event.tag!r} is not allowed (plain data only)", line, column)


# Characters that matter to flow nesting: brackets, quotes, comments, line ends.
_FLOW_SIGNIFICANT = re.compile(r"[\[\]{}'\"#\n]")
_NODE_START_IN_FLOW = frozenset("[{,:?")
_NODE_START_IN_BLOCK = frozenset("-:?")


def _too_deep_before(text: str | bytes, line: int, column: int, open_levels: int) -> tuple[int, int] | None:
    """Where flow collections first nest past MAX_DEPTH before (0-based) ``line``:``column``.

    Only called once the parser has failed, so it may be approximate where YAML is subtle; it
    follows quoted scalars and comments, and counts ``[`` and ``{`` where a node can start.
    ``open_levels`` are the collections already open around the point the parser had reached.
    Returns a 1-based (line, column), or None when nesting is not what went wrong.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    lines = text.split("\n")
    end = min(len(text), sum(len(part) + 1 for part in lines[:line]) + column + 1)
    depth = open_levels
    position = 0
    while True:
        match = _FLOW_SIGNIFICANT.search(text, position, end)
        if match is None:
            return None
        index = match.start()
        char = match.group()
        position = index + 1
        if char == "\n":
            continue
        line_start = text.rfind("\n", 0, index) + 1
        before = text[line_start:index].rstrip(" \t")
        in_flow = depth > open_levels
        if char == "#":
            if index == line_start or text[index - 1] in " \t":
                newline = text.find("\n", index, end)
                position = end if newline < 0 else newline
            continue
        at_node_start = (
            not before
            or (in_flow and before[-1] in _NODE_START_IN_FLOW)
            or (before[-1] in _NODE_START_IN_BLOCK and index > len(before) + line_start)
        )
        if char in "'\"":
            if at_node_start:
                position = _end_of_quoted(text, index, end)
        elif char in "[{":
            if in_flow or at_node_start:
                depth += 1
                if depth > MAX_DEPTH:
                    return text.count("\n", 0, index) + 1, index - line_start + 1
        elif in_flow:
            depth -= 1


def _end_of_quoted(text: str, start: int, end: int) -> int:
    """The index just past the quoted scalar opening at ``start`` (``''`` and ``\\"`` escapes)."""
    quote = text[start]
    index = start + 1
    while index < end:
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text.startswith("''", index):
                index += 2
                continue
            return index + 1
        index += 1
    return end
