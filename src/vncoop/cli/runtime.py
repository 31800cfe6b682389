"""The Typer side of every command: its command classes, and parse errors in vncoop's words.

Two kinds of error reach the user, both as ``vncoop: error: …`` on one line of stderr:
- the core's :class:`VncoopError` family, mapped in :func:`vncoop.cli.command_context.errors_mapped`
  (for Typer's commands by :class:`ErrorHandlingCommand`);
- parse errors (unknown command or option, bad or missing value), which Click would print as a
  three-line usage block: :class:`VncoopGroup` says them in one line, exit 2, with "did you mean".
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from vncoop.cli import command_description
from vncoop.cli.command_context import environment_language, errors_mapped, use_language
from vncoop.errors import INTERRUPTED_MESSAGE, ExitCode
from vncoop.output.escape import one_line
from vncoop.text.i18n import LANGUAGE_ENV, LANGUAGES, tr

# Click's exceptions, wherever this Typer takes Click from (its own copy since 0.2x, or click).
_click_errors = sys.modules[typer.BadParameter.__module__]
_NO_ARGS: type[Exception] = getattr(_click_errors, "NoArgsIsHelpError", type("NeverRaised", (Exception,), {}))


LANG_HELP = (
    "Language of titles, summaries, tables and messages: en, fr or vi. "
    f"Default: ${LANGUAGE_ENV}, else the locale if French or Vietnamese, else English."
)


def lang_option(panel: str) -> Any:
    """``--lang``, which every command takes (added to each at registration, see ``cli.main``)."""
    return TyperOption(
        param_decls=["--lang"],
        default=None,
        autocompletion=lambda typed: [name for name in LANGUAGES if name.startswith(typed.lower())],
        metavar="LANG",
        help=LANG_HELP,
        show_default=False,
        rich_help_panel=panel,
    )


class ErrorHandlingCommand(TyperCommand):
    """Maps domain errors to exit codes; the last resort for anything unexpected."""

    def invoke(self, ctx: Any) -> Any:  # Any: the base class takes click's Context, which Typer now vendors
        command_description.remember(ctx.info_name, self, ctx)  # for the next run to read its options without Typer
        with errors_mapped(passing=(typer.Exit, typer.Abort, _click_errors.ClickException)):
            use_language(ctx.params.pop("lang", None))
            return super().invoke(ctx)


def usage_message(error: Exception) -> str:
    """A parse error in vncoop's words, on one line, with the help to ask for."""
    from vncoop.text.suggest import suggest  # only on an error

    if isinstance(error, _click_errors.NoSuchOption):
        typed = error.option_name
        dashes = "--" if typed.startswith("--") else "-"
        known = sorted(
            {
                opt[len(dashes) :]
                for param in _command_params(error)
                for opt in param.opts + param.secondary_opts
                if opt.startswith(dashes) and (dashes == "-") == (not opt.startswith("--"))
            }
        )
        text = tr(
            "unknown option {option}{hint}",
            option=typed,
            hint=suggest(typed[len(dashes) :], known, lambda name: dashes + name),
        )
    elif isinstance(error, _click_errors.MissingParameter) and error.param is not None:
        kind = "argument" if error.param.param_type_name == "argument" else "option"
        name = error.param.human_readable_name if kind == "argument" else "/".join(error.param.opts)
        text = tr("missing argument {name}" if kind == "argument" else "missing option {name}", name=name)
    else:
        text = error.format_message() if hasattr(error, "format_message") else str(error)
        text = text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text
    ctx = getattr(error, "ctx", None)
    command = ctx.command_path if ctx is not None else "vncoop"
    return " ".join(tr("{message} (see '{command} -h')", message=text.rstrip("."), command=command).split())


def _command_params(error: Any) -> list[Any]:
    ctx = getattr(error, "ctx", None)
    return list(ctx.command.params) if ctx is not None else []


def _completing() -> bool:
    """Whether the shell asked for completions (``_VNCOOP_COMPLETE=complete_bash`` and the like)."""
    return any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ)


class VncoopGroup(TyperGroup):
    """The command group: unknown commands get "did you mean", and every parse error one line."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from vncoop.text.suggest import suggest

            known = self.list_commands(ctx)
            raise _click_errors.UsageError(
                tr("unknown command {name}{hint}", name=repr(name), hint=suggest(name, known)), ctx
            )
        return super().resolve_command(ctx, args)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        environment_language()
        from vncoop.index.registry_store import use_kept_registry

        use_kept_registry()  # a partner named on the command line is looked up without reading CLDR
        try:
            result = super().main(*args, **{**kwargs, "standalone_mode": False})
        except _NO_ARGS as error:  # plain `vncoop`: the help, as gh shows it
            if not standalone_mode:
                raise
            ctx = getattr(error, "ctx", None)
            sys.stdout.write((ctx.get_help() if ctx is not None else str(error)) + "\n")
            sys.exit(ExitCode.OK)
        except _click_errors.UsageError as error:
            if not standalone_mode:
                raise
            sys.stderr.write(f"vncoop: error: {one_line(usage_message(error))}\n")
            sys.exit(ExitCode.USAGE_ERROR)
        except typer.Abort:
            if not standalone_mode:
                raise
            sys.stderr.write(INTERRUPTED_MESSAGE)
            sys.exit(ExitCode.INTERRUPTED)
        except _click_errors.ClickException as error:
            if not standalone_mode:
                raise
            sys.stderr.write(f"vncoop: error: {one_line(error.format_message())}\n")
            sys.exit(error.exit_code)
        except OSError as error:  # outside any command: --install-completion and its rc file
            if error.filename is None or isinstance(error, BrokenPipeError) or not standalone_mode:
                raise  # the output itself: the entry point decides (closed pipe, full disk)
            shown = one_line(repr(os.fsdecode(error.filename)))
            sys.stderr.write(f"vncoop: error: cannot write {shown}: {one_line(error.strerror or str(error))}\n")
            sys.exit(ExitCode.DATA_ERROR)
        except (ValueError, KeyError, IndexError):
            if not standalone_mode or not _completing():
                raise
            sys.stderr.write("vncoop: error: shell completion: COMP_WORDS or COMP_CWORD is missing or malformed\n")
            sys.exit(ExitCode.USAGE_ERROR)
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else ExitCode.OK)
        return result
