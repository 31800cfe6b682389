"""One place for what is unsafe to show: control and bidi characters in corpus or user text.

Corpus text is data, never terminal markup or control sequences: every text format passes it
through :func:`neutralise`, JSON through :func:`escape_json`, and the YAML writer quotes and
escapes any string that holds a character of :data:`YAML_UNSAFE`.
"""

from __future__ import annotations

import re

from vncoop.text.lazy_re import LazyPattern

_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# C0/C1 controls (but tab/newline), DEL, and bidi overrides/isolates: never sent raw to a terminal.
_UNSAFE = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "\ud800-\udfff]")  # and lone surrogates
# The same, for JSON: json.dumps escapes C0 itself; escape the rest so output is inert.
_JSON_UNSAFE = LazyPattern("[\x7f-\x9f" + _BIDI + "\u2028\u2029]")


def neutralise(text: str) -> str:
    """Make corpus text inert on a terminal: control and bidi characters become visible escapes."""
    return _UNSAFE.compiled.sub(_escaped, text)


# What the YAML emitter writes raw although it is unsafe on a terminal: bidi controls and line
# separators.
YAML_UNSAFE = LazyPattern("[" + _BIDI + "\u2028\u2029\x85]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """A CSV or TSV cell a spreadsheet will not run: text starting like a formula (``=``, ``+``,
    ``-``, ``@``, tab, CR) gets a leading ``'``, the OWASP way. Numbers are not text: left alone."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def one_line(text: str) -> str:
    """:func:`neutralise`, and newlines and tabs escaped too: a message stays one line, so a
    name with a newline can neither split an error nor forge a line after it."""
    return neutralise(text).replace("\n", "\\n").replace("\t", "\\t")


def escape_json(text: str) -> str:
    """JSON text made inert: json.dumps escapes C0 itself; this escapes the rest."""
    return _JSON_UNSAFE.compiled.sub(_escaped, text)


def escape_yaml(text: str) -> str:
    """Emitted YAML made inert: only double-quoted scalars hold these characters, where ``\\uXXXX`` is an escape."""
    return YAML_UNSAFE.compiled.sub(_escaped, text)
