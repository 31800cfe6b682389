"""benchmarks/generate.py makes a corpus that loads: the scale benchmarks measure a real one."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import invoke

GENERATE = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"


def test_a_generated_corpus_loads_with_its_entities(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = module.generate(40, tmp_path / "corpus", per_file=20)
    result = invoke(CliRunner(), "list", "--json", "--facts-dir", str(root))
    assert result.exit_code == 0, result.stderr
    facts = json.loads(result.stdout)
    assert len(facts) == 40
    assert all(fact["entities"] for fact in facts)  # each names at least its invented company
