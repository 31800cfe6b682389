"""The partner registry kept beside the corpus caches, so that naming a partner costs a file read.

CLDR's country names in three languages come from babel's locale data, whose loading is most of
``vncoop partner japan``'s time. The registry is kept in ``$XDG_CACHE_HOME/vncoop`` with the
stamps of what it was made from: babel's package and locale files, the module that adds vncoop's
aliases, and the vncoop version. Any change, or a file that cannot be read, makes it again from
CLDR; one that cannot be written is simply not kept. ``VNCOOP_NO_CACHE`` reads CLDR every time.
"""

from __future__ import annotations

import marshal
import os
from typing import Any

from vncoop.domain import partners
from vncoop.domain.partners import Partner, cldr_registry
from vncoop.index.common import cache_directory, caching_enabled, keep_marshalled, version_key

FILE_NAME = "partners.marshal"
_BABEL_FILES = ("__init__.py", "global.dat", *(f"locale-data/{name}.dat" for name in ("root", "en", "fr", "vi")))


def _stamps() -> tuple[Any, ...]:
    import importlib.util  # here, not at the top: every command installs the loader, few name a partner

    spec = importlib.util.find_spec("babel")
    folder = os.path.dirname(spec.origin) if spec is not None and spec.origin else ""
    stamps: list[Any] = [version_key()]
    for path in (partners.__file__, *(os.path.join(folder, name) for name in _BABEL_FILES)):
        try:
            info = os.stat(path)
        except (OSError, TypeError):
            stamps.append(None)
            continue
        stamps.append((path, info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns))
    return tuple(stamps)


def kept_registry() -> tuple[Partner, ...]:
    """The registry, from its kept copy when that is still true, else from CLDR (and kept)."""
    if not caching_enabled():
        return cldr_registry()
    stamps = _stamps()
    try:
        path = os.path.join(cache_directory(), FILE_NAME)
    except OSError:  # no home folder to keep it in
        return cldr_registry()
    try:
        with open(path, "rb") as file:
            kept_stamps, rows = marshal.loads(file.read())
        if kept_stamps == stamps:
            return tuple(Partner(*row) for row in rows)
    except (OSError, ValueError, EOFError, TypeError):  # none yet, unreadable, another format
        pass
    registry = cldr_registry()
    keep_marshalled(path, (stamps, tuple(tuple(partner) for partner in registry)))
    return registry


def use_kept_registry() -> None:
    """Make this process read the partner registry from its kept copy."""
    partners.load_registry_with(kept_registry)
