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
    modules = [
        (name, path)
        for name, module in list(sys.modules.items())
        if isinstance(path := getattr(module, "__file__", None), str)
    ]
    paths = [path for _, path in modules]
    files = []
    settled = time.time_ns() - RACY_WINDOW_NS
    for path in (*paths, *dict.fromkeys(_searched_folder(name, path) for name, path in modules)):
        found = stamp(path)
        if found is None or found[3] > settled:
            return None
        files.append((path, found))
    origins = {name: getattr(sys.modules.get(name), "__file__", None) for name in libraries}
    return tuple(files), tuple((name, path) for name, path in origins.items() if isinstance(path, str))


def _searched_folder(name: str, path: str) -> str:
    """The folder where a module was found, the one a module added beside it would shadow it
    from. A script run as ``__main__`` puts its own folder on the search path, symbolic links
    resolved: the folder of a link to it (a busy ``~/bin``, a test's scratch folder) is not
    searched, so it is not stamped either."""
    return os.path.dirname(os.path.realpath(path) if name == "__main__" else os.path.abspath(path))


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
