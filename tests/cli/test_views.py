"""The overview and output commands: schema, export, stats, timeline, sources, shell completion."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vncoop.cli.options import complete_fact_id, complete_partner
from vncoop.domain.dates import date_key
from vncoop.output.reports import bar

from conftest import REPO_FACTS, VALID, invoke

VALID_IDS = {"sample-seminar", "sample-engineers", "sample-capital", "sample-growth", "sample-chip-plant"}
KINDS = {
    "investment",
    "training_target",
    "event",
    "agreement",
    "commitment",
    "policy",
    "target",
    "statistic",
    "milestone",
    "statement",
}


def ok_json(result):  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for exported files (tmp_path itself also holds the test's cache)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def export(runner: CliRunner, path: Path, *extra: str):  # type: ignore[no-untyped-def]
    return invoke(runner, "export", str(path), "--facts-dir", str(VALID), *extra)


# -- schema ---------------------------------------------------------------------------------
def test_schema_is_json_with_facts_and_every_kind(runner: CliRunner) -> None:
    schema = ok_json(invoke(runner, "schema"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["required"] == ["facts"]
    items = schema["properties"]["facts"]["items"]
    assert items["discriminator"]["propertyName"] == "kind"
    assert set(items["discriminator"]["mapping"]) == KINDS
    for ref in items["discriminator"]["mapping"].values():
        definition = schema["$defs"][ref.rsplit("/", 1)[1]]
        assert definition["additionalProperties"] is False
        assert {"id", "kind", "title", "evidence"} <= set(definition["properties"])


def test_schema_accepts_valid_facts_and_rejects_bad_ones(runner: CliRunner) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    schema = ok_json(invoke(runner, "schema"))
    document = yaml.safe_load((VALID / "facts.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    wrong_kind = {"facts": [{**document["facts"][0], "kind": "rumour"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong_kind, schema)
    unknown_key = {"facts": [{**document["facts"][0], "colour": "red"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(unknown_key, schema)


# -- export ---------------------------------------------------------------------------------
def test_export_sqlite_full_text_and_tables(runner: CliRunner, out: Path) -> None:
    target = out / "vncoop.db"
    result = export(runner, target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote 5 facts to {target}" in result.stderr
    with sqlite3.connect(target) as db:
        hits = [row[0] for row in db.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'engineers'")]
        assert hits == ["sample-engineers"]
        # quotes and keywords are indexed too, and diacritics are folded
        assert [r[0] for r in db.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'quotes:investisseur'")] == [
            "sample-capital"
        ]
        assert [r[0] for r in db.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'ky su'")] == [
            "sample-engineers"
        ]
        counts = {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("facts", "evidence", "sources", "fact_partners", "facts_fts")
        }
        assert counts == {"facts": 5, "evidence": 5, "sources": 2, "fact_partners": 5, "facts_fts": 5}
        row = db.execute(
            "SELECT kind, date, date_derived, partners, details, keywords_vi FROM facts WHERE id = 'sample-seminar'"
        ).fetchone()
        assert row[:3] == ("event", "2024-07-09", 1)
        assert json.loads(row[3]) == ["JP"]
        assert json.loads(row[4])["attendance"] == 300
        assert json.loads(row[5]) == ["hội thảo"]
        assert "titles" not in json.loads(row[4])  # each language has its column
        languages = db.execute("SELECT title, title_fr, summary_vi FROM facts WHERE id = 'sample-seminar'").fetchone()
        assert languages[0].startswith("Seminar") and languages[1].startswith("Séminaire")
        assert languages[2].startswith("Một hội thảo")
        assert [r[0] for r in db.execute("SELECT id FROM facts_fts WHERE facts_fts MATCH 'invites'")] == [
            "sample-seminar"
        ]
        partners = db.execute(
            "SELECT partner_code, partner_name FROM fact_partners WHERE fact_id = 'sample-chip-plant'"
        )
        assert sorted(partners) == [("JP", "Japan"), ("US", "United States")]
        # the FTS rowid is the fact's rowid, so joins (and Datasette's facts?_search=) work
        joined = db.execute(
            "SELECT facts.id FROM facts JOIN facts_fts ON facts.rowid = facts_fts.rowid WHERE facts_fts MATCH 'plant'"
        )
        assert [r[0] for r in joined] == ["sample-chip-plant"]
    metadata = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert {"title", "description", "license", "source", "databases"} <= set(metadata)
    assert set(metadata["databases"]["vncoop"]["tables"]) == {
        "facts",
        "evidence",
        "sources",
        "fact_partners",
        "facts_fts",
    }
    assert sorted(p.name for p in out.iterdir()) == ["metadata.json", "vncoop.db"]  # no temp files left


def test_export_sqlite_suffix_and_embedded_corpus(runner: CliRunner, out: Path) -> None:
    target = out / "corpus.SQLITE"
    result = invoke(runner, "export", str(target))
    assert result.exit_code == 0, result.output
    listed = ok_json(invoke(runner, "list", "--json"))
    with sqlite3.connect(target) as db:
        assert [r[0] for r in db.execute("SELECT id FROM facts ORDER BY rowid")] == [f["id"] for f in listed]
        assert db.execute("SELECT count(*) FROM facts_fts WHERE facts_fts MATCH 'semiconductor'").fetchone()[0] > 0


def test_export_json_equals_list_json(runner: CliRunner, out: Path) -> None:
    target = out / "facts.json"
    assert export(runner, target).exit_code == 0
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported == ok_json(invoke(runner, "list", "--json", "--facts-dir", str(VALID)))
    assert {f["id"] for f in exported} == VALID_IDS
    assert "Nhật Bản" in target.read_text(encoding="utf-8")


def test_export_jsonl_one_fact_per_line(runner: CliRunner, out: Path) -> None:
    target = out / "facts.jsonl"
    assert export(runner, target).exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["id"] for line in lines} == VALID_IDS
    assert len(lines) == 5


def test_export_csv_round_trips_ids(runner: CliRunner, out: Path) -> None:
    target = out / "facts.csv"
    assert export(runner, target).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert {row["id"] for row in rows} == VALID_IDS
    assert next(r for r in rows if r["id"] == "sample-chip-plant")["partners"] == "JP; US"


@pytest.mark.parametrize("name", ["facts.xlsx", "facts", "facts.txt"])
def test_export_unknown_extension_is_usage_error(runner: CliRunner, out: Path, name: str) -> None:
    result = export(runner, out / name)
    assert result.exit_code == 2
    assert ".db" in result.stderr and ".jsonl" in result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("name", ["facts.json", "facts.db"])
def test_export_existing_file_needs_force(runner: CliRunner, out: Path, name: str) -> None:
    target = out / name
    target.write_text("keep me", encoding="utf-8")
    result = export(runner, target)
    assert result.exit_code == 1
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    assert export(runner, target, "--force").exit_code == 0
    assert target.read_bytes() != b"keep me"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_export_existing_metadata_needs_force(runner: CliRunner, out: Path) -> None:
    (out / "metadata.json").write_text("{}", encoding="utf-8")
    result = export(runner, out / "facts.db")
    assert result.exit_code == 1
    assert "metadata.json" in result.stderr
    assert not (out / "facts.db").exists()


def test_export_missing_directory(runner: CliRunner, out: Path) -> None:
    result = export(runner, out / "nowhere" / "facts.json")
    assert result.exit_code == 1
    assert "no such directory" in result.stderr


def test_datasette_serves_the_export(runner: CliRunner, out: Path) -> None:
    pytest.importorskip("datasette")
    target = out / "vncoop.db"
    assert export(runner, target).exit_code == 0
    for path, metadata in [
        ("/vncoop/facts_fts.json?_search=engineers&_shape=array", []),
        ("/vncoop/facts.json?_search=engineers&_shape=array", ["-m", str(out / "metadata.json")]),
    ]:
        result = subprocess.run(
            [sys.executable, "-m", "datasette", str(target), *metadata, "--get", path],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr  # datasette --get exits 1 unless the status is 200
        assert [row["id"] for row in json.loads(result.stdout)] == ["sample-engineers"]


# -- stats ----------------------------------------------------------------------------------
def test_stats_json_adds_up(runner: CliRunner) -> None:
    stats = ok_json(invoke(runner, "stats", "--json", "--facts-dir", str(VALID)))
    assert list(stats) == ["facts", "by_kind", "by_partner", "by_sector", "by_year"]
    assert stats["facts"] == 5
    assert sum(stats["by_kind"].values()) == 5
    assert sum(stats["by_year"].values()) == 5
    assert stats["by_kind"] == {"investment": 3, "event": 1, "training_target": 1}
    assert stats["by_partner"] == {"JP": 4, "US": 1}
    assert stats["by_sector"] == {"investment": 3, "semiconductors": 3, "human-resources": 1}
    assert stats["by_year"] == {"2024": 2, "2025": 1, "undated": 2}
    assert list(stats["by_year"])[-1] == "undated"


def test_stats_embedded_corpus_adds_up(runner: CliRunner) -> None:
    stats = ok_json(invoke(runner, "stats", "--json"))
    assert stats["facts"] == len(ok_json(invoke(runner, "list", "--json")))
    assert sum(stats["by_kind"].values()) == sum(stats["by_year"].values()) == stats["facts"]
    assert sum(stats["by_sector"].values()) >= stats["facts"]  # every fact has at least one sector


def test_stats_piped_is_plain(runner: CliRunner) -> None:
    result = invoke(runner, "stats", "--facts-dir", str(VALID))
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout and "█" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[:2] == ["group\tvalue\tfacts", "total\tall\t5"]
    assert "partner\tJP\t4" in lines and "year\tundated\t2" in lines


def test_stats_terminal_draws_bars(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "1")
    result = invoke(runner, "stats", "--facts-dir", str(VALID))
    assert result.exit_code == 0
    assert "█" * 30 in result.stdout and "Japan (JP)" in result.stdout


@pytest.mark.parametrize("width", [44, 60, 80])
def test_stats_bars_give_way_before_a_name_is_cut(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", str(width))
    result = invoke(runner, "stats", "--color", "never", "--facts-dir", str(REPO_FACTS))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    sectors = json.loads(invoke(runner, "stats", "--json", "--facts-dir", str(REPO_FACTS)).stdout)["by_sector"]
    assert all(any(f"│ {sector} " in line for line in lines) for sector in sectors)  # each on one line, whole


def test_bar_scales_to_the_largest() -> None:
    assert bar(4, 4, 20) == "█" * 20
    assert bar(1, 4, 20) == "█" * 5
    assert bar(1, 1000, 20) == "█"  # never invisible
    assert bar(0, 4) == ""


# -- timeline -------------------------------------------------------------------------------
def test_timeline_json_groups_years_and_undated(runner: CliRunner) -> None:
    data = ok_json(invoke(runner, "timeline", "--json", "--facts-dir", str(VALID)))
    assert list(data) == ["years", "undated"]
    assert [(g["year"], [f["id"] for f in g["facts"]]) for g in data["years"]] == [
        (2024, ["sample-chip-plant", "sample-seminar"]),
        (2025, ["sample-growth"]),
    ]
    assert [f["id"] for f in data["undated"]] == ["sample-capital", "sample-engineers"]
    assert list(data["years"][0]["facts"][0])[:2] == ["id", "kind"]  # standard fact objects
    assert data["years"][0]["facts"][0]["evidence"]


def test_timeline_filters(runner: CliRunner) -> None:
    data = ok_json(invoke(runner, "timeline", "--json", "--since", "2025", "--facts-dir", str(VALID)))
    assert [g["year"] for g in data["years"]] == [2025] and data["undated"] == []
    data = ok_json(invoke(runner, "timeline", "--json", "--partner", "us", "--facts-dir", str(VALID)))
    assert [f["id"] for g in data["years"] for f in g["facts"]] == ["sample-chip-plant"]
    assert invoke(runner, "timeline", "--partner", "japn", "--facts-dir", str(VALID)).exit_code == 1


def test_timeline_flat_formats_and_fields(runner: CliRunner) -> None:
    result = invoke(runner, "timeline", "-f", "jsonl", "--fields", "id", "--facts-dir", str(VALID))
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "sample-chip-plant",
        "sample-seminar",
        "sample-growth",
        "sample-capital",
        "sample-engineers",
    ]
    assert invoke(runner, "timeline", "--fields", "nope", "--facts-dir", str(VALID)).exit_code == 2


def test_timeline_piped_table_is_clean_rows_with_a_year_column(runner: CliRunner) -> None:
    lines = invoke(runner, "timeline", "--facts-dir", str(VALID)).stdout.splitlines()
    assert lines[0] == "year\tdate\tid\tkind\ttitle\tpartners"
    assert not [line for line in lines if line.startswith("#")]
    assert [line.split("\t")[0] for line in lines[1:]] == ["2024", "2024", "2025", "undated", "undated"]


def test_timeline_terminal_keeps_markup_literal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "1")
    result = invoke(runner, "timeline", "--facts-dir", str(VALID))
    assert result.exit_code == 0
    assert "[bold]not markup[/]" in result.stdout and "undated" in result.stdout


def test_date_key_orders_precisions() -> None:
    dates = ["2024-07-09", "2024-Q2", "2025", "2024", "2024-Q1", "2024-01", "2024-01-31", "2024-04"]
    assert sorted(dates, key=date_key) == [
        "2024",
        "2024-Q1",
        "2024-01",
        "2024-01-31",
        "2024-Q2",
        "2024-04",
        "2024-07-09",
        "2025",
    ]


# -- sources --------------------------------------------------------------------------------
def test_sources_json_counts(runner: CliRunner) -> None:
    data = ok_json(invoke(runner, "sources", "--json", "--facts-dir", str(VALID)))
    assert {s["id"]: s["facts"] for s in data} == {"sample-en": 3, "sample-fr": 2}
    assert list(data[0]) == [
        "id",
        "title",
        "title_is_description",
        "publisher",
        "language",
        "published",
        "url",
        "text",
        "sha256",
        "notes",
        "facts",
    ]


def test_sources_embedded_counts_match_list(runner: CliRunner) -> None:
    for source in ok_json(invoke(runner, "sources", "--json")):
        cited = ok_json(invoke(runner, "list", "--json", "--source", source["id"]))
        assert source["facts"] == len(cited)


def test_sources_table_csv_and_yaml(runner: CliRunner) -> None:
    piped = invoke(runner, "sources", "--facts-dir", str(VALID)).stdout.splitlines()
    assert piped[0] == "id\ttitle\tpublisher\tlanguage\tpublished\tfacts"
    assert piped[1].startswith("sample-en\t") and piped[1].endswith("\t3")
    rows = list(csv.DictReader(io.StringIO(invoke(runner, "sources", "-f", "csv", "--facts-dir", str(VALID)).stdout)))
    assert [(r["id"], r["facts"]) for r in rows] == [("sample-en", "3"), ("sample-fr", "2")]
    yaml_text = invoke(runner, "sources", "-f", "yaml", "--facts-dir", str(VALID)).stdout
    assert yaml_text.startswith("sources:\n") and "facts:" not in yaml_text


# -- shell completion -----------------------------------------------------------------------
def test_completion_options_exist(runner: CliRunner) -> None:
    result = invoke(runner, "--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_complete_partner_names() -> None:
    assert [value for value, _help in complete_partner("Jap")] == ["Japan", "Japon"]
    assert [value for value, _help in complete_partner("jap")] == ["japan", "japon"]
    assert ("Jamaica", "Jamaica (JM)") in complete_partner("Ja")  # every country, not only the corpus's
    assert ("Suède", "Sweden (SE)") in complete_partner("Su")
    assert not [value for value, _help in complete_partner("Viet")]  # the home country is no partner
    assert ("nhat ban", "Japan (JP)") in complete_partner("nhat")
    assert ("Nhật Bản", "Japan (JP)") in complete_partner("Nhật")
    assert ("US", "United States (US)") in complete_partner("U")
    assert complete_partner("zzz") == []


class _Ctx:
    def __init__(self, params: dict[str, object]) -> None:
        self.params = params


def test_complete_fact_ids_never_raise(tmp_path: Path) -> None:
    ctx = _Ctx({"facts_dir": VALID})
    assert complete_fact_id(ctx, "sample-s") == ["sample-seminar"]  # type: ignore[arg-type]
    assert len(complete_fact_id(ctx, "")) == 5  # type: ignore[arg-type]
    assert complete_fact_id(_Ctx({"facts_dir": tmp_path / "missing"}), "") == []  # type: ignore[arg-type]
    assert complete_fact_id(None, "") == []  # type: ignore[arg-type]


def test_shell_completion_end_to_end(tmp_path: Path) -> None:
    env = {
        "_VNCOOP_COMPLETE": "complete_bash",
        "COMP_WORDS": f"vncoop show --facts-dir {VALID} sample-e",
        "COMP_CWORD": "4",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from vncoop.cli.main import app; sys.argv[0] = 'vncoop'; app()"],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "XDG_CACHE_HOME": str(tmp_path)},
        timeout=60,
    )
    assert result.stdout.split() == ["sample-engineers"], result.stderr


def _complete(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from vncoop.cli.entry import run; sys.argv[0] = 'vncoop'; run()", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


@pytest.mark.parametrize(
    "shell_env",
    [
        {"COMP_WORDS": "vncoop search --kind ", "COMP_CWORD": "two"},
        {"COMP_CWORD": "1"},  # no COMP_WORDS
        {"COMP_WORDS": "vncoop search --kind "},  # no COMP_CWORD
    ],
    ids=["non-numeric", "no-words", "no-cword"],
)
def test_malformed_completion_variables_are_one_line(tmp_path: Path, shell_env: dict[str, str]) -> None:
    env = {"_VNCOOP_COMPLETE": "complete_bash", "XDG_CACHE_HOME": str(tmp_path), **shell_env}
    done = _complete(env)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "COMP_CWORD" in done.stderr


def test_install_completion_into_an_unwritable_rc_file_is_one_line(tmp_path: Path) -> None:
    """As root a read-only file is still writable: a folder named ``.bashrc`` cannot be written by anyone."""
    (tmp_path / ".bashrc").mkdir()
    done = _complete({"HOME": str(tmp_path), "SHELL": "/bin/bash"}, "--install-completion", "bash")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and ".bashrc" in done.stderr


@pytest.mark.parametrize("command", ["schema", "export", "stats", "timeline", "sources"])
def test_new_commands_have_short_help(runner: CliRunner, command: str) -> None:
    result = invoke(runner, command, "-h")
    assert result.exit_code == 0
    assert command in result.stdout and "--help" in result.stdout


def test_yaml_language_server_comment_is_accepted(runner: CliRunner, tmp_path: Path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(VALID, corpus)
    facts = corpus / "facts.yaml"
    facts.write_text("# yaml-language-server: $schema=../facts.schema.json\n" + facts.read_text("utf-8"), "utf-8")
    result = invoke(runner, "validate", str(corpus))
    assert result.exit_code == 0, result.stderr


def test_export_never_replaces_a_dangling_symlink_without_force(runner: CliRunner, out: Path) -> None:
    link = out / "facts.json"
    link.symlink_to(out / "elsewhere.json")  # points at nothing yet
    result = export(runner, link)
    assert result.exit_code == 1 and "--force" in result.stderr
    assert link.is_symlink() and not (out / "elsewhere.json").exists()


def test_export_force_keeps_the_replaced_files_permissions(runner: CliRunner, out: Path) -> None:
    for name in ("private.json", "private.db"):
        target = out / name
        target.write_text("old", encoding="utf-8")
        target.chmod(0o600)
        assert export(runner, target, "--force").exit_code == 0
        assert target.read_bytes() != b"old"
        assert target.stat().st_mode & 0o777 == 0o600


def test_export_sqlite_onto_a_full_disk_fails_cleanly(tmp_path: Path) -> None:
    """A file size limit (RLIMIT_FSIZE) makes writes fail as a full disk does, without one."""
    resource = pytest.importorskip("resource")
    limited = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))\n"
        "from vncoop.cli.entry import run\n"
        "sys.argv = ['vncoop', *sys.argv[1:]]\n"
        "run()\n"
    )
    target = tmp_path / "facts.db"
    done = subprocess.run(
        [sys.executable, "-c", limited, "export", str(target), "--facts-dir", str(VALID)],
        capture_output=True,
        text=True,
        env={**os.environ, "VNCOOP_NO_CACHE": "1"},
        timeout=120,
    )
    assert resource and done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "facts.db" in done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing half-written left behind
