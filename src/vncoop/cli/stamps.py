"""Whether what a kept answer was computed from is still there, unchanged: the stamp (size,
modification and change time, inode) of every module file a run imported, and the origin of the
libraries it drew on, found again through the search path. The inode and change time change with
every rewrite of a file (an editor, pip, git), so a file edited twice within its modification
time's grain is still seen to change. Used by :mod:`vncoop.cli.replay` and :mod:`vncoop.cli.light`.
"""

from __future__ import annotations

import os
import sys
import time
from importlib.machinery import PathFinder

from vncoop.index.common import RACY_WINDOW_NS, Stamp

Files = tuple[tuple[str, Stamp], ...]
Libraries = tuple[tuple[str, str], ...]


def stamp(path: str) -> Stamp | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def imported_files(libraries: tuple[str, ...]) -> tuple[Files, Libraries] | None:
    """The stamp of every module file imported so far and of the folders holding them (a module
    added beside one, which would shadow it, changes its folder), and where ``libraries`` were
    loaded from; None when one cannot be stamped, or changed too lately to be sure it is the
    version imported, git's "racily clean" (then nothing should be kept)."""
    paths = [
        path for module in list(sys.modules.values()) if isinstance(path := getattr(module, "__file__", None), str)
    ]
    files = []
    settled = time.time_ns() - RACY_WINDOW_NS
    for path in (*paths, *dict.fromkeys(os.path.dirname(os.path.abspath(path)) for path in paths)):
        found = stamp(path)
        if found is None or found[3] > settled:
            return None
        files.append((path, found))
    origins = {name: getattr(sys.modules.get(name), "__file__", None) for name in libraries}
    return tuple(files), tuple((name, path) for name, path in origins.items() if isinstance(path, str))


def unchanged(files: Files, libraries: Libraries) -> bool:
    """Whether every file still has its stamp, and each library is still the copy the search path
    finds first (not one installed since, shadowing it)."""
    for path, recorded in files:
        if stamp(path) != recorded:
            return False
    for name, path in libraries:
        found = PathFinder.find_spec(name)
        if found is None or found.origin != path:
            return False
    return True
