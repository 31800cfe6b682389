"""The partner registry's kept copy (``index/registry_store.py``): the same registry as CLDR's,
read back without babel, and made again whenever what it was made from changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vncoop.domain import partners
from vncoop.index import registry_store

from conftest import console_script


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "vncoop" / registry_store.FILE_NAME


def test_the_kept_copy_is_cldrs_registry(kept: Path) -> None:
    assert registry_store.kept_registry() == partners.cldr_registry()
    assert kept.exists()


def test_a_kept_copy_is_read_without_cldr(monkeypatch: pytest.MonkeyPatch, kept: Path) -> None:
    expected = registry_store.kept_registry()

    def refused() -> tuple[partners.Partner, ...]:
        raise AssertionError("CLDR read again")

    monkeypatch.setattr(registry_store, "cldr_registry", refused)
    assert registry_store.kept_registry() == expected


def test_what_it_was_made_from_changing_makes_it_again(monkeypatch: pytest.MonkeyPatch, kept: Path) -> None:
    registry_store.kept_registry()
    calls = []
    made = partners.cldr_registry()
    monkeypatch.setattr(registry_store, "cldr_registry", lambda: calls.append(1) or made)
    stamps = registry_store._stamps()
    monkeypatch.setattr(registry_store, "_stamps", lambda: (*stamps[:-1], ("another babel",)))
    assert registry_store.kept_registry() == made and calls == [1]


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", b"\xe3"])
def test_a_damaged_copy_is_made_again(kept: Path, damage: bytes) -> None:
    registry_store.kept_registry()
    kept.write_bytes(damage)
    assert registry_store.kept_registry() == partners.cldr_registry()


def test_an_unwritable_cache_still_gives_the_registry(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    assert registry_store.kept_registry() == partners.cldr_registry()


def test_no_cache_reads_cldr(monkeypatch: pytest.MonkeyPatch, kept: Path) -> None:
    monkeypatch.setenv("VNCOOP_NO_CACHE", "1")
    assert registry_store.kept_registry() == partners.cldr_registry()
    assert not kept.exists()


def test_naming_a_partner_imports_no_babel_once_kept(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    script = console_script()
    first = subprocess.run([script, "partner", "japan", "--json"], capture_output=True, env=env, check=True)
    command = [sys.executable, "-X", "importtime", "-m", "vncoop", "partner", "japan", "--json"]
    traced = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    imported = {line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines() if "|" in line}
    assert "vncoop.index.registry_store" in imported and "babel" not in imported
    assert traced.stdout.encode() == first.stdout
