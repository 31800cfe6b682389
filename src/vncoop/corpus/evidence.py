"""Evidence checks beyond the schema: the guard against a corpus drifting from its sources.

- every quote is found verbatim in its archived source text (only whitespace runs and
  typographic quote marks are folded), and is not overly long;
- every number in a numeric field is written in the fact's own quotes (78.6 in "78,6");
- every source is archived and used by at least one fact.
"""

from __future__ import annotations

import re

from vncoop.corpus.layout import display_path, read_text
from vncoop.domain.kinds import NUMERIC_FIELDS
from vncoop.domain.records import Corpus
from vncoop.errors import CorpusError, Problem
from vncoop.text.fold import lower
from vncoop.text.number_words import readings_in_words
from vncoop.text.numbers import canonical_number, numbers_in

MAX_QUOTE_CHARS = 600

_SINGLE = re.compile("[\u2018\u2019\u201a\u201b\u2032]")
_DOUBLE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_SPACE = re.compile(r"\s+")


def fold_quote_text(text: str) -> str:
    """Fold whitespace runs and typographic quote marks, and nothing else."""
    text = _SINGLE.sub("'", text)
    text = _DOUBLE.sub('"', text)
    return _SPACE.sub(" ", text).strip()


def source_texts(corpus: Corpus) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for source_id, source in corpus.sources.items():
        path = corpus.root / source["text"]
        shown = display_path(path, corpus.root)
        if not path.is_file():
            problems.append(Problem("sources.yaml", None, source_id, "text", f"archived text {shown} not found"))
            continue
        try:
            texts[source_id] = fold_quote_text(read_text(path, shown))
        except CorpusError as exc:
            problems.extend(exc.problems)
    return texts, problems


def check_evidence(corpus: Corpus) -> list[Problem]:
    texts, problems = source_texts(corpus)
    used: set[str] = set()
    for fact in corpus.facts:
        file, line = corpus.locations.get(fact["id"], ("?", 0))
        found_numbers: set[str] = set()
        for index, evidence in enumerate(fact["evidence"]):
            source_id, quote = evidence["source"], evidence["quote"]
            used.add(source_id)
            field = f"evidence.{index}.quote"
            found_numbers |= numbers_in(quote) | readings_in_words(lower(quote))  # gần một triệu người
            if len(quote) > MAX_QUOTE_CHARS:
                problems.append(
                    Problem(
                        file, line, fact["id"], field, f"quote is {len(quote)} characters (limit {MAX_QUOTE_CHARS})"
                    )
                )
            text = texts.get(source_id)
            if text is not None and fold_quote_text(quote) not in text:
                problems.append(
                    Problem(file, line, fact["id"], field, f"quote not found verbatim in source {source_id!r}")
                )
        for name in NUMERIC_FIELDS:
            value = fact.get(name)
            is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if is_number and canonical_number(value) not in found_numbers:  # type: ignore[arg-type]
                problems.append(Problem(file, line, fact["id"], name, f"{value} does not appear in the fact's quotes"))
    for source_id in corpus.sources:
        if source_id not in used:
            problems.append(Problem("sources.yaml", None, source_id, None, "source is not used by any fact"))
    return problems
