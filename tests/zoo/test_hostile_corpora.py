"""Never a traceback: every broken corpus is one clear, located message and exit code 1.

``tests/corpora/zoo/<case>/`` holds one small corpus per failure class, each a copy of
``tests/corpora/valid`` with one defect. Cases that are binary, large, symlinked, permission-based
or need a path inside the test's temporary directory are built at test time instead.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vncoop.corpus.layout

from conftest import CORPORA, VALID, invoke

ZOO = CORPORA / "zoo"


# case → substrings the error output must contain (file, line where one applies, and what is wrong)
ZOO_CASES: dict[str, tuple[str, ...]] = {
    "unclosed-bracket": ("facts.yaml:9", "invalid YAML"),
    "bad-indentation": ("facts.yaml:5", "invalid YAML"),
    "tab-indentation": ("facts.yaml:10", "invalid YAML"),
    "empty-fact-file": ("empty.yaml:1", "empty file"),
    "scalar-fact-file": ("scalar.yaml:1", "found a single value"),
    "list-fact-file": ("toplist.yaml:1", "found a list"),
    "wrong-type": ("facts.yaml:11", "sample-seminar", "attendance", "expected a whole number"),
    "unknown-key": ("facts.yaml:11", "sample-seminar", "venue", "unknown key"),
    "unknown-kind": ("facts.yaml:2", "unknown kind 'seminar'", "'event'"),
    "missing-required-field": ("facts.yaml:2", "sample-seminar", "summary", "required field is missing"),
    "duplicate-ids": ("facts.yaml:2", "duplicate id", "again.yaml:2"),
    "unknown-source": ("facts.yaml:2", "evidence.0.source", "unknown source 'sample-de'"),
    "bad-date": ("facts.yaml:6", "date", "not an ISO date"),
    "partner-not-iso": ("facts.yaml:8", "partners.0", "'XX' is not an ISO 3166-1 alpha-2"),
    "partner-home-country": ("facts.yaml:8", "partners.1", "Vietnam is the home country"),
    "unknown-sector": ("facts.yaml:9", "sectors.0", "unknown value 'robotics'", "'semiconductors'"),
    "alias-bomb-top-level": ("bomb.yaml:1", "anchors (&name) are not allowed"),
    "alias-bomb-nested": ("facts.yaml:11", "anchors (&name) are not allowed"),
    "no-sources-yaml": ("no-sources-yaml", "no sources.yaml"),
    "several-defects": ("broken.yaml:4", "invalid YAML"),
}

# Cases whose only fact file cannot be parsed: the error must name that file, not the folder.
SOLE_FILE_UNPARSABLE = {"unclosed-bracket", "bad-indentation", "tab-indentation", "alias-bomb-nested"}


def assert_clean_failure(result, expected: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Exit 1 (never 3), nothing on stdout, a located message on stderr, no traceback anywhere."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code != 3, result.stderr
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    assert result.stdout == ""
    for text in expected:
        assert text in result.stderr, f"{text!r} not in stderr:\n{result.stderr}"


def list_json(runner: CliRunner, root: Path):  # type: ignore[no-untyped-def]
    return invoke(runner, "list", "--json", "--facts-dir", str(root))


def validate(runner: CliRunner, root: Path):  # type: ignore[no-untyped-def]
    return invoke(runner, "validate", str(root))


def test_zoo_is_fully_covered() -> None:
    on_disk = {p.name for p in ZOO.iterdir() if p.is_dir()}
    assert on_disk == set(ZOO_CASES)


def _list_params() -> list[object]:
    params = []
    for case in ZOO_CASES:
        for cache in ("cache", "no-cache"):
            marks: list[pytest.MarkDecorator] = []
            params.append(pytest.param(case, cache, id=f"{case}-{cache}", marks=marks))
    return params


@pytest.mark.parametrize(("case", "cache"), _list_params())
def test_zoo_list(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, case: str, cache: str) -> None:
    if cache == "no-cache":
        monkeypatch.setenv("VNCOOP_NO_CACHE", "1")
    result = list_json(runner, ZOO / case)
    assert_clean_failure(result, ZOO_CASES[case])
    assert result.stderr.startswith("vncoop: error: ")
    assert len(result.stderr.strip().splitlines()) == 1, "`list` reports a corpus error in one line"


@pytest.mark.parametrize("case", list(ZOO_CASES))
def test_zoo_validate(runner: CliRunner, case: str) -> None:
    assert_clean_failure(validate(runner, ZOO / case), ZOO_CASES[case])


@pytest.mark.parametrize("case", list(ZOO_CASES))
def test_zoo_list_twice_same_report(runner: CliRunner, case: str) -> None:
    """Broken files are never cached: a second run reports exactly the same problems."""
    first = list_json(runner, ZOO / case)
    second = list_json(runner, ZOO / case)
    assert (first.exit_code, first.stderr) == (second.exit_code, second.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "seminar"],
        ["search", "seminar", "--format", "csv"],
        ["partner", "japan"],
        ["show", "sample-engineers"],
        ["list", "--format", "yaml"],
    ],
    ids=lambda a: "-".join(a),
)
def test_every_data_command_reports_the_corpus_error(runner: CliRunner, args: list[str]) -> None:
    result = invoke(runner, *args, "--facts-dir", str(ZOO / "unknown-key"))
    assert_clean_failure(result, ZOO_CASES["unknown-key"])


def test_validate_reports_every_problem_in_one_run(runner: CliRunner) -> None:
    result = validate(runner, ZOO / "several-defects")
    assert_clean_failure(
        result,
        (
            "broken.yaml:4: column 1: invalid YAML",
            "extra.yaml:2: sample-extra: evidence.0.source: unknown source 'sample-missing'",
            "facts.yaml:6: sample-seminar: date: not an ISO date",
            "3 problems",
        ),
    )
    problem_lines = [line for line in result.stderr.splitlines() if not line.startswith("vncoop:")]
    assert [line.split(":")[0] for line in problem_lines] == ["broken.yaml", "extra.yaml", "facts.yaml"]


def test_list_points_to_validate_when_there_are_more_problems(runner: CliRunner) -> None:
    result = list_json(runner, ZOO / "several-defects")
    assert_clean_failure(result, ("broken.yaml:4", "and 2 more problems", "vncoop validate"))


# -- cases built at test time ----------------------------------------------------------------
def copy_valid(tmp_path: Path, name: str = "corpus") -> Path:
    root = tmp_path / name
    shutil.copytree(VALID, root)
    return root


def edit_facts(root: Path, old: str, new: str) -> None:
    path = root / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


Built = tuple[Path, tuple[str, ...]]


def build_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    (root / "latin.yaml").write_bytes("facts:\n  - id: café\n".encode("latin-1"))
    return root, ("latin.yaml:2", "not UTF-8", "0xe9")


def build_utf16(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)  # the YAML parser would read UTF-16 (it has a byte-order mark)
    (root / "wide.yaml").write_bytes((root / "facts.yaml").read_text("utf-8").encode("utf-16"))
    (root / "facts.yaml").unlink()
    return root, ("wide.yaml:1", "not UTF-8", "0xff")


def build_deep_nesting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    edit_facts(
        root, "    location: Tokyo\n", "    location: Tokyo\n    participants: " + "[" * 10_000 + "]" * 10_000 + "\n"
    )
    return root, ("facts.yaml:11", "nesting deeper than")


def build_deep_nesting_other_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    deep = "facts:\n  - id: sample-deep\n    kind: event\n    participants: " + "[" * 10_000 + "]" * 10_000 + "\n"
    (root / "deep.yaml").write_text(deep, encoding="utf-8")
    return root, ("deep.yaml:4", "nesting deeper than")


def build_deep_mappings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    (root / "deep.yaml").write_text("facts:\n  - " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n", encoding="utf-8")
    return root, ("deep.yaml:2", "nesting deeper than")


def build_oversize(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    monkeypatch.setattr(vncoop.corpus.layout, "MAX_FILE_BYTES", 1024)
    return root, ("facts.yaml", "over the 1024-byte limit")


def build_missing_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = tmp_path / "no-such-corpus"
    return root, (str(root), "does not exist")


def build_file_not_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = tmp_path / "a-file"
    root.write_text("facts: []\n", encoding="utf-8")
    return root, (str(root), "not a directory")


def build_empty_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = tmp_path / "empty"
    root.mkdir()
    return root, (str(root), "no sources.yaml")


def build_symlink_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    (root / "loop").symlink_to(".", target_is_directory=True)  # a folder loop: must not be walked forever
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "a.yaml").symlink_to("b.yaml")  # a file loop: cannot be read
    (root / "b.yaml").symlink_to("a.yaml")
    return root, ("a.yaml", "cannot read")


def build_fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    root = copy_valid(tmp_path)
    os.mkfifo(root / "pipe.yaml")  # opening it would wait for a writer for ever
    return root, ("pipe.yaml", "not a regular file")


def build_device_symlink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    root = copy_valid(tmp_path)
    (root / "zero.yaml").symlink_to("/dev/zero")  # reading it would never end
    return root, ("zero.yaml", "not a regular file")


def build_huge_integer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    edit_facts(root, "    attendance: 300\n", "    attendance: " + "9" * 5_000 + "\n")
    return root, ("facts.yaml:11", "too long")


def build_duplicate_partners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    edit_facts(
        root,
        "    partners: [JP]\n    sectors: [semiconductors]\n    location",
        "    partners: [JP, JP]\n    sectors: [semiconductors]\n    location",
    )
    return root, ("facts.yaml:", "sample-seminar", "partners", "'JP' is listed twice")


def build_duplicate_sectors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    edit_facts(root, "    sectors: [semiconductors]\n    location", "    sectors: [ai, ai, ai]\n    location")
    return root, ("facts.yaml:", "sample-seminar", "sectors", "'ai' is listed twice")


def build_blank_quote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    edit_facts(root, "        quote: A seminar in Tokyo on Tuesday drew around 300 guests.\n", '        quote: "   "\n')
    return root, ("facts.yaml:", "sample-seminar", "evidence.0.quote", "blank")


def build_no_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    (root / "sources.yaml").write_text("sources: []\n", encoding="utf-8")
    return root, ("sources.yaml", "no sources")


def build_id_with_a_newline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    edit_facts(root, "  - id: sample-seminar\n", '  - id: "sample-seminar\\n"\n')
    return root, ("facts.yaml:2", "kebab-case")


def build_dangling_symlink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    (root / "gone.yaml").symlink_to(tmp_path / "does-not-exist.yaml")
    return root, ("gone.yaml", "cannot read")


def build_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        pytest.skip("root can read a chmod 000 file")
    root = copy_valid(tmp_path)
    (root / "facts.yaml").chmod(0)
    return root, ("facts.yaml", "cannot read")


def build_unreadable_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    """The same as ``unreadable`` but also runs as root: reading facts.yaml fails with EACCES."""
    root = copy_valid(tmp_path)
    real_open = Path.open

    def refusing_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "facts.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    return root, ("facts.yaml", "cannot read", "Permission denied")


def build_sources_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    path = root / "sources.yaml"
    path.write_bytes(path.read_bytes().replace(b"Example Wire", "Exemple Dépêche".encode("latin-1")))
    return root, ("sources.yaml:4", "not UTF-8")


def build_binary_fact_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    (root / "blob.yaml").write_bytes(bytes(range(256)) * 4)
    return root, ("blob.yaml",)


def build_nul_in_fact_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    (root / "nul.yaml").write_bytes(b"facts:\n  - id: a\x00b\n")
    return root, ("nul.yaml", "invalid YAML")


def build_two_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    root = copy_valid(tmp_path)
    (root / "two.yaml").write_text("facts: []\n---\nfacts: []\n", encoding="utf-8")
    return root, ("two.yaml:2", "more than one YAML document")


BUILDERS: dict[str, Callable[[Path, pytest.MonkeyPatch], Built]] = {
    "not-utf8": build_not_utf8,
    "utf16": build_utf16,
    "fifo": build_fifo,
    "huge-integer": build_huge_integer,
    "duplicate-partners": build_duplicate_partners,
    "duplicate-sectors": build_duplicate_sectors,
    "blank-quote": build_blank_quote,
    "no-sources": build_no_sources,
    "id-with-a-newline": build_id_with_a_newline,
    "device-symlink": build_device_symlink,
    "deep-nesting": build_deep_nesting,
    "deep-nesting-other-file": build_deep_nesting_other_file,
    "deep-mappings": build_deep_mappings,
    "oversize": build_oversize,
    "missing-dir": build_missing_dir,
    "file-not-dir": build_file_not_dir,
    "empty-dir": build_empty_dir,
    "symlink-loop": build_symlink_loop,
    "dangling-symlink": build_dangling_symlink,
    "unreadable": build_unreadable,
    "unreadable-simulated": build_unreadable_simulated,
    "sources-not-utf8": build_sources_not_utf8,
    "binary-fact-file": build_binary_fact_file,
    "nul-in-fact-file": build_nul_in_fact_file,
    "two-documents": build_two_documents,
}
BUILT_SOLE_FILE_UNPARSABLE = {"deep-nesting", "oversize", "unreadable", "unreadable-simulated"}


def _built_params(command: str) -> list[object]:
    params = []
    for case in BUILDERS:
        marks: list[pytest.MarkDecorator] = []
        params.append(pytest.param(case, id=case, marks=marks))
    return params


@pytest.mark.parametrize("case", _built_params("list"))
def test_built_list(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: str) -> None:
    root, expected = BUILDERS[case](tmp_path, monkeypatch)
    result = list_json(runner, root)
    assert_clean_failure(result, expected)
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("case", _built_params("validate"))
def test_built_validate(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, case: str) -> None:
    root, expected = BUILDERS[case](tmp_path, monkeypatch)
    assert_clean_failure(validate(runner, root), expected)


@pytest.mark.parametrize("where", ["own-file", "inside-a-fact"])
@pytest.mark.parametrize("command", ["list", "validate"])
def test_python_tag_is_refused_not_executed(runner: CliRunner, tmp_path: Path, where: str, command: str) -> None:
    marker = tmp_path / "pwned"
    root = copy_valid(tmp_path)
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    if where == "own-file":
        (root / "evil.yaml").write_text(f"facts:\n  - {tag}\n", encoding="utf-8")
        expected: tuple[str, ...] = ("evil.yaml:2", "not allowed")
    else:
        evil = (VALID / "facts.yaml").read_text(encoding="utf-8").split("  - id: sample-engineers")[0]
        evil = evil.replace("sample-seminar", "sample-evil").replace("    location: Tokyo\n", f"    location: {tag}\n")
        (root / "evil.yaml").write_text(evil, encoding="utf-8")
        expected = ("evil.yaml:10", "not allowed")
    result = list_json(runner, root) if command == "list" else validate(runner, root)
    assert_clean_failure(result, expected)
    assert not marker.exists(), "the YAML tag ran a command"


def test_oversize_file_is_refused_before_reading(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = copy_valid(tmp_path)
    monkeypatch.setattr(vncoop.corpus.layout, "MAX_FILE_BYTES", 1024)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"facts:\n" + b"#" * 2048 + b"\n")
    shutil.move(big, root / "big.yaml")
    real_open = Path.open

    def watching_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        assert self.name != "big.yaml", "an oversize file was read"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watching_open)
    assert_clean_failure(validate(runner, root), ("big.yaml", "2056 bytes", "over the 1024-byte limit"))


# -- inputs that should simply work ----------------------------------------------------------
def _bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def _crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


@pytest.mark.parametrize(
    ("files", "transform"),
    [
        (["facts.yaml"], _bom),
        (["facts.yaml", "sources.yaml", "thesaurus.yaml"], _bom),
        (["facts.yaml"], _crlf),
        (["facts.yaml", "sources.yaml", "thesaurus.yaml"], _crlf),
        (["facts.yaml", "sources.yaml"], lambda data: _bom(_crlf(data))),
    ],
    ids=["bom-facts", "bom-all", "crlf-facts", "crlf-all", "bom-and-crlf"],
)
def test_bom_and_crlf_simply_work(
    runner: CliRunner, tmp_path: Path, files: list[str], transform: Callable[[bytes], bytes]
) -> None:
    root = copy_valid(tmp_path)
    for name in files:
        path = root / name
        path.write_bytes(transform(path.read_bytes()))
    result = list_json(runner, root)
    assert result.exit_code == 0, result.stderr
    facts = json.loads(result.stdout)
    assert len(facts) == 5
    assert all("\r" not in fact["title"] and "\ufeff" not in fact["id"] for fact in facts)
    reference = json.loads(list_json(runner, VALID).stdout)
    assert facts == reference
    checked = validate(runner, root)
    assert checked.exit_code == 0, checked.stderr


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


@pytest.mark.parametrize("number", ["1e999", "-1e999"])
def test_infinite_number_is_refused_or_valid_json(runner: CliRunner, tmp_path: Path, number: str) -> None:
    root = copy_valid(tmp_path)
    edit_facts(root, "    amount: 200\n", f"    amount: {number}\n")
    result = list_json(runner, root)
    if result.exit_code == 0:
        json.loads(result.stdout, parse_constant=_reject_constant)
    else:
        assert_clean_failure(result, ("facts.yaml:", "amount"))
