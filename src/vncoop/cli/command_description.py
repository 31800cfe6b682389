"""What Typer built for a command, described as data for :mod:`vncoop.cli.light` to read later
command lines with: taken on a run through Typer (from the Click command and its context), or
refused when any parameter or setting is of a kind the light reading does not know.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from vncoop.cli.light import LIBRARIES, Description, Parameter, kept_path, key, pending
from vncoop.cli.stamps import imported_files
from vncoop.index.common import keep_marshalled


def remember(command: str, click_command: Any, context: Any = None) -> None:
    """Keep the description of ``command`` (as Typer built it, ``context`` its Click context) if
    the run looked for one and found none; never fails the run."""
    if pending != [command]:
        return
    pending.clear()
    try:
        described = _description(click_command, context)
        stamped = imported_files(LIBRARIES) if described is not None else None
        path = kept_path(command)
    except Exception:  # noqa: BLE001 - a Click or Typer unlike the ones known, no home: Typer reads
        return
    if described is None or stamped is None:
        return
    if keep_marshalled(path, (key(), *stamped, *described)):
        try:
            _sweep_temporaries(os.path.dirname(path))
        except OSError:
            pass


def _sweep_temporaries(folder: str) -> None:
    """Remove what a run killed while writing left behind (an hour old: never a live one's)."""
    import time

    for entry in os.scandir(folder):
        if entry.name.endswith(".tmp") and entry.stat().st_mtime < time.time() - 3600:
            os.unlink(entry.path)


def _description(click_command: Any, context: Any) -> Description | None:
    contexts = [context, getattr(context, "parent", None)] if context is not None else []
    for each in contexts:  # settings that reach a command from outside its parameters
        if each is not None and (each.default_map or each.auto_envvar_prefix or each.token_normalize_func):
            return None
    parameters = describe(click_command)
    group = getattr(contexts[1], "command", None) if len(contexts) > 1 and contexts[1] is not None else None
    before = describe_environment(group) if group is not None else ()
    return None if parameters is None or before is None else (parameters, before)


def describe_environment(group: Any) -> tuple[Parameter, ...] | None:
    """The options before the command that read an environment variable (Click checks their
    value on every run), or None if one is of a kind this reading does not know."""
    if _unknown_settings(group):
        return None
    declared = _declared_types(group)
    found = []
    for param in group.params:
        if param.envvar is None:
            continue
        described = _parameter(param, None if declared is None else declared.get(param.name))
        if described is None or declared is None:
            return None
        found.append(described)
    return tuple(found)


def _unknown_settings(command: Any) -> bool:
    settings = getattr(command, "context_settings", {}) or {}
    return bool(set(settings) - {"help_option_names"}) or bool(getattr(command, "deprecated", False))


def describe(click_command: Any) -> tuple[Parameter, ...] | None:
    """The parameters of a Click command as Typer built it, or None if any is of a kind this
    reading does not know (then every run goes through Typer)."""
    if _unknown_settings(click_command) or not click_command.allow_interspersed_args:
        return None
    if click_command.ignore_unknown_options or click_command.allow_extra_args:
        return None
    declared = _declared_types(click_command)
    if declared is None:
        return None
    parameters = []
    for param in click_command.params:
        described = _parameter(param, declared.get(param.name))
        if described is None:
            return None
        parameters.append(described)
    if sum(1 for p in parameters if p[1] == "argument" and p[6] == -1) > 1:
        return None
    return tuple(parameters)


def _parameter(param: Any, declared: type | None) -> Parameter | None:
    role = getattr(param, "param_type_name", None)
    if role not in ("argument", "option") or param.callback is not None or not param.expose_value:
        return None
    if role == "option" and (getattr(param, "prompt", None) is not None or getattr(param, "count", False)):
        return None
    if role == "option" and (param.nargs != 1 or param.required):
        return None
    if role == "argument" and ((param.nargs == 1) != bool(param.required) or param.envvar is not None):
        return None  # an optional single argument, a required list of them, or one from the environment
    if not all(name.startswith("-") for name in (*param.opts, *param.secondary_opts)) and role == "option":
        return None  # options written with + or /
    envvar = param.envvar
    if envvar is not None and not isinstance(envvar, str):
        return None
    value_type = _value_type(param, declared)
    if value_type is None:
        return None
    names, negating = tuple(param.opts), tuple(param.secondary_opts)
    return (param.name, role, names, negating, value_type, bool(param.multiple), param.nargs, envvar)


def _value_type(param: Any, declared: type | None) -> tuple[Any, ...] | None:
    kind = param.type
    type_name = type(kind).__name__  # exactly Click's or Typer's own: a subclass converts its own way
    if getattr(param, "is_flag", False):
        if not getattr(param, "is_bool_flag", False) or getattr(param, "flag_value", True) is not True:
            return None
        if declared not in (None, bool) or (not param.secondary_opts and param.default not in (False, None)):
            return None  # Click 8.1 makes a lone flag that defaults to true mean false
        return ("flag",)
    if param.secondary_opts:
        return None
    if type_name == "StringParamType" and declared in (None, str):
        return ("text",)
    if type_name in ("IntParamType", "IntRange") and declared in (None, int):
        if getattr(kind, "min_open", False) or getattr(kind, "max_open", False) or getattr(kind, "clamp", False):
            return None
        return ("int", getattr(kind, "min", None), getattr(kind, "max", None))
    if type_name in ("Choice", "TyperChoice"):
        if not all(isinstance(choice, str) for choice in kind.choices):
            return None
        from enum import Enum

        choices = ("choice", tuple(kind.choices), bool(kind.case_sensitive))
        if isinstance(declared, type) and issubclass(declared, Enum):
            return (*choices, declared.__module__, declared.__qualname__)
        return (*choices, None, None) if declared in (None, str) else None
    if type_name in ("Path", "TyperPath"):
        plain: dict[str, object] = {
            "exists": False,
            "file_okay": True,
            "dir_okay": True,
            "writable": False,
            "resolve_path": False,
        }
        plain.update({"allow_dash": False, "executable": False, "path_type": None, "type": None})
        if any(getattr(kind, attribute, default) != default for attribute, default in plain.items()):
            return None
        if declared not in (None, str, Path):
            return None
        return ("path", bool(getattr(kind, "readable", True)), declared is Path)
    return None


def _declared_types(click_command: Any) -> dict[str, type | None] | None:
    """Each parameter's type as the command's function declares it (``Optional`` and ``list``
    taken off): Typer turns choices into that Enum and paths into ``Path`` after Click."""
    import typing

    function = getattr(click_command.callback, "__wrapped__", None)
    if function is None:
        return None
    try:
        hints = typing.get_type_hints(function)
    except Exception:  # noqa: BLE001 - an unreadable annotation: not described, so Typer reads it
        return None
    found: dict[str, type | None] = {}
    for name, hint in hints.items():
        for _ in range(3):  # Optional[list[X]] → list[X] → X
            arguments = [a for a in typing.get_args(hint) if a is not type(None)]
            if typing.get_origin(hint) is None or len(arguments) != 1:
                break
            hint = arguments[0]
        found[name] = hint if isinstance(hint, type) else None
    return found
