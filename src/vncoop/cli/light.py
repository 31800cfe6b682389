"""A command line read without Typer, by the rules Typer itself built for the command.

Importing Typer and building a command costs more than a search itself. So the first run of a
command through Typer keeps a description of its parameters, taken from the Click command
Typer built (option names, flags, value types, ranges, choices, environment variables; see
:mod:`vncoop.cli.command_description`), with the stamps of every module file it was built from
and of their folders (see :mod:`vncoop.cli.stamps`). Later runs whose
files are unchanged read their command line with that description and call the command's work
(in a Typer-free module such as :mod:`vncoop.cli.answering`) directly. Nothing is described
twice by hand: the description is Typer's own, and a test holds the two readings equal.

The reading is deliberately narrow. Whatever it is not sure of (help, an unknown or misspelt
option, a missing value, a value Click would refuse, grouped short options, options before the
command, shell completion) is left to Typer, which also says what is wrong; so an error always
reads the same, whichever way the run started. ``VNCOOP_NO_CACHE`` turns this off, as it does
every kept answer.
"""

from __future__ import annotations

import importlib
import marshal
import os
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import vncoop
from vncoop.cli.stamps import unchanged
from vncoop.index.common import cache_directory

FORMAT = 1
LIBRARIES = ("typer", "click")

# A parameter: (name, "argument" | "option", names, negating names, value type, multiple, nargs,
# environment variable). A value type: ("text",), ("flag",), ("int", low, high),
# ("choice", choices, case_sensitive, enum module, enum name), ("path", readable, as Path).
Parameter = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[Any, ...], bool, int, "str | None"]
# A command's parameters, and those of the options before it that read an environment variable
# (Click checks those on every run, before the command's own)
Description = tuple[tuple[Parameter, ...], tuple[Parameter, ...]]


def _search_work() -> Callable[..., None]:
    from vncoop.cli.answering import run_search

    return run_search


WORK: dict[str, Callable[[], Callable[..., None]]] = {"search": _search_work}

pending: list[str] = []  # the command whose description is missing or stale: Typer's run keeps it


def kept_path(command: str) -> str:
    """One file per command and interpreter, so that two installs sharing a cache never take
    turns overwriting each other's description."""
    return os.path.join(cache_directory(), "commands", f"{command}-{zlib.crc32(marshal.dumps(key())):08x}.parameters")


def key() -> tuple[Any, ...]:
    """The interpreter and this copy of vncoop; which Typer and Click is checked by their origins
    (so ``vncoop`` and ``python -m vncoop``, whose search paths differ, share one description)."""
    return (FORMAT, sys.version, sys.prefix, os.path.dirname(vncoop.__file__))


def kept(command: str) -> Description | None:
    try:
        with open(kept_path(command), "rb") as file:
            kept_key, files, libraries, parameters, before = marshal.loads(file.read())
        if kept_key != key() or not all(map(_well_formed, (*parameters, *before))) or not unchanged(files, libraries):
            return None
    except (OSError, ValueError, EOFError, TypeError):  # none yet, no home, unreadable, another format
        return None
    return tuple(parameters), tuple(before)


def _well_formed(parameter: Any) -> bool:
    """Whether a kept parameter has the shape :func:`describe` gives (a damaged file must not
    make a search fail)."""
    if not (isinstance(parameter, tuple) and len(parameter) == 8):
        return False
    name, role, names, negating, value_type, multiple, nargs, envvar = parameter
    kinds = {"text": 1, "flag": 1, "int": 3, "choice": 5, "path": 3}
    return (
        isinstance(name, str)
        and role in ("argument", "option")
        and all(isinstance(n, str) for n in (*names, *negating))
        and isinstance(value_type, tuple)
        and bool(value_type)
        and kinds.get(value_type[0]) == len(value_type)
        and isinstance(multiple, bool)
        and nargs in (1, -1)
        and (envvar is None or isinstance(envvar, str))
    )


def run(args: list[str]) -> bool:
    """Run ``args`` without Typer if their command has a kept description that reads them; False
    (nothing done) when Typer must run them."""
    command = args[0] if args else ""
    if command not in WORK or os.environ.get("VNCOOP_NO_CACHE") or _completing(os.environ):
        return False
    description = kept(command)
    if description is None:
        pending[:] = [command]
        return False
    values = parse(description[0], args[1:], os.environ, description[1])
    if values is None:
        return False
    from vncoop.cli.command_context import environment_language, errors_mapped, use_language
    from vncoop.index.registry_store import use_kept_registry

    environment_language()
    use_kept_registry()
    lang = values.pop("lang", None)
    with errors_mapped():
        use_language(lang)
        WORK[command]()(**values)
    return True


