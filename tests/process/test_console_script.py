"""The installed console script in real processes: closed pipes, Ctrl-C, errors, start-up.

Each test waits on a condition it can see (an answer read, a pipe's buffer full), never on a
delay, and sets what it depends on in the child itself (SIGINT's disposition, the cache folder).
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from vncoop.index import build

from conftest import CORPORA, VALID, console_script


# -- the installed console script, in real processes ------------------------------------------
@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid corpus plus 400 facts with long titles: output in every format far beyond a pipe's buffer."""
    root = tmp_path_factory.mktemp("big") / "corpus"
    shutil.copytree(VALID, root)
    seminar = (VALID / "facts.yaml").read_text(encoding="utf-8").split("  - id: sample-engineers")[0]
    body = seminar.split("facts:\n", 1)[1]
    long_title = "Seminar in Tokyo with around 300 guests" + " and a long title" * 30
    body = body.replace("Seminar in Tokyo with around 300 guests", long_title)
    many = "".join(body.replace("sample-seminar", f"sample-seminar-{i}") for i in range(400))
    (root / "many.yaml").write_text("facts:\n" + many, encoding="utf-8")
    return root


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return env


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["list", "--format", "jsonl"],
        ["list", "--format", "csv"],
        ["list", "--format", "yaml"],
        ["list"],
        ["search", "seminar Tokyo", "--limit", "400", "--format", "markdown"],
    ],
    ids=" ".join,
)
def test_closed_pipe_is_quiet(tmp_path: Path, big_corpus: Path, args: list[str]) -> None:
    if shutil.which("bash") is None or shutil.which("head") is None:
        pytest.skip("needs bash and head")
    exe = console_script()
    command = " ".join(shlex.quote(a) for a in [exe, *args, "--facts-dir", str(big_corpus)])
    script = f"{command} 2>{shlex.quote(str(tmp_path / 'err'))} | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}"
    full = subprocess.run([exe, *args, "--facts-dir", str(big_corpus)], capture_output=True, env=_env(tmp_path))
    assert full.returncode == 0 and len(full.stdout) > 192 * 1024, "the output must overflow the pipe buffer"
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=_env(tmp_path), timeout=60)
    stderr = (tmp_path / "err").read_text()
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr and "Exception ignored" not in stderr, stderr
    assert done.stdout.strip() == "0", (done.stdout, stderr)


@pytest.mark.parametrize(
    ("args", "extra"),
    [(["list"], {"VNCOOP_FORCE_TTY": "100"}), (["search", "--help"], {})],
    ids=["drawn table", "help, computed then replayed"],
)
def test_closed_pipe_under_rich_is_quiet(tmp_path: Path, args: list[str], extra: dict[str, str]) -> None:
    """rich exits 1 on a closed pipe; vncoop's contract is a quiet 0, for its tables and Typer's help."""
    if shutil.which("bash") is None or shutil.which("head") is None:
        pytest.skip("needs bash and head")
    command = " ".join(shlex.quote(a) for a in [console_script(), *args])
    env = {**_env(tmp_path), "COLUMNS": "100", **extra}
    for _ in range(2):  # the second help is replayed
        done = subprocess.run(["bash", "-c", f"{command} | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}"],
                              capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
        assert (done.stdout.strip(), done.stderr) == ("0", "")


def test_a_failure_with_output_to_devnull_keeps_its_exit_code(tmp_path: Path) -> None:
    with open(os.devnull, "w") as devnull:
        done = subprocess.run([console_script(), "show", "no-such-fact"], stdout=devnull, env=_env(tmp_path))
    assert done.returncode == 1


def test_closed_pipe_is_quiet_python_m(tmp_path: Path, big_corpus: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "vncoop", "list", "--json", "--facts-dir", str(big_corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(10) == b"[\n  {\n    "
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr


def _sigint_as_at_a_terminal() -> None:
    """In the child: SIGINT's default action, as a foreground job at a terminal has it.

    A process inherits an *ignored* SIGINT from a parent that ignores it (``nohup``, a command
    started with ``&`` by a non-interactive shell, some CI runners); Python then keeps it ignored,
    as POSIX tools do, and a Ctrl-C test would wait for ever. The test must not depend on how
    pytest itself was started.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and select() on pipes")
def test_real_sigint_exits_130_quietly(tmp_path: Path) -> None:
    """A real Ctrl-C while ``search --stdin`` waits for its next query."""
    env = _env(tmp_path)
    env["PYTHONUNBUFFERED"] = "1"  # each answer leaves at once, so the test knows the loop is running
    process = subprocess.Popen(
        [console_script(), "search", "--stdin", "--fields", "id", "--facts-dir", str(VALID)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=_sigint_as_at_a_terminal,
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    try:
        process.stdin.write(b"engineers\n")
        process.stdin.flush()
        # Ready: the first answer is out, so the process is in its read loop with its handlers set.
        assert json.loads(process.stdout.readline())["results"][0] == {"id": "sample-engineers"}
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stderr = process.stderr.read().decode()
    assert code == 130, stderr
    assert stderr.strip() == "vncoop: interrupted"


INTERRUPTED_WHILE_IMPORTING = """
import sys

INTERRUPTED = sys.argv[1]

class CtrlCWhileImporting:
    def find_spec(self, name, path=None, target=None):
        if name == INTERRUPTED:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlCWhileImporting())
from vncoop.cli.entry import run
sys.argv = ["vncoop", "search", "engineers"]
run()
"""


@pytest.mark.parametrize("module", ["typer", "vncoop.cli.main", "vncoop.search.engine"])
def test_ctrl_c_during_start_up_imports_exits_130_quietly(tmp_path: Path, module: str) -> None:
    """Importing the CLI is most of the start-up: a Ctrl-C then gets the message, not a traceback."""
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WHILE_IMPORTING, module],
        capture_output=True,
        text=True,
        env={**_env(tmp_path), "VNCOOP_FACTS_DIR": str(VALID)},
        timeout=120,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip() == "vncoop: interrupted"
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["list", "--facts-dir", str(CORPORA / "zoo" / "unknown-key")], 1),
        (["validate", str(CORPORA / "zoo" / "several-defects")], 1),
        (["validate", "/nonexistent/vncoop/corpus"], 1),
        (["search", "x", "--limit", "abc"], 2),
        (["search", "\x1b[31m\u202e" * 1000], 0),
        (["show", "no-such-fact", "--facts-dir", str(VALID)], 1),
    ],
    ids=lambda v: " ".join(v)[:40] if isinstance(v, list) else str(v),
)
def test_real_process_errors_have_no_traceback(tmp_path: Path, args: list[str], code: int) -> None:
    done = subprocess.run([console_script(), *args], capture_output=True, text=True, env=_env(tmp_path), timeout=60)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    if code == 1:
        assert done.stdout == ""
        assert "vncoop:" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_unwind_and_exit_128_plus_the_signal(tmp_path: Path, name: str) -> None:
    number = getattr(signal, name)
    process = subprocess.Popen(
        [console_script(), "search", "--stdin", "--fields", "id", "--facts-dir", str(VALID)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**_env(tmp_path), "PYTHONUNBUFFERED": "1"},
        preexec_fn=lambda: signal.signal(number, signal.SIG_DFL),
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    try:
        process.stdin.write(b"engineers\n")
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["results"][0] == {"id": "sample-engineers"}  # ready
        process.send_signal(number)
        code = process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == 128 + number
    assert "Traceback" not in process.stderr.read().decode()


def test_a_temporary_cache_left_by_a_killed_run_is_swept(tmp_path: Path) -> None:
    from vncoop.index import store

    folder = tmp_path / "cache" / "vncoop"
    folder.mkdir(parents=True)
    stale, fresh = folder / ".corpus-dead.tmp", folder / ".corpus-busy.tmp"
    stale.write_bytes(b"x" * 1024)
    fresh.write_bytes(b"x")
    old = __import__("time").time() - store.STALE_AFTER_SECONDS - 60
    os.utime(stale, (old, old))
    store._sweep_stale_temporaries(folder)
    assert not stale.exists() and fresh.exists()  # another run may still be building that one


def _children(pid: int) -> set[int]:
    """Live processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from Linux /proc")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGKILL"])
