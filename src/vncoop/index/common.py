"""What the cache's reader and its builder share: the format key, file stamps, a GC pause."""

from __future__ import annotations

import errno
import functools
import gc
import marshal
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from vncoop import __version__

if TYPE_CHECKING:  # pathlib is not imported on the way to a replayed help page (cli/replay.py)
    from pathlib import Path

CACHE_FORMAT = "31"
# A file's size, modification time, inode and change time: an edit that keeps size and mtime
# (``touch -r``) still changes the ctime, which no user can set back.
Stamp = tuple[int, int, int, int]
# A file modified this close to the moment its stamp was taken may change again without its stamp
# changing (timestamps are coarse on some file systems: 2 s on FAT): git calls it "racily clean".
# Such a file is validated again on the next run, as git does.
RACY_WINDOW_NS = 2_000_000_000


# The cache also stamps each archived text that sources.yaml names, as "archive:<path>": when
# one changes, every quote is anchored again.
ARCHIVE_PREFIX = "archive:"


def archive_stamp(root: Path, name: str) -> Stamp | None:
    """The stamp of an archive named ``archive:<path>`` (symlinks followed), None if unreadable."""
    try:
        info = (root / name[len(ARCHIVE_PREFIX) :]).stat()
    except (OSError, ValueError):
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def stamp_text(stamp: Stamp) -> str:
    """A stamp as the cache stores it: text, since a date after 2262 overflows SQLite's integers."""
    return ":".join(str(part) for part in stamp)


def stamp_from_text(text: str) -> Stamp:
    size, mtime, ino, ctime = (int(part) for part in text.split(":"))
    return size, mtime, ino, ctime


Progress = Callable[[int, int], None]  # (files validated, files to validate)
T = TypeVar("T")


def collector_paused(function: Callable[..., T]) -> Callable[..., T]:
    """Run ``function`` with the cyclic garbage collector paused: loading or building a large
    corpus allocates millions of objects that all live on, which it would rescan again and again."""

    @functools.wraps(function)
    def paused(*args: Any, **kwargs: Any) -> T:
        collecting = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()

    return paused


def version_key() -> str:
    return f"{__version__}/{CACHE_FORMAT}"


def caching_enabled() -> bool:
    """``VNCOOP_NO_CACHE`` (any value) turns the cache off: every run validates the files."""
    return not os.environ.get("VNCOOP_NO_CACHE")


def cache_directory() -> str:
    """``$XDG_CACHE_HOME/vncoop``; a relative XDG_CACHE_HOME is ignored, as the XDG spec says
    (it would scatter caches wherever vncoop is run). Everything vncoop caches lives here; raises
    OSError when there is no home folder to put it in."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no $HOME and no account entry: "~" would be a folder here
            raise OSError(errno.ENOENT, "no home folder to keep a cache in (set HOME or XDG_CACHE_HOME)")
        base = os.path.join(home, ".cache")
    return os.path.join(base, "vncoop")


def keep_marshalled(path: str, value: Any) -> bool:
    """Keep ``value`` in ``path`` whole or not at all (a temporary renamed into place), for the
    small files kept beside the caches: a full or read-only disk keeps nothing and leaves
    nothing behind. False when nothing was kept."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(marshal.dumps(value))
        os.replace(temporary, path)
    except (OSError, ValueError):
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True
