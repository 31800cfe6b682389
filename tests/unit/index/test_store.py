"""The validated-corpus cache: hits skip YAML and pydantic, changes rebuild only what changed."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import vncoop.index.common
from vncoop.app.corpora import load_corpus
from vncoop.index import build, store

from conftest import VALID, dated_back


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(VALID, target)
    return target


def test_cache_hit_matches_fresh_load(corpus_copy: Path) -> None:
    fresh = load_corpus(corpus_copy, use_cache=False)
    first = load_corpus(corpus_copy)
    assert store.cache_path(corpus_copy).exists()
    second = load_corpus(corpus_copy)
    assert first.facts == second.facts == fresh.facts
    assert second.sources == fresh.sources and second.thesaurus == fresh.thesaurus
    assert second.locations == fresh.locations
    assert second.warnings == []


def test_only_changed_files_are_validated(corpus_copy: Path, request: pytest.FixtureRequest) -> None:
    load_corpus(corpus_copy)
    seen: list[str] = request.getfixturevalue("validated")  # from here on
    load_corpus(corpus_copy)
    assert seen == []
    facts = corpus_copy / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("around 300 guests", "about 300 guests", 1))
    corpus = load_corpus(corpus_copy)
    assert seen == ["facts.yaml"]
    assert corpus.fact("sample-seminar")["title"] == "Seminar in Tokyo with about 300 guests"  # type: ignore[index]


def test_corrupt_cache_is_ignored_with_a_warning(corpus_copy: Path) -> None:
    load_corpus(corpus_copy)
    store.cache_path(corpus_copy).write_bytes(b"not a database at all" * 10)
    corpus = load_corpus(corpus_copy)
    assert len(corpus.facts) == 5
    assert corpus.warnings and "cache" in corpus.warnings[0]
    assert load_corpus(corpus_copy).warnings == []  # rebuilt


def test_invalid_file_is_never_cached(corpus_copy: Path) -> None:
    from vncoop.errors import CorpusError

    load_corpus(corpus_copy)
    (corpus_copy / "facts.yaml").write_text("facts: [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CorpusError):
            load_corpus(corpus_copy)


def test_other_version_is_rebuilt(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_corpus(corpus_copy)
    monkeypatch.setattr(vncoop.index.common, "CACHE_FORMAT", "other")
    with pytest.raises(LookupError):
        store._open_existing(store.cache_path(corpus_copy), corpus_copy, [])
    assert len(load_corpus(corpus_copy).facts) == 5


HIT_PROBE = """
import json, sys
from vncoop.cli.entry import main
sys.argv = ["vncoop", "search", "engineers", "--json", "--facts-dir", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("pydantic", "yaml", "rich") if m in sys.modules)
sys.stderr.write("HEAVY=" + json.dumps(heavy) + "\\n")
"""


def test_cache_hit_imports_no_pydantic_yaml_or_rich(corpus_copy: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("VNCOOP_NO_CACHE", None)
    runs = []
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", HIT_PROBE, str(corpus_copy)], capture_output=True, text=True, env=env, timeout=60
        )
        heavy_line = [line for line in result.stderr.splitlines() if line.startswith("HEAVY=")]
        assert heavy_line, result.stderr
        runs.append((json.loads(result.stdout)[0]["id"], json.loads(heavy_line[0][len("HEAVY=") :])))
    (first_id, first_heavy), (second_id, second_heavy) = runs
    assert first_id == second_id == "sample-engineers"
    assert "pydantic" in first_heavy  # the miss validated the files
    assert second_heavy == []


def test_concurrent_builders_leave_a_valid_cache(corpus_copy: Path, tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    command = [sys.executable, "-m", "vncoop", "list", "--json", "--facts-dir", str(corpus_copy)]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    outputs = [p.communicate(timeout=60) for p in processes]
    assert all(p.returncode == 0 for p in processes), [o[1] for o in outputs]
    assert all(len(json.loads(o[0])) == 5 for o in outputs)
    leftovers = [p.name for p in (tmp_path / "xdg" / "vncoop").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0 and "warning" not in result.stderr


def test_many_changed_files_are_validated_in_parallel_with_the_same_result(tmp_path: Path) -> None:
    root = tmp_path / "many"
    shutil.copytree(VALID, root)
    text = (root / "facts.yaml").read_text(encoding="utf-8")
    (root / "facts.yaml").unlink()
    for number in range(build.PARALLEL_MIN_FILES + 1):
        part = root / f"part-{number}.yaml"
        part.write_text(text.replace("id: sample-", f"id: p{number}-sample-"), "utf-8")
        dated_back(part)
    fresh = load_corpus(root, use_cache=False)
    built = load_corpus(root)
    assert built.facts == fresh.facts and len(built.facts) == 5 * (build.PARALLEL_MIN_FILES + 1)
    real = build._validate_many

    def nothing_changed(root: Path, jobs: list[tuple[str, Path]], *rest: Any) -> Any:
        assert not jobs, f"validated again: {jobs}"  # in this process, whatever starts the workers
        return real(root, jobs, *rest)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "_validate_many", nothing_changed)
        assert load_corpus(root).facts == fresh.facts  # and read back from the cache
    (root / "part-0.yaml").write_text("facts: [", encoding="utf-8")
    (root / "part-1.yaml").write_text("facts: 3", encoding="utf-8")
    from vncoop.errors import CorpusError

    with pytest.raises(CorpusError) as info:
        load_corpus(root, use_cache=True)
    assert {p.file for p in info.value.problems} == {"part-0.yaml", "part-1.yaml"}


POOL_RUN = """
import multiprocessing, sys, threading
from pathlib import Path
if sys.argv[2] == "forkserver":
    multiprocessing.set_start_method("forkserver")  # Python 3.14's default on Linux
