"""Entities: fact fields hold ids, the loaded fact holds names; found by any name in any language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.domain.entities import EntityIndex, entity_ids_written, resolve_fact_entities, unknown_references
from vncoop.errors import NotFoundError, UsageError

from conftest import VALID, invoke

ENTITIES = {
    "jetro": {
        "id": "jetro",
        "type": "organization",
        "name": "Japan External Trade Organization",
        "acronyms": ["JETRO"],
        "names": {"vi": "Tổ chức Xúc tiến Thương mại Nhật Bản"},
        "country": "JP",
    },
    "mic-japan": {"id": "mic-japan", "type": "organization", "name": "Internal Affairs", "acronyms": ["MIC"]},
    "mic-vietnam": {"id": "mic-vietnam", "type": "organization", "name": "Information", "acronyms": ["MIC"]},
    "pham-quang-hieu": {
        "id": "pham-quang-hieu", "type": "person", "name": "Phạm Quang Hiệu", "aliases": ["Phạm Quang Hiếu"]
    },
    "hieu-other": {"id": "hieu-other", "type": "person", "name": "Phạm Quang Hiểu"},
    "both-governments": {"id": "both-governments", "type": "group", "name": "Both", "members": ["mic-japan"]},
}  # fmt: skip

ENTITY_FILE = """entities:
  - id: jetro
    type: organization
    name: Japan External Trade Organization
    acronyms: [JETRO]
    names: {vi: Tổ chức Xúc tiến Thương mại Nhật Bản, fr: Organisation japonaise du commerce extérieur}
    country: JP
  - id: mic-japan
    type: organization
    name: Ministry of Internal Affairs and Communications of Japan
    acronyms: [MIC]
    country: JP
  - id: mic-vietnam
    type: organization
    name: Ministry of Information and Communications of Vietnam
    acronyms: [MIC]
    country: VN
