"""Never a traceback, never a hijacked terminal: hostile queries, option values and corpus text.

- queries (empty, huge, control and bidi characters) are exit 0 or 2, never 1 or 3;
- bad option values are usage errors (exit 2) naming the valid choices;
- corpus text is never read as markup, and its control/bidi characters never reach the terminal
  raw (JSON round-trips them exactly);
- the installed console script survives a closed pipe, Ctrl-C and internal errors quietly.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vncoop.app.corpora
import vncoop.cli.entry
import vncoop.cli.main
import vncoop.corpus.layout
import vncoop.corpus.validate
import vncoop.index.store

from conftest import VALID, invoke

ESC = "\x1b"
BIDI = "\u202e"


def assert_no_traceback(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# -- hostile queries ------------------------------------------------------------------------
CONTROL_QUERIES = [pytest.param(chr(code) + "engineers", id=f"ctrl-{code:02x}") for code in range(0x20)]
QUERIES = [
    pytest.param("", id="empty"),
    pytest.param(" ", id="space"),
    pytest.param(" \t\n\r\v\f ", id="whitespace"),
    pytest.param("\u00a0\u2003\u3000", id="unicode-spaces"),
    pytest.param("a" * 20_000, id="20k-one-word"),
    pytest.param("semiconductor engineers Japan " * 700, id="20k-words"),
    pytest.param("\x1b[31mRED", id="ansi"),
    pytest.param("\x1b]0;title\x07\x1b[2J", id="ansi-osc-clear"),
    pytest.param("\u202eenigne\u202c", id="bidi-override"),
    pytest.param("\u2066Japan\u2069 \u200f", id="bidi-isolate"),
    pytest.param("\x00" * 50, id="nuls"),
    pytest.param("\ufeffJapan", id="bom"),
    pytest.param("[bold]Japan[/] [/]", id="markup"),
    pytest.param("\ud800", id="lone-surrogate"),
    pytest.param("💥🇯🇵 日本 \u0301\u0301", id="emoji-combining"),
    pytest.param("--", id="double-dash-literal"),
    *CONTROL_QUERIES,
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_hostile_query_is_never_an_error(runner: CliRunner, query: str, fmt: str) -> None:
    result = invoke(runner, "search", "--format", fmt, "--facts-dir", str(VALID), "--", query)
    assert_no_traceback(result)
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    if result.exit_code == 0 and fmt == "json":
        assert isinstance(json.loads(result.stdout), list)
    assert ESC not in result.stderr and BIDI not in result.stderr, "the query is echoed raw to the terminal"


@pytest.mark.parametrize("query", QUERIES[:13])  # not the lone surrogate: stdin is UTF-8
def test_hostile_query_in_stdin_batch(runner: CliRunner, query: str) -> None:
    line = query.replace("\n", " ").replace("\r", " ")
    result = invoke(runner, "search", "--stdin", "--facts-dir", str(VALID), input=f"{line}\nengineers\n")
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    answers = [json.loads(text) for text in result.stdout.splitlines()]
    assert len(answers) == 2
    assert answers[1]["results"][0]["id"] == "sample-engineers"


# -- invalid option values: usage errors naming the valid choices -----------------------------
USAGE_ERRORS: list[tuple[list[str], list[str]]] = [
    (["search", "x", "--limit", "-1"], ["--limit", "-1"]),
    (["search", "x", "--limit", "0"], ["--limit", "0"]),
    (["search", "x", "--limit", "abc"], ["--limit", "'abc'"]),
    (["search", "x", "--limit", ""], ["--limit"]),
    (["search", "x", "--limit"], ["--limit", "requires an argument"]),
    (["search", "x", "--kind", "nope"], ["'nope'", "investment", "training_target", "milestone"]),
    (["list", "--kind", "nope"], ["'nope'", "event", "statistic"]),
    (["list", "--kind", ""], ["kind", "investment"]),
    (["list", "--sector", "nope"], ["'nope'", "semiconductors", "diplomacy"]),
    (["list", "--since", "abc"], ["--since", "'abc'"]),
    (["list", "--since", "1800"], ["--since", "1900"]),
    (["list", "--until", "99999"], ["--until", "2200"]),
    (["list", "--since", "2025", "--until", "2020"], ["--since 2025", "--until 2020"]),
    (["list", "--format", "nope"], ["'nope'", "table", "json", "jsonl", "csv", "tsv", "yaml", "markdown"]),
    (["list", "--fields", "nope"], ["nope", "id", "title"]),
    (["list", "--fields", ",,"], ["--fields"]),
    (["frobnicate"], ["frobnicate"]),
    (["serch", "x"], ["serch"]),
    (["list", "--bogus"], ["--bogus"]),
    (["search", "x", "--stdin"], ["QUERY", "--stdin"]),
    (["search"], ["QUERY", "--stdin"]),
    (["show"], ["ID"]),
    (["partner"], ["NAME"]),
    (["list", "extra-argument"], ["extra-argument"]),
]


@pytest.mark.parametrize(("args", "named"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_invalid_option_values_are_usage_errors(runner: CliRunner, args: list[str], named: list[str]) -> None:
    result = invoke(runner, args[0], "--facts-dir", str(VALID), *args[1:], input="")
    assert_no_traceback(result)
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert result.stdout == ""
    for text in named:
        assert text in result.stderr, f"{text!r} not in stderr:\n{result.stderr}"


def test_no_arguments_prints_help_not_a_traceback(runner: CliRunner) -> None:
    result = invoke(runner)
    assert_no_traceback(result)
    assert result.exit_code in (0, 2)
    assert "search" in result.stdout + result.stderr and "--help" in result.stdout + result.stderr


HOSTILE_ARG = "X\x1b[31mRED\u202e"


@pytest.mark.parametrize(
    "args",
    [
        ["show", HOSTILE_ARG],
        ["partner", HOSTILE_ARG],
        ["list", "--source", HOSTILE_ARG],
        ["list", "--kind", HOSTILE_ARG],
        ["list", "--sector", HOSTILE_ARG],
        ["list", "--fields", HOSTILE_ARG],
    ],
    ids=lambda args: " ".join(a for a in args if a != HOSTILE_ARG),
)
def test_user_input_is_not_echoed_raw_in_errors(runner: CliRunner, args: list[str]) -> None:
    result = invoke(runner, *args, "--facts-dir", str(VALID))
    assert_no_traceback(result)
    assert result.exit_code in (1, 2)
    assert ESC not in result.stderr and BIDI not in result.stderr, result.stderr


# -- terminal safety of corpus text -----------------------------------------------------------
HOSTILE_TITLE = f"Chip plant [bold]x[/] stray [/] {ESC}[31mRED {BIDI}evil"
HOSTILE_SUMMARY = f"Japan plans a chip plant [red]{ESC}[2J{ESC}]0;pwned{chr(7)} and {BIDI}txt.{chr(0x9B)}31m"


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    shutil.copytree(VALID, root)
    path = root / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    for key, hostile in (("title", HOSTILE_TITLE), ("summary", HOSTILE_SUMMARY)):
        line = re.compile(rf'^    {key}: {{en: "Japan plans .*$', re.MULTILINE)
        assert len(line.findall(text)) == 1
        every = ", ".join(f"{lang}: {json.dumps(hostile)}" for lang in ("en", "fr", "vi"))  # JSON strings are YAML
        written = f"    {key}: {{{every}}}"
        text = line.sub(lambda _match, written=written: written, text)  # a function: no escapes read
    path.write_text(text, encoding="utf-8")
    return root


HOSTILE_COMMANDS = {
    "list": ["list"],
    "search": ["search", "chip plant"],
    "show": ["show", "sample-chip-plant"],
    "partner": ["partner", "us"],
}


def _run(runner: CliRunner, root: Path, command: str, *extra: str):  # type: ignore[no-untyped-def]
    result = invoke(runner, *HOSTILE_COMMANDS[command], *extra, "--facts-dir", str(root))
    assert_no_traceback(result)
    assert result.exit_code == 0, result.stderr
    return result


def test_hostile_corpus_is_valid(runner: CliRunner, hostile_corpus: Path) -> None:
    data = json.loads(invoke(runner, "show", "sample-chip-plant", "--json", "--facts-dir", str(hostile_corpus)).stdout)
    assert data["title"] == HOSTILE_TITLE and data["summary"] == HOSTILE_SUMMARY


@pytest.mark.parametrize("command", list(HOSTILE_COMMANDS))
def test_markup_is_literal_on_a_colour_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, hostile_corpus: Path, command: str
) -> None:
    monkeypatch.setenv("VNCOOP_FORCE_TTY", "1")
    extra = ("--fields", "id,title,summary") if command != "show" else ()
    out = _run(runner, hostile_corpus, command, *extra).stdout
    assert ESC in out, "a terminal should get a coloured rich table (with its own escape codes)"
    assert "[bold]x[/]" in out and "stray [/]" in out and "[red]" in out
    assert f"{ESC}[31mRED" not in out and f"{ESC}[2J" not in out and f"{ESC}]0;" not in out
    assert BIDI not in out and chr(0x9B) not in out and chr(7) not in out
    assert "\\u001b[31mRED" in out and "\\u202e" in out, "control characters are shown escaped"


RAW_XFAIL: dict[tuple[str, str], str] = {}
RAW_CHARS = {"esc": [ESC, chr(7), chr(0x9B)], "bidi": [BIDI]}


def _raw_params() -> list[object]:
    params = []
    for command in HOSTILE_COMMANDS:
        for fmt in ("table", "markdown", "tsv", "csv", "yaml"):
            for what in RAW_CHARS:
                reason = RAW_XFAIL.get((fmt, what))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                params.append(pytest.param(command, fmt, what, id=f"{command}-{fmt}-{what}", marks=marks))
    return params


@pytest.mark.parametrize("colour", ["piped", "no-color"])
@pytest.mark.parametrize(("command", "fmt", "what"), _raw_params())
def test_corpus_control_characters_never_reach_stdout_raw(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    hostile_corpus: Path,
    command: str,
    fmt: str,
    what: str,
    colour: str,
) -> None:
    if colour == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    extra = ("--fields", "id,title,summary") if fmt in ("table", "markdown") and command != "show" else ()
    out = _run(runner, hostile_corpus, command, "--format", fmt, *extra).stdout
    assert "[bold]x[/]" in out, "the title is in the output, literally"
    for char in RAW_CHARS[what]:
        assert char not in out, f"raw {char!r} in {fmt} output"


@pytest.mark.parametrize("command", list(HOSTILE_COMMANDS))
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_round_trips_corpus_text_exactly(runner: CliRunner, hostile_corpus: Path, command: str, fmt: str) -> None:
    out = _run(runner, hostile_corpus, command, "--format", fmt).stdout
    assert ESC not in out and BIDI not in out and chr(0x9B) not in out, "JSON output is inert on a terminal"
    if fmt == "json":
        data = json.loads(out)
        records = [data] if isinstance(data, dict) else data
    else:
        records = [json.loads(line) for line in out.splitlines()]
    chip = next(r for r in records if r["id"] == "sample-chip-plant")
    assert chip["title"] == HOSTILE_TITLE
    assert chip["summary"] == HOSTILE_SUMMARY


def test_stdin_batch_round_trips_corpus_text(runner: CliRunner, hostile_corpus: Path) -> None:
    result = invoke(runner, "search", "--stdin", "--facts-dir", str(hostile_corpus), input="chip plant\n")
    assert result.exit_code == 0, result.stderr
    assert ESC not in result.stdout and BIDI not in result.stdout
    answer = json.loads(result.stdout)
    assert answer["results"][0]["title"] == HOSTILE_TITLE


def test_yaml_output_is_valid_corpus_input(runner: CliRunner, hostile_corpus: Path) -> None:
    from vncoop.corpus.schema import FACT_ADAPTER, fact_to_dict
    from vncoop.corpus.yaml_reader import load

    out = _run(runner, hostile_corpus, "show", "--format", "yaml").stdout
    data, _ = load(out)
    fact = fact_to_dict(FACT_ADAPTER.validate_python(data["facts"][0]))
    assert fact["title"] == HOSTILE_TITLE and fact["summary"] == HOSTILE_SUMMARY


@pytest.mark.parametrize("where", ["file-name", "key", "id"])
@pytest.mark.parametrize("command", ["list", "validate"])
def test_corpus_text_in_error_messages_is_escaped(runner: CliRunner, tmp_path: Path, where: str, command: str) -> None:
    root = tmp_path / "c"
    shutil.copytree(VALID, root)
    hostile = json.dumps(f"X{ESC}[31mRED{BIDI}")
    path = root / "facts.yaml"
    text = path.read_text(encoding="utf-8")
    if where == "file-name":
        (root / f"{ESC}[31mRED{BIDI}.yaml").write_text("facts: [\n", encoding="utf-8")
    elif where == "key":
        path.write_text(text.replace("    location: Tokyo\n", f"    location: Tokyo\n    {hostile}: 1\n"))
    else:
        path.write_text(text.replace("  - id: sample-engineers\n", f"  - id: {hostile}\n"))
    if command == "list":
        result = invoke(runner, "list", "--facts-dir", str(root))
    else:
        result = invoke(runner, "validate", str(root))
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert "RED" in result.stderr
    assert ESC not in result.stderr and BIDI not in result.stderr, result.stderr


# -- interrupts and the last-resort handler (in process) --------------------------------------
def _raise(exc: BaseException):  # type: ignore[no-untyped-def]
    def boom(*args: object, **kwargs: object) -> None:
        raise exc

    return boom


CORE_COMMANDS = [
    ["list"],
    ["search", "engineers"],
    ["search", "--stdin"],
    ["partner", "japan"],
    ["show", "sample-engineers"],
    ["validate"],
]


def _patch_core(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    monkeypatch.setattr(vncoop.app.corpora, "load_corpus", _raise(exc))
    monkeypatch.setattr(vncoop.index.store, "open_cache", _raise(exc))
    monkeypatch.setattr(vncoop.corpus.validate, "validate_corpus_files", _raise(exc))


@pytest.mark.parametrize("args", CORE_COMMANDS, ids=" ".join)
def test_keyboard_interrupt_exits_130_quietly(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    _patch_core(monkeypatch, KeyboardInterrupt())
    result = invoke(runner, *args, "--facts-dir", str(VALID), input="engineers\n")
    assert_no_traceback(result)
    assert result.exit_code == 130
    assert result.stdout == ""
    assert result.stderr.strip() == "vncoop: interrupted"


@pytest.mark.parametrize("args", CORE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    "exc",
    [RuntimeError("boom"), ValueError("bad"), KeyError("k"), RecursionError(), MemoryError(), OSError(5, "EIO")],
    ids=lambda e: type(e).__name__,
)
def test_unexpected_error_is_one_line_exit_3(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], exc: Exception
) -> None:
    _patch_core(monkeypatch, exc)
    result = invoke(runner, *args, "--facts-dir", str(VALID), input="engineers\n")
    assert_no_traceback(result)
    assert result.exit_code == 3, (result.exit_code, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("vncoop: error: internal error")
    assert "please report" in lines[0]


def test_keyboard_interrupt_outside_a_command(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(vncoop.cli.entry, "app_for", lambda args: _raise(KeyboardInterrupt()))
    with pytest.raises(SystemExit) as info:
        vncoop.cli.entry.main()
    assert info.value.code == 130
    assert capsys.readouterr().err.strip() == "vncoop: interrupted"