def _completing(environ: Mapping[str, str]) -> bool:
    return any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ)


# -- reading a command line -----------------------------------------------------------------------


def parse(
    parameters: Sequence[Parameter],
    args: Sequence[str],
    environ: Mapping[str, str],
    before: Sequence[Parameter] = (),
) -> dict[str, Any] | None:
    """The values Typer would pass to the command's function for ``args`` (only those given on the
    command line or by the environment; the function's defaults stand for the rest), or
    None when this reading is not sure to agree with Typer's. ``before``: the options before the
    command that read an environment variable, whose value Click checks on every run."""
    for _name, _role, _names, _negating, value_type, _multiple, _nargs, envvar in before:
        if envvar is not None and environ.get(envvar) and _converted(value_type, environ[envvar]) is None:
            return None
    named: dict[str, tuple[Parameter, bool]] = {}
    for parameter in parameters:
        if parameter[1] == "option":
            named.update({name: (parameter, True) for name in parameter[2]})
            named.update({name: (parameter, False) for name in parameter[3]})
    given: dict[str, list[Any]] = {}
    positional: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "--":
            positional += args[index:]
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, attached = _split_option(arg, named)
        if name not in named:
            return None  # unknown, misspelt, grouped short options, help: Typer says
        parameter, positive = named[name]
        if parameter[4][0] == "flag":
            if attached is not None:
                return None
            given.setdefault(parameter[0], []).append(positive)
            continue
        if attached is None:
            if index >= len(args):
                return None
            attached = args[index]
            index += 1
        value = _converted(parameter[4], attached)
        if value is None:
            return None
        given.setdefault(parameter[0], []).append(value)
    return _assigned(parameters, given, positional, environ)


def _split_option(arg: str, named: Mapping[str, Any]) -> tuple[str, str | None]:
    """``--name=value`` → (``--name``, value); ``-nVALUE`` → (``-n``, VALUE) for an option that
    takes a value; anything else as it is."""
    if arg.startswith("--"):
        name, equals, value = arg.partition("=")
        return (name, value) if equals else (arg, None)
    if len(arg) > 2 and arg[:2] in named and named[arg[:2]][0][4][0] != "flag":
        return arg[:2], arg[2:]
    return arg, None


def _assigned(
    parameters: Sequence[Parameter], given: dict[str, list[Any]], positional: list[str], environ: Mapping[str, str]
) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    rest = list(positional)
    for name, role, _names, _negating, value_type, multiple, nargs, envvar in parameters:
        if role == "argument":
            if nargs == -1:
                taken, rest = rest, []
                if taken:
                    converted = [_converted(value_type, item) for item in taken]
                    if None in converted:
                        return None
                    values[name] = converted
            elif nargs == 1 and rest:
                value = _converted(value_type, rest.pop(0))
                if value is None:
                    return None
                values[name] = value
            else:
                return None
        elif name in given:
            values[name] = given[name] if multiple else given[name][-1]
        elif envvar is not None and envvar in environ:
            if not environ[envvar] or multiple:
                return None  # Click splits or skips these: Typer decides
            value = _converted(value_type, environ[envvar])
            if value is None:
                return None
            values[name] = value
    if rest:
        return None  # more words than the arguments take: Typer says so
    return values


def _converted(value_type: tuple[Any, ...], text: str) -> Any:
    kind = value_type[0]
    if kind == "text":
        return text
    if kind == "int":
        try:
            number = int(text)
        except ValueError:
            return None
        low, high = value_type[1], value_type[2]
        return None if (low is not None and number < low) or (high is not None and number > high) else number
    if kind == "choice":
        choices, case_sensitive, module, enum = value_type[1:]
        typed = text if case_sensitive else text.casefold()
        for choice in choices:
            if (choice if case_sensitive else choice.casefold()) == typed:
                if module is None:
                    return choice
                try:
                    return getattr(importlib.import_module(module), enum)(choice)
                except (ImportError, AttributeError, ValueError, TypeError):  # a damaged description
                    return None
        return None
    if kind == "path":  # as Click checks a path that need not exist
        readable, as_path = value_type[1], value_type[2]
        try:
            os.stat(text)
        except ValueError:  # a NUL in the name
            return None
        except OSError:
            pass
        else:
            if readable and not os.access(text, os.R_OK):
                return None
        if not as_path:
            return text
        from pathlib import Path  # only for a path given: a replayed help page never loads pathlib

        return Path(text)
    return None
