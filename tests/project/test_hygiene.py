"""Lint and type checks run with the suite, so CI enforces them like any other test."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def test_ruff_clean() -> None:
    pytest.importorskip("ruff")
    command = [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    pytest.importorskip("mypy")
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _locked_pins() -> list[tuple[str, str]]:
    """``(name, version)`` pins of requirements-test.txt (names normalised as packaging does); a
    name may be pinned twice, under different environment markers (one per Python version)."""
    from packaging.utils import canonicalize_name

    pins = []
    for line in (ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            requirement = line.split(";")[0].split("\\")[0].strip()
            name, _, version = requirement.partition("==")
            pins.append((canonicalize_name(name), version))
    return pins


def test_the_test_lock_pins_every_dependency_within_its_range() -> None:
    """requirements-test.txt must be refreshed whenever pyproject.toml's dependencies change."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import Version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins: dict[str, list[str]] = {}
    for name, version in _locked_pins():
        pins.setdefault(name, []).append(version)
    wanted = [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["test"]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in requirements-test.txt: refresh the lock (README)"
        for version in pins[name]:
            assert Version(version) in requirement.specifier, (
                f"requirements-test.txt pins {name}=={version}, outside {requirement}: refresh the lock (README)"
            )


def test_every_locked_pin_has_hashes() -> None:
    text = (ROOT / "requirements-test.txt").read_text(encoding="utf-8")
    blocks = [block for block in text.split("\n") if block and not block[0].isspace() and not block.startswith("#")]
    assert len(blocks) == len(_locked_pins()) and blocks
    for block in blocks:
        assert block.rstrip().endswith("\\"), f"{block}: no --hash lines follow"


def test_ci_runs_the_readmes_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    test_command = block.strip().splitlines()[1]
    assert "requirements-test.txt" in test_command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines
