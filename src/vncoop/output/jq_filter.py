"""``--jq EXPR``: a jq expression applied to a command's JSON output, through libjq's bindings.

Imported only when ``--jq`` is given. Each result prints on its own line: a string raw, any
other value as compact JSON (as ``gh --jq`` and ``jq -r`` print them).
"""

from __future__ import annotations

from typing import Any

from vncoop.errors import UsageError
from vncoop.output.escape import neutralise
from vncoop.output.view import dumps_json
from vncoop.text.i18n import tr


def apply_jq(expression: str, value: Any) -> list[str]:
    """The lines ``expression`` makes of ``value``; a bad expression is a usage error (exit 2)."""
    try:
        import jq
    except ImportError:  # pragma: no cover - jq is a dependency; a broken install says so
        raise UsageError(tr("--jq needs the 'jq' package (pip install jq)")) from None
    try:
        program = jq.compile(expression)
    except ValueError as exc:
        raise UsageError(f"--jq: {_first_line(exc)}") from None
    try:
        results = program.input_value(value).all()
    except ValueError as exc:
        raise UsageError(f"--jq: {_first_line(exc)}") from None
    return [neutralise(result) if isinstance(result, str) else dumps_json(result, indent=None) for result in results]


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else "invalid expression"
