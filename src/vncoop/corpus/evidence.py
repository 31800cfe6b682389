"""Evidence checks beyond the schema: the guard against a corpus drifting from its sources.

- every quote is found verbatim in its archived source text (only whitespace runs and
  typographic quote marks are folded), and is not overly long;
- every number in a numeric field is written in the fact's own quotes (78.6 in "78,6");
- every source is archived and used by at least one fact.
"""

from __future__ import annotations

from vncoop.corpus.anchors import Archive, sha256_of
from vncoop.corpus.layout import decode_text, display_path, read_bytes
from vncoop.domain.kinds import NUMERIC_FIELDS
from vncoop.domain.records import Corpus
from vncoop.errors import CorpusError, Problem
from vncoop.text.fold import lower
from vncoop.text.number_words import readings_in_words, scaled_readings
from vncoop.text.numbers import canonical_number, numbers_in

MAX_QUOTE_CHARS = 600


def archives(corpus: Corpus) -> tuple[dict[str, Archive], list[Problem]]:
    """Every source's archived text, checked against the ``sha256`` that ``sources.yaml`` records."""
    found: dict[str, Archive] = {}
    problems: list[Problem] = []
    for source_id, source in corpus.sources.items():
        path = corpus.root / source["text"]
        shown = display_path(path, corpus.root)
        if not path.is_file():
            problems.append(Problem("sources.yaml", None, source_id, "text", f"archived text {shown} not found"))
            continue
        try:
            data = read_bytes(path, shown)
            found[source_id] = Archive(decode_text(data, shown))
        except CorpusError as exc:
            problems.extend(exc.problems)
            continue
        recorded = source.get("sha256")
        if recorded and sha256_of(data) != recorded:
            problems.append(
                Problem(
                    "sources.yaml", None, source_id, "sha256", f"archived text {shown} no longer matches its sha256"
                )
            )
    return found, problems


def _stated(value: float, scale: str | None, found: set[str]) -> bool:
    """A typed number is stated when a quote gives it, or, with a scale, gives its full value:
    ``value: 1, scale: million`` is stated by "gần một triệu người" (1000000)."""
    written = canonical_number(value)
    if written in found:
        return True
    return bool(scale) and not scaled_readings(frozenset({written}), str(scale)).isdisjoint(found)


def check_evidence(corpus: Corpus) -> list[Problem]:
    texts, problems = archives(corpus)
    used: set[str] = set()
    for fact in corpus.facts:
        file, line = corpus.locations.get(fact["id"], ("?", 0))
        found_numbers: set[str] = set()
        for index, evidence in enumerate(fact["evidence"]):
            source_id, quote = evidence["source"], evidence["quote"]
            used.add(source_id)
            field = f"evidence.{index}.quote"
            found_numbers |= numbers_in(quote) | readings_in_words(lower(quote), collectives=True)  # hơn chục
            if len(quote) > MAX_QUOTE_CHARS:
                problems.append(
                    Problem(
                        file, line, fact["id"], field, f"quote is {len(quote)} characters (limit {MAX_QUOTE_CHARS})"
                    )
                )
            archive = texts.get(source_id)
            anchored = archive.selectors(quote) if archive is not None else []
            if isinstance(anchored, str):
                why = f"quote {anchored} in the archived text of source {source_id!r}"
                problems.append(Problem(file, line, fact["id"], field, why))
        for name in NUMERIC_FIELDS:
            value = fact.get(name)
            is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
            if is_number and not _stated(value, fact.get("scale"), found_numbers):  # type: ignore[arg-type]
                problems.append(Problem(file, line, fact["id"], name, f"{value} does not appear in the fact's quotes"))
    for source_id in corpus.sources:
        if source_id not in used:
            problems.append(Problem("sources.yaml", None, source_id, None, "source is not used by any fact"))
    return problems
