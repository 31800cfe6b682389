""" "Did you mean …?": the closest known names to something typed that matched none."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from vncoop.text.i18n import tr


def suggest(key: str, choices: Sequence[str], label: Callable[[str], str] | None = None, limit: int = 3) -> str:
    """A "; did you mean …?" suffix from the closest choices, or a hint when none is close."""
    from rapidfuzz import fuzz, process  # only once something is not found

    matches = process.extract(key, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60)
    seen: list[str] = []
    for choice, _score, _ in matches:
        shown = label(choice) if label is not None else choice
        if shown not in seen:
            seen.append(shown)
        if len(seen) == limit:
            break
    if not seen:
        return ""
    return tr("; did you mean {choices}?", choices=", ".join(repr(s) for s in seen))
