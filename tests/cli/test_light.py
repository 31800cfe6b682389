"""A command line read without Typer (``cli/light.py``) must mean what it means to Typer.

The reading is held to Typer's own on command lines drawn from the command's description:
whatever the light reading accepts, Typer accepts too and passes the command's function the same
values; what the light reading declines is left to Typer. Its refusals are tested on commands
Typer builds with the features it does not know.
"""

from __future__ import annotations

import inspect
import marshal
import os
import sys
import types
from pathlib import Path
from typing import Annotated, Any, Optional

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vncoop.cli import answering, command_description, facts_commands, light, runtime, stamps
from vncoop.cli.main import app
from vncoop.output.formats import OutputFormat

pytestmark = pytest.mark.usefixtures("settled_imports")  # nothing is kept from a file saved just now

WORK = {"search": (facts_commands.search, answering.run_search)}
# Click's parameter types, wherever this Typer takes Click from (its own copy, or click)
click_types = sys.modules[typer.BadParameter.__module__.rsplit(".", 1)[0] + ".types"]


def click_command(name: str) -> Any:
    return typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]


def description(name: str = "search") -> tuple[light.Parameter, ...]:
    described = command_description.describe(click_command(name))
    assert described is not None
    return described


@pytest.mark.parametrize("name", sorted(light.WORK))
def test_every_light_command_is_described_whole(name: str) -> None:
    assert [p[0] for p in description(name)] == [p.name for p in click_command(name).params]


@pytest.mark.parametrize("name", sorted(WORK))
def test_a_declaration_and_its_work_take_the_same_names_and_defaults(name: str) -> None:
    declared, work = WORK[name]
    assert set(WORK) == set(light.WORK) and light.WORK[name]() is work
    declared_parameters = inspect.signature(declared).parameters
    work_parameters = inspect.signature(work).parameters
    assert list(declared_parameters) == list(work_parameters)
    for parameter in declared_parameters.values():
        assert work_parameters[parameter.name].default == parameter.default, parameter.name


class Captured(BaseException):
    """Raised by the stand-in work, so that Typer's run stops with what it was given (not an
    Exception: the command's error mapping must let it through)."""


def typer_values(args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any] | None:
    """What Typer passes the search's work (and ``--lang``) for ``args``; None when it refuses them."""
    seen: dict[str, Any] = {}

    def work(**values: Any) -> None:
        seen.update(values)
        raise Captured

    monkeypatch.setattr(facts_commands, "run_search", work)
    monkeypatch.setattr(runtime, "use_language", lambda lang: seen.__setitem__("lang", lang))
    try:
        result = CliRunner().invoke(app, ["search", *args], env=env)
    except Captured:
        return seen
    assert result.exit_code != 0 or "--help" in args or "-h" in args, result.output
    return None


def light_values(args: list[str], env: dict[str, str]) -> dict[str, Any] | None:
    """What the light reading passes the work: its values over the work's defaults."""
    values = light.parse(description(), args, env)
    if values is None:
        return None
    defaults = {p.name: p.default for p in inspect.signature(answering.run_search).parameters.values()}
    return {**defaults, "lang": None, **values}


# -- the words command lines are drawn from -------------------------------------------------------

VALUES = [
    "5", "0", "-3", "1900", "2200", "2201", " 12", "1_000", "x", "", "JSON", "json", "Table", "csv", "never",
    "ALWAYS", "fr", "-", "--", "=", "a=b", "Nhật Bản", "kỹ sư", "japan", "/nonexistent/dir", ".", "-n",
]  # fmt: skip
WORDS = ["semiconductor", "engineers", "78,6", "-", "--", "-x", "--nope", "--help", "-h", "-ej", "-5", "---"]


