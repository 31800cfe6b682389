"""Finding, reading and validating a corpus directory.

A corpus is a directory holding ``sources.yaml``, an optional ``thesaurus.yaml``, any number of
fact files (``*.yaml``, in subfolders too) and the archived source texts. Loading reports every
problem of every file in one :class:`CorpusError`, each located as ``file:line: id: field``.

After validation facts are kept as plain dicts in their public JSON form, so that everything
downstream (search, filters, renderers, the cache) works without pydantic.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CorpusError, Problem

FactDict = dict[str, Any]
SourceDict = dict[str, Any]

ENV_FACTS_DIR = "VNCOOP_FACTS_DIR"
SOURCES_FILE = "sources.yaml"
THESAURUS_FILE = "thesaurus.yaml"
RESERVED_FILES = {SOURCES_FILE, THESAURUS_FILE}
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass
class FactFile:
    """One fact file after validation: its facts, and where each fact starts."""

    path: str
    facts: list[FactDict]
    lines: dict[str, int]


@dataclass
class Corpus:
    root: Path
    facts: list[FactDict]
    sources: dict[str, SourceDict]
    thesaurus: list[list[str]] = field(default_factory=list)
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tokens: dict[str, Any] = field(default_factory=dict)  # fact id → search fields, from the cache

    def fact(self, fact_id: str) -> FactDict | None:
        for fact in self.facts:
            if fact["id"] == fact_id:
                return fact
        return None


def embedded_facts_dir() -> Path:
    """The corpus shipped with the package (installed wheel), or the repository's in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "facts"
    if (packaged / SOURCES_FILE).is_file():
        return packaged
    return here.parent.parent / "facts"


def resolve_facts_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--facts-dir`` wins, then ``$VNCOOP_FACTS_DIR``, then the embedded corpus."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_FACTS_DIR)
    if env:
        return Path(env)
    return embedded_facts_dir()


def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def read_bytes(path: Path, shown: str) -> bytes:
    """A corpus file's bytes, within the size limit."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CorpusError(
                [Problem(shown, None, None, None, f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")]
            )
        return path.read_bytes()
    except OSError as exc:
        raise CorpusError([Problem(shown, None, None, None, f"cannot read: {exc.strerror or exc}")]) from None


def decode_text(raw: bytes, shown: str) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a problem naming the line and byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusError(
            [Problem(shown, line, None, None, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})")]
        ) from None


def read_text(path: Path, shown: str) -> str:
    """Read a corpus file as UTF-8 (a byte-order mark is allowed), within the size limit."""
    return decode_text(read_bytes(path, shown), shown)


def parse_yaml_file(path: Path, shown: str, line_depth: int | None = None) -> tuple[Any, dict[tuple[Any, ...], int]]:
    from . import yamlsafe  # only when a file must really be parsed (not on a cache hit)

    raw = read_bytes(path, shown)
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # the parser would read UTF-16; we do not
        try:
            return yamlsafe.load(raw, line_depth)  # the parser reads UTF-8 itself: no decoding twice
        except yamlsafe.YamlProblem:
            pass  # said again below, from the decoded text, the way every problem is said
    try:
        return yamlsafe.load(decode_text(raw, shown), line_depth)
    except yamlsafe.YamlProblem as exc:
        where = f"column {exc.column}: " if exc.column else ""
        raise CorpusError([Problem(shown, exc.line, None, None, where + exc.message)]) from None


def discover_fact_files(root: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below ``root`` except the reserved files; symlinked folders are not followed."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")) or name.startswith("."):
                continue
            path = Path(folder) / name
            if path.parent == root and name in RESERVED_FILES:
                continue
            found.append(path)
    return found


def check_root(root: Path) -> None:
    shown = str(root)
    if not root.exists():
        raise CorpusError([Problem(shown, None, None, None, "corpus directory does not exist")])
    if not root.is_dir():
        raise CorpusError([Problem(shown, None, None, None, "corpus path is not a directory")])
    if not os.access(root, os.R_OK | os.X_OK):
        raise CorpusError([Problem(shown, None, None, None, "corpus directory is not readable")])
    if not (root / SOURCES_FILE).exists():
        raise CorpusError([Problem(shown, None, None, None, f"no {SOURCES_FILE}: not a vncoop corpus directory")])


def assemble(
    root: Path, sources: dict[str, SourceDict], thesaurus: list[list[str]], fact_files: list[FactFile]
) -> tuple[Corpus, list[Problem]]:
    """Join validated files into a corpus, checking what spans files: ids and source references."""
    problems: list[Problem] = []
    facts: list[FactDict] = []
    locations: dict[str, tuple[str, int]] = {}
    for fact_file in fact_files:
        for fact in fact_file.facts:
            line = fact_file.lines[fact["id"]]
            if fact["id"] in locations:
                first_file, first_line = locations[fact["id"]]
                message = f"duplicate id (also at {first_file}:{first_line})"
                problems.append(Problem(fact_file.path, line, fact["id"], "id", message))
                continue
            locations[fact["id"]] = (fact_file.path, line)
            facts.append(fact)
            for index, evidence in enumerate(fact["evidence"]):
                if sources and evidence["source"] not in sources:
                    message = f"unknown source {evidence['source']!r}"
                    problems.append(Problem(fact_file.path, line, fact["id"], f"evidence.{index}.source", message))
    return Corpus(root, facts, sources, thesaurus, locations), problems


def no_facts_problem(corpus: Corpus) -> list[Problem]:
    """An empty corpus is an error, but only worth saying when nothing else explains it."""
    return [] if corpus.facts else [Problem(str(corpus.root), None, None, None, "the corpus has no facts")]


def caching_enabled() -> bool:
    """``VNCOOP_NO_CACHE`` (any value) turns the cache off: every run validates the files."""
    return not os.environ.get("VNCOOP_NO_CACHE")


def load_corpus(
    facts_dir: str | os.PathLike[str] | None = None,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Load and validate a corpus; raise one CorpusError listing every problem found.

    Validated files are cached (see :mod:`vncoop.cache`), so an unchanged corpus loads without
    parsing YAML or importing pydantic.
    """
    root = resolve_facts_dir(facts_dir)
    check_root(root)
    if use_cache and caching_enabled():
        from .cache import load_with_cache

        return load_with_cache(root, progress)
    from .validation import validate_corpus_files  # pydantic lives behind this import

    corpus, problems = validate_corpus_files(root)
    if problems:
        raise CorpusError(problems)
    return corpus
