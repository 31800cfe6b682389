"""Numbers as people write them: ``78.6`` = ``78,6``; ``50000`` = ``50,000`` = ``50 000`` = ``50.000``.

English groups thousands with commas and marks decimals with a point; French and Vietnamese do
the reverse (French also groups with spaces). A written number is therefore read into every
value it can mean, and two spellings match when their readings meet.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from vncoop.text.lazy_re import LazyPattern

if TYPE_CHECKING:
    from decimal import Decimal

# A digit run, optionally followed by groups separated by ',', '.', or a (narrow) space.
NUMBER_RE = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_SEP_RE = LazyPattern(r"[.,\u00a0\u202f ]")


def _canonical(value: Decimal) -> str:
    """A stable text form of a decimal: no exponent, no trailing zeros (``78.60`` → ``78.6``)."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@lru_cache(maxsize=8192)  # the same few figures (years, round counts) recur across a corpus
def readings(token: str) -> frozenset[str]:
    """Every canonical value a written number can mean, in English, French or Vietnamese usage."""
    from decimal import Decimal, InvalidOperation  # ~2 ms to import: only once a number is read

    token = token.strip()
    parts = _SEP_RE.split(token)
    seps = _SEP_RE.findall(token)
    results: set[str] = set()

    def add(text: str) -> None:
        try:
            results.add(_canonical(Decimal(text)))
        except InvalidOperation:
            pass

    if len(parts) == 1:
        add(parts[0])
        return frozenset(results)
    groups_of_three = all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3
    # All separators are grouping separators: 50,000 / 50.000 / 50 000 / 1.500.000
    if groups_of_three and len(set(seps)) == 1:
        add("".join(parts))
    # The last separator is a decimal mark, the others (all alike) group thousands.
    last_sep = seps[-1]
    if last_sep in ",." and len(parts) >= 2:
        head, tail = parts[:-1], parts[-1]
        head_seps = set(seps[:-1])
        head_ok = len(head) == 1 or (
            all(len(p) == 3 for p in head[1:])
            and 1 <= len(head[0]) <= 3
            and len(head_seps) == 1
            and last_sep not in head_seps
        )
        if head_ok:
            add("".join(head) + "." + tail)
    if not results and len(set(seps)) == 1 and seps[0] == " ":
        # "2024 300": two numbers side by side, not one; read neither as a joined value.
        pass
    return frozenset(results)


def numbers_in(text: str) -> set[str]:
    """Canonical readings of every number written in ``text`` (each token, and its parts)."""
    found: set[str] = set()
    for match in NUMBER_RE.finditer(text):
        token = match.group(0)
        found |= readings(token)
        # A space-joined run may also be separate numbers ("in 2023 50 firms").
        for piece in re.split(r"[\u00a0\u202f ]", token):
            found |= readings(piece)
    return found


def canonical_number(value: int | float) -> str:
    """The canonical text of a number stored in a fact."""
    from decimal import Decimal

    return _canonical(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