else:  # a program embedding vncoop, with a thread of its own: its workers are spawned
    threading.Thread(target=threading.Event().wait, daemon=True).start()
from vncoop.index import build
root = Path(sys.argv[1])
jobs = [(f"f{n}.yaml", root / "facts.yaml") for n in range(build.PARALLEL_MIN_FILES + 1)]
outcomes = list(build._validate_many(root, jobs, (), {}))
print(len(outcomes), sum(len(rows) for _problems, rows in outcomes))
"""


@pytest.mark.skipif(build.usable_cores() < 2, reason="a pool needs two cores")
@pytest.mark.parametrize("start", ["forkserver", "a thread running"])
def test_workers_survive_any_default_start_method(tmp_path: Path, start: str) -> None:
    """A worker exits when its parent is gone; a fork server's children have the server as
    parent, and spawned workers import everything afresh."""
    if start == "forkserver" and start not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("no fork server here")
    done = subprocess.run(
        [sys.executable, "-c", POOL_RUN, str(VALID), start], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    files, facts = map(int, done.stdout.split())
    assert files == build.PARALLEL_MIN_FILES + 1 and facts > 0


COLLECTOR_RUN = """
import gc, os
from concurrent.futures import ProcessPoolExecutor
from vncoop.index import build
gc.disable()  # as during a build, when the pool forks its workers
with ProcessPoolExecutor(1, mp_context=build._worker_context(), initializer=build._worker_started,
                         initargs=(os.getpid(), {})) as pool:
    print(pool.submit(gc.isenabled).result())
