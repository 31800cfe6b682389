"""Regular expressions compiled on first use.

Compiling a pattern with large character classes costs about as much as importing a small
module, and most runs use few of vncoop's patterns: a cached search needs none of the
validation, YAML or terminal-escaping ones. A :class:`LazyPattern` is used like the compiled
pattern it stands for (``PATTERN.match(text)``).
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    __slots__ = ("_compiled", "_flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # match, sub, search, finditer, pattern, …
        return getattr(self.compiled, name)