def test_a_signal_during_a_parallel_build_stops_the_workers(tmp_path: Path, name: str) -> None:
    """SIGTERM unwinds: workers stopped, no temporary left, exit 143. SIGKILL cannot be caught:
    the workers notice that their parent is gone and exit (the temporary is swept by a later run)."""
    import time

    number = getattr(signal, name)
    corpus = tmp_path / "corpus"
    shutil.copytree(VALID, corpus)
    facts = (corpus / "facts.yaml").read_text(encoding="utf-8")
    (corpus / "facts.yaml").unlink()
    for index in range(1500):  # seconds of validation: time to be caught in the middle
        (corpus / f"f{index:04d}.yaml").write_text(facts.replace("id: sample-", f"id: s{index}-"), "utf-8")
    cache = tmp_path / "cache" / "vncoop"
    errors = tmp_path / "stderr"
    with errors.open("wb") as stderr:  # a file, not a pipe: a worker that lived on would hold a pipe open
        process = subprocess.Popen(
            [console_script(), "list", "--json", "--facts-dir", str(corpus)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=_env(tmp_path),
            preexec_fn=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL),
        )
    want_workers = build.usable_cores() > 1
    workers: set[int] = set()
    building = False
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            building = cache.is_dir() and any(p.name.endswith(".tmp") for p in cache.iterdir())
            workers = _children(process.pid)
            if building and (len(workers) >= 2 or not want_workers):
                break
            time.sleep(0.02)
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert building and (len(workers) >= 2 or not want_workers), "no parallel build to interrupt"
        process.send_signal(number)
        code = process.wait(timeout=60)
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        lingering = [pid for pid in workers if _alive(pid)]
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert not lingering, "worker processes outlived the run"
    assert code in (128 + number, -number)
    if name == "SIGTERM":
        assert code == 128 + number
        assert "Traceback" not in errors.read_text(encoding="utf-8", errors="replace")
        assert not [p.name for p in cache.iterdir() if p.name.endswith(".tmp")]


SIGNAL_IN_A_FINALISER = """
import signal, time
from vncoop.cli import entry
entry._handle_termination()
class Finaliser:
    def __del__(self):
        signal.raise_signal(signal.SIGTERM)  # its SystemExit is swallowed here: "Exception ignored"
try:
    Finaliser()
    for _ in range(500):
        time.sleep(0.01)
    print("went on")
except SystemExit as stop:
    print("exit", stop.code)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_sigterm_landing_where_exceptions_are_swallowed_still_ends_the_run() -> None:
    """A signal during an at-fork hook or a finaliser (seen while starting build workers)."""
    done = subprocess.run([sys.executable, "-c", SIGNAL_IN_A_FINALISER], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == f"exit {128 + signal.SIGTERM}"
    assert "Traceback" not in done.stderr and "ignored" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork")
def test_a_forked_child_never_runs_its_parents_teardown() -> None:
    from vncoop.errors import TEARDOWN, undone_if_terminated

    with undone_if_terminated(lambda: None):
        pid = os.fork()
        if pid == 0:  # the child: its teardown list must be empty
            os._exit(0 if not TEARDOWN else 1)
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
