"""The ``vncoop`` console script and ``python -m vncoop``: the CLI app, started quickly.

Kept apart from :mod:`vncoop.cli.main` (the commands) because it is about the process, not the
commands: which command to build, and how to exit.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from vncoop.errors import INTERRUPTED_MESSAGE, WRITE_ERRNOS, ExitCode

if TYPE_CHECKING:
    import typer
    from typer.models import CommandInfo


def _command_name(info: CommandInfo) -> str:
    if info.name:
        return info.name
    return info.callback.__name__.lower().replace("_", "-") if info.callback else ""


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command ``args`` name, when they name one.

    Typer turns every registered command into a Click command on each run, inspecting each
    signature (~10 ms for all of them, a tenth of a search's start-up); a run needs only its own.
    Anything else (no command, an option first, a typo, shell completion) gets the whole app.
    """
    import typer

    from vncoop.cli.main import APP_SETTINGS, app

    if not args or args[0] == "help" or "_VNCOOP_COMPLETE" in os.environ:
        return app
    chosen = [info for info in app.registered_commands if _command_name(info) == args[0]]
    if not chosen:
        return app
    single = typer.Typer(**APP_SETTINGS)
    single.registered_callback = app.registered_callback
    single.registered_commands = chosen
    return single


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """What a stream's encoding lacks, written as JSON escapes (``\\u1ead``, surrogate pairs
    beyond the BMP): JSON output stays valid JSON, and text degrades visibly, never crashes."""
    assert isinstance(error, UnicodeEncodeError)
    text = error.object[error.start : error.end]
    escaped = "".join(
        f"\\u{ord(c):04x}" if ord(c) < 0x10000 else "\\u{:04x}\\u{:04x}".format(*_surrogates(ord(c))) for c in text
    )
    return escaped, error.end


def _surrogates(code: int) -> tuple[int, int]:
    code -= 0x10000
    return 0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)


def _missing_streams_to_devnull() -> None:
    """A stream closed by the shell (``>&-``, ``2>&-``, ``<&-``) is None in Python: writing to it
    or reading it would crash. Output with nowhere to go is dropped, and no input is no input."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115 - the process's own


def _cannot_write(exc: OSError) -> NoReturn:
    try:
        sys.stderr.write(f"vncoop: error: cannot write the output: {exc.strerror or exc}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    from vncoop.cli.terminal import silence_stdout

    silence_stdout()  # what is still buffered would fail again at exit
    sys.exit(ExitCode.DATA_ERROR)


def _tolerant_streams() -> None:
    """Streams that never fail on a character: stdout and stderr in an encoding without it (a
    C locale, ``PYTHONIOENCODING=latin-1``) escape it, and JSON is then written as ASCII with
    escapes; stdin replaces bytes it cannot decode."""
    import codecs

    codecs.register_error("vncoop-escape", _escape_unencodable)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="vncoop-escape")
            except (ValueError, OSError):  # a closed or detached stream: nothing to write to anyway
                continue
            if stream is sys.stdout:
                from vncoop.output.view import JsonText

                JsonText.ascii_only = True
    if hasattr(sys.stdin, "reconfigure"):
        try:
            sys.stdin.reconfigure(errors="replace")
        except (ValueError, OSError):
            pass


def _utf8_arguments(args: list[str]) -> list[str]:
    """Arguments that are valid UTF-8 bytes are UTF-8, whatever the locale says: under ``LC_ALL=C``
    Python decodes ``kỹ sư`` into surrogate escapes, which would search for nothing."""
    fixed = []
    for arg in args:
        try:
            raw = arg.encode(sys.getfilesystemencoding(), "surrogateescape")
        except UnicodeEncodeError:
            fixed.append(arg)
            continue
        try:
            fixed.append(raw.decode("utf-8"))
        except UnicodeDecodeError:  # not UTF-8: keep the bytes (a file name, say) as Python has them
            fixed.append(arg)
    return fixed


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM or SIGHUP: unwind like an error, so that temporary files are removed and worker
    processes stopped by the code that made them, then exit 128 + the signal's number. Inside a
    section that must not be unwound (a parallel cache build), its teardown runs here instead."""
    from vncoop.errors import TEARDOWN

    if TEARDOWN:
        for action in reversed(list(TEARDOWN)):
            try:
                action()
            except Exception:  # noqa: BLE001, S110 - the rest must still run, and the process exit
                pass
        os._exit(128 + signum)
    raise SystemExit(128 + signum)