"""


def test_a_worker_collects_garbage_between_jobs() -> None:
    """Forked while the build pauses the collector, a worker that kept it paused grew by every
    job's garbage (1 GB at 100,000 facts): it turns it on, and each job pauses it for itself."""
    done = subprocess.run([sys.executable, "-c", COLLECTOR_RUN], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True"]


def test_workers_are_as_many_as_the_cores_this_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """``taskset -c 0``, or a container given one core of many: no pool, the files validated here."""
    monkeypatch.delattr(os, "process_cpu_count", raising=False)  # Python 3.13's, tried first
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert build.usable_cores() == 1

    def no_pool(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a pool was started for one core")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    jobs = [(f"f{n}.yaml", VALID / "facts.yaml") for n in range(build.PARALLEL_MIN_FILES + 1)]
    outcomes = list(build._validate_many(VALID, jobs, (), {}))
    assert len(outcomes) == len(jobs) and all(rows for _problems, rows in outcomes)
    monkeypatch.delattr(os, "sched_getaffinity")
    assert build.usable_cores() == 64
    monkeypatch.setattr(os, "process_cpu_count", lambda: 3, raising=False)
    assert build.usable_cores() == 3


def test_workers_are_spawned_when_this_process_runs_threads() -> None:
    """A fork copies the locks other threads hold: only a process of one thread forks its workers."""
    import threading

    alone = build._worker_context().get_start_method()
    assert alone == ("fork" if sys.platform != "darwin" else "spawn")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert build._worker_context().get_start_method() == "spawn"
    finally:
        release.set()
        other.join()


def test_progress_is_reported_per_validated_file(corpus_copy: Path) -> None:
    calls: list[tuple[int, int]] = []
    load_corpus(corpus_copy, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]  # sources, thesaurus and the fact file
    calls.clear()
    load_corpus(corpus_copy, progress=lambda done, total: calls.append((done, total)))
    assert calls == []  # a cache hit validates nothing


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from vncoop.cli.terminal import progress_reporter

    assert progress_reporter() is None  # captured stderr is not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    report = progress_reporter(after_seconds=0.0)
    assert report is not None
    report(1, 2)
    report(2, 2)
    err = capsys.readouterr().err
    assert "1/2 files" in err and "2/2 files" in err and err.endswith("\n")


def test_show_reads_one_fact_from_the_cache(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from vncoop.cli.main import app

    load_corpus(corpus_copy)  # the cache exists
    runner = CliRunner()
    args = ["show", "sample-seminar", "--json", "--facts-dir", str(corpus_copy)]
    expected = runner.invoke(app, args, env={"VNCOOP_NO_CACHE": "1"})

    def whole_corpus(self: object) -> None:
        raise AssertionError("show read the whole corpus")

    monkeypatch.setattr(store.OpenCache, "corpus", whole_corpus)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(expected.stdout)
    assert json.loads(result.stdout)["sources"]  # the sources it cites, from the cache too
    monkeypatch.undo()
    missing = runner.invoke(app, ["show", "sample-seminr", "--facts-dir", str(corpus_copy)])
    assert missing.exit_code == 1 and "sample-seminar" in missing.stderr  # did you mean


def test_a_cache_that_cannot_be_written_is_kept_in_memory(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_room(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", no_room)  # the finished file cannot be moved into place
    opened = store.open_cache(corpus_copy)
    assert opened.warnings and "could not write cache" in opened.warnings[0]
    assert len(opened.corpus().facts) == 5
    assert not [p for p in store.cache_home().iterdir() if p.name.endswith(".tmp")]  # nothing left over


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(corpus_copy: Path) -> None:
    """``touch -r``: the same size and modification time, other content; the ctime tells."""
    assert load_corpus(corpus_copy).fact("sample-seminar")["location"] == "Tokyo"
    facts = corpus_copy / "facts.yaml"
    before = facts.stat()
    facts.write_text(facts.read_text(encoding="utf-8").replace("location: Tokyo", "location: Osaka"), "utf-8")
    os.utime(facts, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert facts.stat().st_size == before.st_size and facts.stat().st_mtime_ns == before.st_mtime_ns
    assert load_corpus(corpus_copy).fact("sample-seminar")["location"] == "Osaka"


def _edit_keeping_every_stamp(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, seconds_old: float) -> None:
    """A file changed within its file system's timestamp granularity: its stamp says nothing changed
    (simulated by replaying the stamps taken at the first run)."""
    facts = corpus_copy / "facts.yaml"
    written = time.time_ns() - int(seconds_old * 1e9)
    os.utime(facts, ns=(written, written))
    assert load_corpus(corpus_copy).fact("sample-seminar")["location"] == "Tokyo"
    frozen = store._stamps(corpus_copy)
    monkeypatch.setattr(store, "_stamps", lambda root: frozen)
    facts.write_text(facts.read_text(encoding="utf-8").replace("location: Tokyo", "location: Osaka"), "utf-8")


def test_a_racily_clean_file_is_validated_again(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Modified just before its stamp was taken, the file may have changed since with the same stamp."""
    _edit_keeping_every_stamp(corpus_copy, monkeypatch, seconds_old=0)
    assert load_corpus(corpus_copy).fact("sample-seminar")["location"] == "Osaka"


def test_a_file_stamped_well_after_its_change_is_trusted(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side of the rule: an old file with an unchanged stamp is not parsed again."""
    _edit_keeping_every_stamp(corpus_copy, monkeypatch, seconds_old=60)
    assert load_corpus(corpus_copy).fact("sample-seminar")["location"] == "Tokyo"


def test_a_racy_file_is_trusted_once_its_window_has_passed(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    facts = corpus_copy / "facts.yaml"
    os.utime(facts)  # written just now: racy when the first load stamps it
    load_corpus(corpus_copy)
    parsed: list[str] = request.getfixturevalue("validated")  # from here on
    later = time.time_ns() + 2 * vncoop.index.common.RACY_WINDOW_NS
    monkeypatch.setattr(store.time, "time_ns", lambda: later)
    load_corpus(corpus_copy)  # rebuilt once, stamped after the window
    assert parsed == ["facts.yaml"]
    parsed.clear()
    load_corpus(corpus_copy)
    assert parsed == [] and facts.exists()


def test_a_file_dated_after_2262_is_cached(corpus_copy: Path) -> None:
    """Nanoseconds since 1970 overflow a 64-bit integer in April 2262."""
    facts = corpus_copy / "facts.yaml"
    far = 10_500_000_000 * 10**9  # the year 2302
    os.utime(facts, ns=(far, far))
    first = load_corpus(corpus_copy)
    assert first.warnings == [] and store.cache_path(corpus_copy).exists()
    assert load_corpus(corpus_copy).facts == first.facts


def test_a_hot_journal_beside_the_cache_is_cleared(corpus_copy: Path) -> None:
    """Another program killed inside a write transaction on the cache leaves a hot journal, which
    a read-only connection cannot roll back: the cache is rebuilt and the journal removed."""
    load_corpus(corpus_copy)
    location = store.cache_path(corpus_copy)
    killed_writer = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('PRAGMA journal_mode = DELETE'); db.execute('PRAGMA cache_size = 1')\n"
        "db.execute('BEGIN IMMEDIATE'); db.execute(\"UPDATE facts SET fact = fact || ' '\")\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", killed_writer, str(location)], check=False)
    journal = Path(f"{location}-journal")
    assert journal.exists() and journal.read_bytes()[:8] != bytes(8)  # hot: its header is written
    again = load_corpus(corpus_copy)
    assert len(again.facts) == 5 and len(again.warnings) == 1
    assert not journal.exists()
    assert load_corpus(corpus_copy).warnings == []


def test_a_cache_that_cannot_be_opened_is_rebuilt(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``sudo -E vncoop`` leaves a cache only root can read; the user's runs go on (as root,
    where permissions do not stop a read, the refusal is simulated)."""
    load_corpus(corpus_copy)
    location = store.cache_path(corpus_copy)
    if os.geteuid() != 0:
        location.chmod(0)
    else:
        real_connect = sqlite3.connect
        refused: list[str] = []

        def refuse_first(database: str, *args: object, **kwargs: object) -> sqlite3.Connection:
            if not refused:
                refused.append(database)
                raise sqlite3.OperationalError("unable to open database file")
            return real_connect(database, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store.sqlite3, "connect", refuse_first)
    again = load_corpus(corpus_copy)
    assert len(again.facts) == 5
    assert again.warnings and "unreadable cache" in again.warnings[0]


def test_an_edited_archive_anchors_its_quotes_again(corpus_copy: Path) -> None:
    def start_of(corpus_dir: Path) -> int:
        evidence = load_corpus(corpus_dir).fact("sample-engineers")["evidence"][0]
        return int(evidence["selectors"][1]["start"])

    before = start_of(corpus_copy)
    text = corpus_copy / "texts" / "sample-en.txt"
    text.write_text("A new first line.\n" + text.read_text("utf-8"), "utf-8")
    assert start_of(corpus_copy) == before + len("A new first line.\n")
