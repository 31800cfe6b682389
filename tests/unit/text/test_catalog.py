"""The French and Vietnamese catalog: every message the code translates has its entry in both
languages, with the same placeholders, and no entry is left over from a message since changed."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from vncoop.output.view import KNOWN_FIELDS
from vncoop.text import i18n
from vncoop.text.catalog import LABELS, MESSAGES

SRC = Path(__file__).resolve().parents[3] / "src" / "vncoop"


def _literals(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):  # tr("one problem" if count == 1 else "{count} problems")
        yield from _literals(node.body)
        yield from _literals(node.orelse)


def translated_messages(root: Path = SRC) -> set[str]:
    """Every literal message passed to ``tr(...)`` or marked ``N_(...)`` in the package."""
    found: set[str] = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            marked = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("tr", "N_")
            if marked and node.args:
                found.update(_literals(node.args[0]))
    return found


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_extractor_finds_the_messages_it_should() -> None:
    """The check below is only as good as the extraction: it must see these."""
    found = translated_messages()
    assert "unknown partner {name}{hint}" in found
    assert "{count} problem in {path}" in found and "{count} problems in {path}" in found


def test_every_translated_message_has_a_french_and_a_vietnamese_entry() -> None:
    assert sorted(translated_messages() - set(MESSAGES)) == []


def test_no_catalog_entry_is_left_over() -> None:
    assert sorted(set(MESSAGES) - translated_messages()) == []


@pytest.mark.parametrize("english", sorted(MESSAGES))
def test_each_translation_keeps_the_placeholders(english: str) -> None:
    french, vietnamese = MESSAGES[english]
    assert _placeholders(french) == _placeholders(english) == _placeholders(vietnamese)
    assert vietnamese != english, "a copied entry, not a translation (French may share a word: Type, Sources)"


def test_every_field_has_a_label_in_both_languages() -> None:
    assert sorted(set(KNOWN_FIELDS) - set(LABELS)) == []
    assert all(all(words) for words in LABELS.values())


def test_a_message_without_an_entry_stays_english_and_is_filled_in() -> None:
    i18n.use("fr")
    try:
        assert i18n.tr("not in the catalog {x}", x=1) == "not in the catalog 1"
        assert i18n.tr("unknown partner {name}{hint}", name="'x'", hint="") != "unknown partner 'x'"
    finally:
        i18n.use("en")