def _signal_again_if_swallowed(unraisable: Any) -> None:
    """A signal's SystemExit raised where Python cannot propagate an exception (an at-fork hook,
    a finaliser) is only reported as "ignored", and the run would go on. Send the signal again,
    to be handled where the exception can propagate."""
    value = unraisable.exc_value
    code = value.code if isinstance(value, SystemExit) else None
    if isinstance(code, int) and code - 128 in _TERMINATING:
        import threading

        # From another thread, a moment later: raised here, it would be handled (and swallowed)
        # here again. If it lands in such a place once more, this runs once more.
        threading.Timer(0.001, os.kill, (os.getpid(), code - 128)).start()
        return
    sys.__unraisablehook__(unraisable)


_TERMINATING: set[int] = set()


def _handle_termination() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:  # an ignored one stays ignored
            signal.signal(number, _terminate)
            _TERMINATING.add(number)
    sys.unraisablehook = _signal_again_if_swallowed


def main() -> None:
    """The CLI, plus quiet handling of closed pipes and Ctrl-C; exits with SystemExit.

    The CLI is imported inside the ``try`` (in :func:`app_for`): importing it is most of the
    start-up, and a Ctrl-C then must end here, with the message, not in a traceback.
    """
    _missing_streams_to_devnull()
    _handle_termination()
    _tolerant_streams()
    sys.argv[1:] = _utf8_arguments(sys.argv[1:])
    try:
        if sys.argv[1:] in (["--version"], ["-V"]):  # needs no command, no Typer: as fast as Python starts
            from vncoop import __version__

            sys.stdout.write(f"vncoop {__version__}\n")
            return
        from vncoop.cli import light, replay

        # help and completion: read back when nothing they depend on changed; else a command
        # Typer has described before, read without Typer
        answer = replay.Answer(sys.argv[1:]) if replay.wanted(sys.argv[1:]) else None
        if answer is not None and answer.play():
            return
        if answer is None and light.run(sys.argv[1:]):
            return
        with replay.recording(answer):
            app_for(sys.argv[1:])()
    except SystemExit as exc:
        # rich exits 1 when it meets a closed pipe (drawing Typer's help): quiet and 0, as vncoop's own
        if exc.code == 1 and isinstance(exc.__context__, BrokenPipeError):
            sys.exit(ExitCode.OK)
        raise
    except BrokenPipeError:
        from vncoop.cli.terminal import silence_stdout

        silence_stdout()
        sys.exit(ExitCode.OK)
    except OSError as exc:
        if exc.errno not in WRITE_ERRNOS:
            raise
        _cannot_write(exc)
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED_MESSAGE)
        sys.exit(ExitCode.INTERRUPTED)


def run() -> NoReturn:
    """Console-script entry point: :func:`main`, then a quick exit.

    Tearing the interpreter down (freeing every module Typer and Click import) takes ~10 ms, a
    tenth of a search; a finished run has nothing left to clean up (files are closed, worker
    processes joined, nothing registered with atexit), so once output is flushed it exits at once.
    """
    try:
        main()
        code: object = ExitCode.OK
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # what sys.exit("message") would have printed
        sys.stderr.write(code + "\n")
        code = ExitCode.DATA_ERROR
    status = code if isinstance(code, int) else 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError as exc:
            from vncoop.cli.terminal import silence_stdout

            silence_stdout()
            if exc.errno in WRITE_ERRNOS and stream is sys.stdout:  # not a closed pipe: a real failure
                try:
                    sys.stderr.write(f"vncoop: error: cannot write the output: {exc.strerror or exc}\n")
                    sys.stderr.flush()
                except (OSError, ValueError):
                    pass
                status = ExitCode.DATA_ERROR
        except ValueError:  # a stream already closed
            pass
    os._exit(status)
