"""YAML output that is valid corpus input: ``show --format yaml`` can be pasted into a fact file."""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

# Characters the emitter writes raw although they are unsafe on a terminal: bidi controls and
# line separators. Strings holding them are double-quoted and the characters escaped.
_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029\x85]")


class _CorpusDumper(_Dumper):
    """Quotes every string that vncoop's reader would not read back as the same string."""


def _represent_str(dumper: _CorpusDumper, value: str) -> yaml.Node:
    from .yamlsafe import _plain_scalar

    if _UNSAFE.search(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    if _plain_scalar(value) != value or value != value.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_CorpusDumper.add_representer(str, _represent_str)


def _dump(data: dict[str, Any]) -> str:
    text = yaml.dump(
        data,
        Dumper=_CorpusDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    # Only double-quoted scalars can hold these characters now, and there \uXXXX is an escape.
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def dump_facts(records: list[dict[str, Any]]) -> str:
    """A complete fact file (``facts:`` and the list), keys in the public order."""
    return _dump({"facts": records})


def dump_sources(records: list[dict[str, Any]]) -> str:
    """A complete ``sources.yaml`` (``sources:`` and the list), keys in the schema's order."""
    return _dump({"sources": records})