def option_words() -> st.SearchStrategy[list[str]]:
    names = sorted({name for p in description() for name in (*p[2], *p[3]) if name.startswith("-")})
    option = st.sampled_from(names)
    one = st.one_of(
        st.tuples(option).map(list),
        st.tuples(option, st.sampled_from(VALUES)).map(list),
        st.tuples(option, st.sampled_from(VALUES)).map(lambda pair: [f"{pair[0]}={pair[1]}"]),
        st.tuples(option, st.sampled_from(VALUES)).map(lambda pair: [pair[0] + pair[1]]),
        st.sampled_from(WORDS).map(lambda word: [word]),
        st.text(min_size=1, max_size=6).map(lambda text: [text]),
    )
    return st.lists(one, max_size=6).map(lambda parts: [word for part in parts for word in part])


ENVIRONMENTS = st.sampled_from([{}, *({"VNCOOP_FACTS_DIR": value} for value in ("/nonexistent", "", "."))])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=option_words(), env=ENVIRONMENTS)
def test_the_light_reading_agrees_with_typer(
    args: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    full_env = {"VNCOOP_FACTS_DIR": None, **env}  # CliRunner removes a None variable
    ours = light_values(args, env)
    if ours is not None:
        assert typer_values(args, full_env, monkeypatch) == ours  # type: ignore[arg-type]


WELL_FORMED = [
    ["semiconductor", "engineers"],
    ["semiconductor", "--json", "engineers"],
    ["--limit", "3", "chip"],
    ["--limit=3", "chip"],
    ["-n3", "chip", "-k", "event", "-kinvestment"],
    ["chip", "--format", "JSON", "--color", "Never", "--no-pager"],
    ["chip", "--pager", "--facts-dir", "/nonexistent", "--lang", "fr"],
    ["--", "--json", "-n"],
    ["chip", "--jq", "--json"],
    ["chip", "--since", "2020", "--until=2024", "--org", "FPT", "--source", "s1", "-p", "japan", "-s", "chips"],
    ["--stdin", "--explain", "-e", "--fields", "id,title", "--facets", "kind"],
]


@pytest.mark.parametrize("args", WELL_FORMED, ids=" ".join)
def test_a_plain_command_line_is_read_without_typer_as_typer_reads_it(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = light_values(args, {})
    assert ours is not None
    assert typer_values(args, {"VNCOOP_FACTS_DIR": None}, monkeypatch) == ours  # type: ignore[dict-item]


def test_the_values_have_the_types_typer_gives() -> None:
    values = light.parse(description(), ["x", "-f", "JSON", "--facts-dir", "d", "-n", "7"], {})
    assert values == {"query": ["x"], "fmt": OutputFormat.json, "facts_dir": Path("d"), "limit": 7}
    from_environment = light.parse(description(), ["x"], {"VNCOOP_FACTS_DIR": "corpus"})
    assert from_environment == {"query": ["x"], "facts_dir": Path("corpus")}


DECLINED = [
    ["x", "--help"],
    ["-h"],
    ["x", "--nope"],
    ["x", "-ej"],  # grouped short flags
    ["x", "--json=1"],  # a flag given a value
    ["x", "--limit"],  # a missing value
    ["x", "--limit", "0"],  # out of range
    ["x", "--limit", "ten"],
    ["x", "--format", "pdf"],
    ["x", "-5"],
    ["x", "--facts-dir", "a\x00b"],
]


@pytest.mark.parametrize("args", DECLINED, ids=repr)
def test_what_typer_would_refuse_or_explain_is_left_to_it(args: list[str]) -> None:
    assert light.parse(description(), args, {}) is None


def test_an_empty_environment_variable_is_left_to_typer() -> None:
    assert light.parse(description(), ["x"], {"VNCOOP_FACTS_DIR": ""}) is None


# -- what the reading does not know, Typer reads every time ------------------------------------


def _command(function: Any) -> Any:
    small = typer.Typer()
    small.command("target")(function)
    small.command("other")(lambda: None)
    return typer.main.get_command(small).commands["target"]  # type: ignore[attr-defined]


def test_a_plain_small_command_is_described() -> None:
    def plain(name: str, count: Annotated[int, typer.Option(min=0)] = 1, loud: bool = False) -> None: ...

    described = command_description.describe(_command(plain))
    assert described is not None and [p[0] for p in described] == ["name", "count", "loud"]


def _with_callback(value: Annotated[str, typer.Option(callback=lambda v: v)] = "") -> None: ...
def _with_prompt(value: Annotated[str, typer.Option(prompt=True)] = "") -> None: ...
def _with_count(verbose: Annotated[int, typer.Option("-v", count=True)] = 0) -> None: ...
def _with_float(ratio: float = 0.5) -> None: ...
def _with_tuple(pair: tuple[int, int] = (1, 2)) -> None: ...
def _with_clamp(value: Annotated[int, typer.Option(min=0, clamp=True)] = 1) -> None: ...
def _with_existing_path(path: Annotated[Optional[Path], typer.Option(exists=True)] = None) -> None: ...
def _with_true_flag(on: Annotated[bool, typer.Option("--on")] = True) -> None: ...
def _with_list_envvar(tags: Annotated[Optional[list[str]], typer.Option(envvar=["A", "B"])] = None) -> None: ...
def _with_parser(value: Annotated[int, typer.Option(parser=int)] = 0) -> None: ...  # fmt: skip


@pytest.mark.parametrize(
    "function",
    [_with_callback, _with_prompt, _with_count, _with_float, _with_tuple, _with_clamp, _with_existing_path,
     _with_true_flag, _with_list_envvar, _with_parser],
    ids=lambda function: function.__name__,
)  # fmt: skip
def test_a_parameter_of_an_unknown_kind_leaves_the_command_to_typer(function: Any) -> None:
    assert command_description.describe(_command(function)) is None


# -- when a kept description stands -----------------------------------------------------------


def test_a_description_is_kept_only_when_a_run_looked_for_one() -> None:
    light.pending.clear()
    command_description.remember("search", click_command("search"))
    assert light.kept("search") is None
    light.pending[:] = ["search"]
    command_description.remember("search", click_command("search"))
    kept = light.kept("search")
    assert kept is not None and kept[0] == description()


def described_with_a_module_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A module file written in ``folder``, imported (as far as the stamps can tell), then the
    search's description kept: the module file."""
    folder.mkdir(exist_ok=True)
    source = folder / "declared.py"
    source.write_text("OPTIONS = 1\n")
    module = types.ModuleType("vncoop_declared_here")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    light.pending[:] = ["search"]
    command_description.remember("search", click_command("search"))
    return source


def test_a_changed_module_file_voids_the_description(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stamps, "RACY_WINDOW_NS", 0)
    source = described_with_a_module_in(tmp_path / "modules", monkeypatch)  # apart from the cache folder
    assert light.kept("search") is not None
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 1))
    assert light.kept("search") is None


