"""Finding a corpus's fact files: in name order, folder by folder, at any depth, never through links."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from vncoop.app.corpora import load_corpus
from vncoop.corpus.layout import discover_fact_files

from conftest import VALID


def test_files_come_folder_by_folder_in_name_order(tmp_path: Path) -> None:
    for name in ["b.yaml", "a.yml", "sources.yaml", ".hidden.yaml", "notes.txt", "z/y.yaml", "z/a/x.yaml", "m/w.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", "utf-8")
    (tmp_path / "z" / "sources.yaml").write_text("", "utf-8")  # reserved only at the top
    (tmp_path / "link").symlink_to("z", target_is_directory=True)
    found = [path.relative_to(tmp_path).as_posix() for path in discover_fact_files(tmp_path)]
    assert found == ["a.yml", "b.yaml", "m/w.yaml", "z/sources.yaml", "z/y.yaml", "z/a/x.yaml"]


def test_a_tree_deeper_than_the_recursion_limit_is_read(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(VALID, root)
    deep = root
    levels = []
    for _ in range(sys.getrecursionlimit() + 10):  # one level at a time: mkdir(parents=True) recurses
        deep = deep / "d"
        deep.mkdir()
        levels.append(deep)
    try:
        (deep / "moved.yaml").write_bytes((root / "facts.yaml").read_bytes())
        (root / "facts.yaml").unlink()
        assert discover_fact_files(root) == [deep / "moved.yaml"]
        assert len(load_corpus(root, use_cache=False).facts) == 5
    finally:  # from the bottom up: pytest's own clean-up of tmp_path would recurse too deep
        (deep / "moved.yaml").unlink(missing_ok=True)
        for level in reversed(levels):
            level.rmdir()
