"""Where a corpus lives and how its files are read: the directory, its files, their bytes and YAML.

A corpus is a directory holding ``sources.yaml``, an optional ``thesaurus.yaml`` and
``entities.yaml`` (the organisations, people and groups facts name), any number of
fact files (``*.yaml``, in subfolders too) and the archived source texts. Loading reports every
problem of every file in one :class:`CorpusError`, each located as ``file:line: id: field``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from vncoop.errors import CorpusError, Problem

ENV_FACTS_DIR = "VNCOOP_FACTS_DIR"
SOURCES_FILE = "sources.yaml"
THESAURUS_FILE = "thesaurus.yaml"
ENTITIES_FILE = "entities.yaml"
RESERVED_FILES = {SOURCES_FILE, THESAURUS_FILE, ENTITIES_FILE}
MAX_FILE_BYTES = 64 * 1024 * 1024


def embedded_facts_dir() -> Path:
    """The corpus shipped with the package (installed wheel), or the repository's in a checkout."""
    here = Path(__file__).resolve().parent.parent  # the vncoop package
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
    """A corpus file's bytes, within the size limit. Only regular files are read (a FIFO would
    block for ever, ``/dev/zero`` never end), and never more than the limit allows."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise CorpusError([Problem(shown, None, None, None, "not a regular file (a device, pipe or socket)")])
        if info.st_size > MAX_FILE_BYTES:
            raise CorpusError(
                [
                    Problem(
                        shown, None, None, None, f"file is {info.st_size} bytes, over the {MAX_FILE_BYTES}-byte limit"
                    )
                ]
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
        if len(data) > MAX_FILE_BYTES:
            raise CorpusError([Problem(shown, None, None, None, f"file is over the {MAX_FILE_BYTES}-byte limit")])
        return data
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
    from vncoop.corpus import yaml_reader  # only when a file must really be parsed (not on a cache hit)

    raw = read_bytes(path, shown)
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # the parser would read UTF-16; we do not
        try:
            return yaml_reader.load(raw, line_depth)  # the parser reads UTF-8 itself: no decoding twice
        except yaml_reader.YamlProblem:
            pass  # said again below, from the decoded text, the way every problem is said
    try:
        return yaml_reader.load(decode_text(raw, shown), line_depth)
    except yaml_reader.YamlProblem as exc:
        where = f"column {exc.column}: " if exc.column else ""
        raise CorpusError([Problem(shown, exc.line, None, None, where + exc.message)]) from None


def discover_fact_files(root: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below ``root`` except the reserved files, folder by folder in name
    order; hidden names are skipped and symlinked folders are not followed. The walk keeps its own
    stack, so a tree of any depth is read (``os.walk`` recurses until Python's limit)."""
    found: list[Path] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # an unreadable folder is skipped, as os.walk does
        subfolders: list[Path] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:  # a symlink loop: listed as a file, which then cannot be read
                is_folder = False
            if is_folder:
                if not entry.is_symlink():
                    subfolders.append(Path(entry.path))
            elif name.endswith((".yaml", ".yml")) and not (folder == root and name in RESERVED_FILES):
                found.append(Path(entry.path))
        pending.extend(reversed(subfolders))
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
