"""YAML output that is valid corpus input: ``show --format yaml`` can be pasted into a fact file."""

from __future__ import annotations

from typing import Any

import yaml

from vncoop.domain.entities import entity_ids_written
from vncoop.domain.quantities import COMPUTED_FIELDS
from vncoop.domain.vocab import EVIDENCE_COMPUTED_KEYS, TRANSLATED_KEYS
from vncoop.output.escape import YAML_UNSAFE, escape_yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


class _CorpusDumper(_Dumper):
    """Quotes every string that vncoop's reader would not read back as the same string."""


def _represent_str(dumper: _CorpusDumper, value: str) -> yaml.Node:
    from vncoop.corpus.yaml_reader import _plain_scalar

    if YAML_UNSAFE.search(value):
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
    return escape_yaml(text)


def dump_facts(records: list[dict[str, Any]]) -> str:
    """A complete fact file (``facts:`` and the list), keys in the public order. Computed fields
    are left out: a fact file holds what the source says, and the reader refuses unknown keys."""
    return _dump({"facts": [_as_written(record) for record in records]})


def _as_written(record: dict[str, Any]) -> dict[str, Any]:
    written = {key: value for key, value in entity_ids_written(record).items() if key not in COMPUTED_FIELDS}
    for key, plural in TRANSLATED_KEYS.items():  # a fact file holds every language under the singular key
        if isinstance(written.get(plural), dict) and key in written:
            written[key] = written.pop(plural)
    if isinstance(written.get("evidence"), list):
        written["evidence"] = [
            {key: value for key, value in item.items() if key not in EVIDENCE_COMPUTED_KEYS}
            for item in written["evidence"]
        ]
    return written


def dump_sources(records: list[dict[str, Any]]) -> str:
    """A complete ``sources.yaml`` (``sources:`` and the list), keys in the schema's order."""
    return _dump({"sources": records})


def dump_value(data: dict[str, Any]) -> str:
    """Any mapping as YAML, with the same quoting and escaping (``stats --format yaml``)."""
    return _dump(data)
