"""The thesaurus as search looks it up: each term's stems and exact words, and the groups found by
the stems of a phrase (its function words left out). Computed when the cache is built and kept in
it, so that a search starts without tokenising every term of every group.
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from typing import Any

from vncoop.index.stems import stem
from vncoop.text.fold import word_tokens
from vncoop.text.stop_words import ANY_STOP_WORD

Member = tuple[tuple[str, ...], tuple[str, ...]]  # a thesaurus term: its stems, its exact words
# keys (stems → group numbers), groups (their members), words (every key stem), phrases (of 2+)
ThesaurusIndex = tuple[
    dict[tuple[str, ...], list[int]], list[list[Member]], set[str], set[tuple[str, ...]]
]  # fmt: skip


def thesaurus_index(groups: Sequence[Sequence[str]]) -> ThesaurusIndex:
    keys: dict[tuple[str, ...], list[int]] = {}
    members_of: list[list[Member]] = []
    for group_id, group in enumerate(groups):
        members = []
        for term in group:
            exact = tuple(word_tokens(term))
            stems = tuple(stem(t) for t in exact)
            if stems:
                members.append((stems, exact))
                key = tuple(s for s, word in zip(stems, exact, strict=True) if word not in ANY_STOP_WORD) or stems
                keys.setdefault(key, []).append(group_id)
        members_of.append(members)
    words = {s for key in keys for s in key}
    phrases = {stems for members in members_of for stems, _ in members if len(stems) >= 2}
    return keys, members_of, words, phrases


def dumps(index: ThesaurusIndex) -> bytes:
    return marshal.dumps(index)


def loads(data: Any) -> ThesaurusIndex | None:
    """The index kept in a cache, or None if it is missing or not one (then it is computed)."""
    if not isinstance(data, bytes):
        return None
    try:
        index = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(index, tuple) and len(index) == 4):
        return None
    return index
