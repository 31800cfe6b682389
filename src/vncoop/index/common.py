"""What the cache's reader and its builder share: the format key, file stamps, a GC pause."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable
from typing import Any, TypeVar

from vncoop import __version__

CACHE_FORMAT = "20"
# A file's size, modification time, inode and change time: an edit that keeps size and mtime
# (``touch -r``) still changes the ctime, which no user can set back.
Stamp = tuple[int, int, int, int]
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
