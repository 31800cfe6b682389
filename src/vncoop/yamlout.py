"""YAML output that is valid corpus input: ``show --format yaml`` can be pasted into a fact file."""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


def dump_facts(records: list[dict[str, Any]]) -> str:
    """A complete fact file (``facts:`` and the list), keys in the public order."""
    return yaml.dump(
        {"facts": records},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