"""


def test_ids_become_labels_and_every_entity_is_listed() -> None:
    fact = {"id": "f", "organizers": ["jetro"], "committed_by": "both-governments", "keywords": {}, "evidence": []}
    resolved = resolve_fact_entities(fact, ENTITIES)
    assert resolved["organizers"] == ["Japan External Trade Organization (JETRO)"]
    assert resolved["committed_by"] == "Both"
    assert list(resolved)[-3:] == ["entities", "keywords", "evidence"]
    named = {e["id"]: e for e in resolved["entities"]}
    assert (
        named["jetro"]["fields"] == ["organizers"] and "Tổ chức Xúc tiến Thương mại Nhật Bản" in named["jetro"]["names"]
    )
    assert named["mic-japan"]["via"] == "both-governments"  # a group's member is named through it
    assert entity_ids_written(resolved) == {k: v for k, v in fact.items()}  # YAML output is corpus input


def test_a_name_where_an_id_goes_is_reported_with_the_id() -> None:
    found = unknown_references({"organizers": ["JETRO", "jetr"], "investor": None}, ENTITIES)
    assert found[0][:2] == ("organizers.0", "JETRO") and "'jetro'" in found[0][2]
    assert found[1][0] == "organizers.1" and "did you mean 'jetro'" in found[1][2]


@pytest.mark.parametrize(
    "typed", ["jetro", "JETRO", "japan external trade organization", "to chuc xuc tien thuong mai nhat ban"]
)
def test_found_by_any_name(typed: str) -> None:
    assert EntityIndex(ENTITIES).resolve(typed)["id"] == "jetro"


def test_marks_decide_between_people_whose_names_fold_alike() -> None:
    index = EntityIndex(ENTITIES)
    assert index.resolve("Phạm Quang Hiếu")["id"] == "pham-quang-hieu"  # an alias, as marked
    assert index.resolve("Phạm Quang Hiểu")["id"] == "hieu-other"
    with pytest.raises(UsageError):
        index.resolve("pham quang hieu")  # unmarked: either of them


def test_a_shared_acronym_asks_for_the_id_and_an_unknown_name_suggests() -> None:
    with pytest.raises(UsageError) as ambiguous:
        EntityIndex(ENTITIES).resolve("MIC")
    assert "'mic-japan'" in str(ambiguous.value) and "'mic-vietnam'" in str(ambiguous.value)
    with pytest.raises(NotFoundError) as unknown:
        EntityIndex(ENTITIES).resolve("JETR0")
    assert "did you mean" in str(unknown.value)


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    (root / "entities.yaml").write_text(ENTITY_FILE, encoding="utf-8")
    facts = root / "facts.yaml"
    facts.write_text(
        facts.read_text("utf-8").replace(
            "    location: Tokyo\n", "    location: Tokyo\n    organizers: [jetro]\n    participants: [mic-japan]\n"
        ),
        "utf-8",
    )
    return root


@pytest.mark.parametrize("cache", ["1", ""])
def test_org_command_filter_and_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: str) -> None:
    monkeypatch.setenv("VNCOOP_NO_CACHE", cache)
    root = str(_corpus(tmp_path))
    runner = CliRunner()
    found = invoke(runner, "org", "Organisation japonaise du commerce extérieur", "--json", "--facts-dir", root)
    assert found.exit_code == 0 and [f["id"] for f in json.loads(found.stdout)] == ["sample-seminar"]
    profile = json.loads(invoke(runner, "org", "jetro", "--profile", "--json", "--facts-dir", root).stdout)
    assert profile["entity"]["id"] == "jetro" and profile["facts"] == 1
    listed = invoke(runner, "list", "--org", "mic-japan", "--json", "--facts-dir", root)
    assert [f["id"] for f in json.loads(listed.stdout)] == ["sample-seminar"]
    searched = invoke(runner, "search", "xuc tien thuong mai", "--json", "--facts-dir", root)
    assert [f["id"] for f in json.loads(searched.stdout)][:1] == ["sample-seminar"]
    ambiguous = invoke(runner, "timeline", "--org", "MIC", "--facts-dir", root)
    assert ambiguous.exit_code == 2 and "mic-vietnam" in ambiguous.stderr and "Traceback" not in ambiguous.stderr
    unknown = invoke(runner, "org", "JETR0", "--facts-dir", root)
    assert unknown.exit_code == 1 and "did you mean" in unknown.stderr


def test_validate_reports_every_unknown_entity_with_its_line(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    facts = root / "facts.yaml"
    facts.write_text(
        facts.read_text("utf-8").replace("organizers: [jetro]", "organizers: [JETRO, Trade and Industry (METI)]"),
        "utf-8",
    )
    result = invoke(CliRunner(), "validate", str(root))
    assert result.exit_code == 1
    assert (
        "facts.yaml:11: sample-seminar: organizers.0: unknown entity 'JETRO': that names entity 'jetro'"
        in result.stderr
    )
    assert "organizers.1: unknown entity 'Trade and Industry (METI)'" in result.stderr


def test_an_edited_entity_file_renames_facts_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VNCOOP_NO_CACHE", raising=False)
    root = _corpus(tmp_path)
    runner = CliRunner()
    first = json.loads(invoke(runner, "show", "sample-seminar", "--json", "--facts-dir", str(root)).stdout)
    assert first["organizers"] == ["Japan External Trade Organization (JETRO)"]
    entities = root / "entities.yaml"
    entities.write_text(
        entities.read_text("utf-8").replace("Japan External Trade Organization", "JETRO Japan"), "utf-8"
    )
    second = json.loads(invoke(runner, "show", "sample-seminar", "--json", "--facts-dir", str(root)).stdout)
    assert second["organizers"] == ["JETRO Japan"]


def test_org_names_complete_from_the_corpus_in_use(tmp_path: Path) -> None:
    from vncoop.cli.options import complete_org

    class Context:
        params = {"facts_dir": _corpus(tmp_path)}

    offered = complete_org(Context(), "Japan Ex")  # type: ignore[arg-type]
    assert ("Japan External Trade Organization", "Japan External Trade Organization (JETRO)") in offered
    assert complete_org(Context(), "zzz") == []  # type: ignore[arg-type]


def test_the_profile_lists_only_spellings_not_shown_already() -> None:
    from vncoop.domain.entities import entity_profile

    entity = dict(ENTITIES["jetro"], aliases=["Japan External Trade Organization (JETRO)", "Jetro"])
    rows = dict(entity_profile(entity, [], ENTITIES))
    assert rows["Also written"] == "Jetro"