def test_a_module_added_beside_one_voids_the_description(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package or extension of the same name would shadow the module: its folder changes."""
    monkeypatch.setattr(stamps, "RACY_WINDOW_NS", 0)
    source = described_with_a_module_in(tmp_path / "modules", monkeypatch)
    assert light.kept("search") is not None
    source.with_suffix("").mkdir()
    assert light.kept("search") is None


def test_a_script_is_stamped_where_the_search_path_finds_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script run through a symbolic link puts the real script's folder on the search path: that
    folder is stamped, and the link's own (busy, often: ``~/bin``) is not."""
    monkeypatch.setattr(stamps, "RACY_WINDOW_NS", 0)
    (tmp_path / "bin").mkdir()
    (tmp_path / "links").mkdir()
    script = tmp_path / "bin" / "vncoop"
    script.write_text("# a console script\n")
    (tmp_path / "links" / "vn").symlink_to(script)
    main = types.ModuleType("__main__")
    main.__file__ = str(tmp_path / "links" / "vn")
    monkeypatch.setitem(sys.modules, "__main__", main)
    stamped = stamps.imported_files(())
    assert stamped is not None
    folders = {path for path, _ in stamped[0]}
    real, link = (os.path.realpath(tmp_path / name) for name in ("bin", "links"))  # a linked temp folder
    assert real in folders and link not in folders and str(tmp_path / "links") not in folders


def test_nothing_is_kept_from_a_file_changed_a_moment_ago(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It may have changed after it was imported: the description could be of the older code."""
    described_with_a_module_in(tmp_path / "modules", monkeypatch)
    assert light.kept("search") is None


def test_another_interpreter_or_format_voids_the_description(monkeypatch: pytest.MonkeyPatch) -> None:
    light.pending[:] = ["search"]
    command_description.remember("search", click_command("search"))
    assert light.kept("search") is not None
    monkeypatch.setattr(light, "FORMAT", light.FORMAT + 1)
    assert light.kept("search") is None
    monkeypatch.undo()
    monkeypatch.setattr(sys, "prefix", "/another/python")
    assert light.kept("search") is None


def test_two_interpreters_keep_a_description_each(monkeypatch: pytest.MonkeyPatch) -> None:
    light.pending[:] = ["search"]
    command_description.remember("search", click_command("search"))
    with monkeypatch.context() as other:
        other.setattr(sys, "prefix", "/another/python")
        light.pending[:] = ["search"]
        command_description.remember("search", click_command("search"))
        assert (light.kept("search") or ((),))[0] == description()
    assert (light.kept("search") or ((),))[0] == description()  # the first one's is still there


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: (*p[:4], ("nonsense",), *p[5:]),
        lambda p: (p[0], "flag", *p[2:]),
        lambda p: p[:5],
        lambda p: "not a parameter",
    ],
)
def test_a_damaged_parameter_voids_the_description(damage: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    light.pending[:] = ["search"]
    command_description.remember("search", click_command("search"))
    path = light.kept_path("search")
    with open(path, "rb") as file:
        kept_key, files, libraries, parameters, before = marshal.loads(file.read())
    with open(path, "wb") as file:
        file.write(marshal.dumps((kept_key, files, libraries, (damage(parameters[0]), *parameters[1:]), before)))
    assert light.kept("search") is None


def test_a_choice_of_a_vanished_enum_is_left_to_typer() -> None:
    parameters = [
        ("fmt", "option", ("--format",), (), ("choice", ("json",), False, "vncoop.nowhere", "Gone"), False, 1, None)
    ]
    assert light.parse(parameters, ["--format", "json"], {}) is None


def test_an_environment_variable_read_before_the_command_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--facts-dir`` before the command reads $VNCOOP_FACTS_DIR too: Click refuses an unreadable
    one on every run, even when the command is given its own --facts-dir."""
    before = command_description.describe_environment(typer.main.get_command(app))
    assert before is not None and [p[7] for p in before] == ["VNCOOP_FACTS_DIR"]
    environment = {"VNCOOP_FACTS_DIR": "/"}
    assert light.parse(description(), ["x", "--facts-dir", "."], environment, before) is not None
    monkeypatch.setattr(light.os, "access", lambda *args: False)  # as if / were unreadable
    assert light.parse(description(), ["x", "--facts-dir", "."], environment, before) is None


class UpperText(click_types.StringParamType):  # type: ignore[misc]
    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        return str(value).upper()


def _with_required_list(names: Annotated[list[str], typer.Argument()]) -> None: ...
def _with_argument_envvar(name: Annotated[str, typer.Argument(envvar="NAME")] = "") -> None: ...
def _with_subclassed_type(name: Annotated[str, typer.Option(click_type=UpperText())] = "") -> None: ...


@pytest.mark.parametrize(
    "function", [_with_required_list, _with_argument_envvar, _with_subclassed_type], ids=lambda f: f.__name__
)
def test_an_argument_or_type_of_another_kind_leaves_the_command_to_typer(function: Any) -> None:
    assert command_description.describe(_command(function)) is None


def test_a_deprecated_command_leaves_it_to_typer() -> None:
    small = typer.Typer()
    small.command("target", deprecated=True)(lambda name: None)
    small.command("other")(lambda: None)
    assert command_description.describe(typer.main.get_command(small).commands["target"]) is None  # type: ignore[attr-defined]


def test_settings_from_outside_the_command_leave_it_to_typer() -> None:
    class Context:
        default_map = {"search": {"limit": 3}}
        auto_envvar_prefix = token_normalize_func = None
        parent = None

    assert command_description._description(click_command("search"), Context()) is None
