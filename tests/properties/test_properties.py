"""Properties, with Hypothesis: any query is exit 0 or 2; any valid fact survives YAML and JSON
round trips; any mutation of a real fact file loads or is a CorpusError, never anything else."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from vncoop.app.corpora import load_corpus
from vncoop.corpus import yaml_reader as yamlsafe
from vncoop.corpus.layout import RESERVED_FILES
from vncoop.corpus.schema import FACT_ADAPTER, fact_to_dict
from vncoop.domain.kinds import KINDS
from vncoop.domain.partners import country_codes
from vncoop.domain.quantities import COMPUTED_FIELDS
from vncoop.domain.vocab import HOME_COUNTRY, QUALIFIERS, SECTORS
from vncoop.errors import CorpusError
from vncoop.output.formats import OutputFormat
from vncoop.output.yaml_writer import dump_facts

from conftest import REPO_FACTS, VALID, invoke

FAST = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# -- (1) any query, any options: exit 0 or 2 ---------------------------------------------------
@FAST
@given(
    query=st.text(),
    limit=st.integers(min_value=1, max_value=50),
    kinds=st.lists(st.sampled_from(KINDS), max_size=3),
    fmt=st.sampled_from(list(OutputFormat)),
    explain=st.booleans(),
)
@example(query="", limit=1, kinds=[], fmt=OutputFormat.table, explain=False)
@example(query="-", limit=1, kinds=[], fmt=OutputFormat.json, explain=False)
@example(query="--limit", limit=1, kinds=[], fmt=OutputFormat.json, explain=True)
@example(query="\x1b[31m\u202e\x00", limit=50, kinds=["event"], fmt=OutputFormat.csv, explain=True)
def test_any_query_is_exit_0_or_2(query: str, limit: int, kinds: list[str], fmt: OutputFormat, explain: bool) -> None:
    args = ["search", "--limit", str(limit), "--format", fmt.value, "--facts-dir", str(VALID)]
    for kind in kinds:
        args += ["--kind", kind]
    if explain:
        args.append("--explain")
    # After "--" the text is the query whatever it looks like (before it, "--source" would be an
    # option taking the next word as its value, and an unknown source is a not-found error, exit 1)
    args += ["--", query]
    result = invoke(CliRunner(), *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 0 and fmt is OutputFormat.json:
        hits = json.loads(result.stdout)
        assert len(hits) <= limit
        assert all(hit["kind"] in kinds for hit in hits) or not kinds


# -- (2) any valid fact: YAML out, strict YAML in, JSON out and in, the same fact ---------------
# PyYAML's emitter resolves plain scalars the YAML 1.1 way, which has no float without a dot or
# without a signed exponent ("1e5"); the corpus reader is YAML 1.2 and reads those as floats.
# test_float_like_strings_round_trip_through_yaml documents that bug; the property avoids it.
_EXPONENT_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+")


def _not_float_like(text: str) -> bool:
    return _EXPONENT_FLOAT.fullmatch(text) is None


TEXT = st.text(min_size=1, max_size=40).filter(_not_float_like)
LINE = st.text(min_size=1, max_size=40).filter(lambda s: "\n" not in s and "\r" not in s).filter(_not_float_like)
OPT_TEXT = st.none() | TEXT
FACT_ID = st.from_regex(r"[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,3}", fullmatch=True)
PARTNERS = sorted(country_codes() - {HOME_COUNTRY})
NUMBER = st.integers(min_value=-(10**15), max_value=10**15) | st.floats(allow_nan=False, allow_infinity=False)
YEAR = st.integers(min_value=1900, max_value=2200)


@st.composite
def iso_dates(draw: st.DrawFn) -> str:
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
    shape = draw(st.sampled_from(["year", "month", "day", "quarter"]))
    if shape == "year":
        return f"{day.year:04d}"
    if shape == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if shape == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return day.isoformat()


COMMON = {
    "id": FACT_ID,
    "title": st.fixed_dictionaries({"en": LINE, "fr": LINE, "vi": LINE}),
    "summary": st.fixed_dictionaries({"en": TEXT, "fr": TEXT, "vi": TEXT}),
    "date": st.none() | iso_dates(),
    "date_derived": st.booleans(),
    "partners": st.lists(st.sampled_from(PARTNERS), max_size=3, unique=True),
    "organizations": st.lists(TEXT, max_size=3, unique=True),
    "sectors": st.lists(st.sampled_from(SECTORS), min_size=1, max_size=3, unique=True),
    "keywords": st.fixed_dictionaries(
        {"en": st.lists(TEXT, max_size=3), "fr": st.lists(TEXT, max_size=3), "vi": st.lists(TEXT, max_size=3)}
    ),
    "evidence": st.lists(
        st.fixed_dictionaries({"source": FACT_ID, "quote": TEXT.filter(str.strip)}), min_size=1, max_size=3
    ),
}
OWN = {
    "event": {
        "name": OPT_TEXT,
        "location": OPT_TEXT,
        "organizers": st.lists(TEXT, max_size=2),
        "attendance": st.none() | st.integers(min_value=0, max_value=10**9),
        "attendance_qualifier": st.none() | st.sampled_from(QUALIFIERS),
        "participants": st.lists(TEXT, max_size=2),
    },
    "target": {
        "metric": TEXT,
        "holder": OPT_TEXT,
        "value": st.none() | NUMBER,
        "value_max": st.none() | NUMBER,
        "scale": st.none() | st.sampled_from(["thousand", "million", "billion"]),
        "unit": OPT_TEXT,
        "qualifier": st.none() | st.sampled_from(QUALIFIERS),
        "deadline": st.none() | YEAR,
    },
    "statistic": {
        "metric": TEXT,
        "value": st.none() | NUMBER,
        "value_max": st.none() | NUMBER,
        "scale": st.none() | st.sampled_from(["thousand", "million", "billion"]),
        "unit": OPT_TEXT,
        "qualifier": st.none() | st.sampled_from(QUALIFIERS),
        "as_of": st.none() | iso_dates(),
    },
}
FACTS = st.one_of(*[st.fixed_dictionaries({**COMMON, "kind": st.just(kind), **fields}) for kind, fields in OWN.items()])


def round_trip(fact: dict[str, Any]) -> None:
    model = FACT_ADAPTER.validate_python(fact)
    text = dump_facts([fact_to_dict(model)])
    data, lines = yamlsafe.load(text)
    from_yaml = FACT_ADAPTER.validate_python(data["facts"][0])
    assert from_yaml == model, text
    assert lines[("facts", 0)] == 2
    as_json = json.loads(json.dumps(fact_to_dict(from_yaml), ensure_ascii=False))
    written = {k: v for k, v in as_json.items() if k not in COMPUTED_FIELDS and k not in ("titles", "summaries")}
    written.update(title=as_json["titles"], summary=as_json["summaries"])  # a fact file has every language
    from_json = FACT_ADAPTER.validate_python(written)
    assert from_json == model
    assert fact_to_dict(from_json) == fact_to_dict(model)


@FAST
@given(fact=FACTS)
def test_any_valid_fact_round_trips(fact: dict[str, Any]) -> None:
    round_trip(fact)


SAMPLE = {
    "id": "x",
    "kind": "statistic",
    "title": {"en": "t", "fr": "t", "vi": "t"},
    "summary": {"en": "s", "fr": "s", "vi": "s"},
    "sectors": ["ai"],
    "metric": "m",
    "evidence": [{"source": "x", "quote": "q"}],
}


@pytest.mark.parametrize(
    "text",
    [
        "0",
        "1.5",
        "-1",
        "+1",
        "1_000",
        "0x1F",
        "0o17",
        ".5",
        "1.",
        "1.5e+5",
        ".inf",
        ".nan",
        "~",
        "null",
        "Null",
        "true",
        "yes",
        "no",
        "on",
        "2024-09-22",
        "12:30",
        "- a",
        "a: b",
        "#a",
        "'",
        '"',
        "\x00\x1b[31m",
        "\x85",
        "\u2028",
        "\ufeff",
        "\t",
        " ",
        "1e5",
        "0E0",
        "1.5e5",
        "-2e-3",
    ],
)
def test_float_like_strings_round_trip_through_yaml(text: str) -> None:
    """Strings that look like numbers, nulls or YAML syntax stay strings through ``--format yaml``."""
    title = text.strip() or "t"
    every = ("en", "fr", "vi")
    round_trip({**SAMPLE, "title": dict.fromkeys(every, title), "summary": dict.fromkeys(every, text), "unit": text})


# -- (3) any mutation of a real fact file: loads, or one CorpusError ---------------------------
FACT_FILES = sorted(p.name for p in REPO_FACTS.glob("*.yaml") if p.name not in RESERVED_FILES)
MUTATIONS = ("delete-line", "duplicate-line", "insert-char", "truncate")
_stamp = itertools.count(1)


@pytest.fixture(scope="module")
def corpus_copy() -> Any:
    """One copy of the repository corpus for every example (Hypothesis reruns the test body)."""
    with tempfile.TemporaryDirectory(prefix="vncoop-mutants-") as temp:
        root = Path(temp) / "facts"
        shutil.copytree(REPO_FACTS, root)
        yield root


def mutate(data: bytes, how: str, where: int, char: str) -> bytes:
    if how == "truncate":
        return data[: where % (len(data) + 1)]
    if how == "insert-char":
        at = where % (len(data) + 1)
        return data[:at] + char.encode("utf-8", "surrogatepass") + data[at:]
    lines = data.splitlines(keepends=True)
    index = where % len(lines)
    if how == "delete-line":
        return b"".join(lines[:index] + lines[index + 1 :])
    return b"".join(lines[: index + 1] + lines[index:])


def load_mutant(root: Path, name: str, mutant: bytes, use_cache: bool) -> None:
    path = root / name
    original = (REPO_FACTS / name).read_bytes()
    path.write_bytes(mutant)
    tick = 1_000_000_000 * next(_stamp)  # a distinct mtime each time, so the cache never mistakes two mutants
    os.utime(path, ns=(tick, tick))
    try:
        try:
            corpus = load_corpus(root, use_cache=use_cache)
        except CorpusError as exc:
            assert exc.problems, "a CorpusError names at least one problem"
            assert all(str(problem) for problem in exc.problems)
            return
        assert corpus.facts
    finally:
        path.write_bytes(original)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(FACT_FILES),
    how=st.sampled_from(MUTATIONS),
    where=st.integers(min_value=0, max_value=10**6),
    char=st.characters(),
    use_cache=st.booleans(),
)
@example(name=FACT_FILES[0], how="truncate", where=0, char="a", use_cache=True)
@example(name=FACT_FILES[0], how="insert-char", where=0, char="\ufeff", use_cache=False)
@example(name=FACT_FILES[0], how="insert-char", where=1, char="\x00", use_cache=True)
@example(name=FACT_FILES[0], how="insert-char", where=9, char="\ud800", use_cache=False)
@example(name=FACT_FILES[0], how="insert-char", where=0, char="\t", use_cache=True)
def test_any_mutation_loads_or_is_a_corpus_error(
    corpus_copy: Path, name: str, how: str, where: int, char: str, use_cache: bool
) -> None:
    mutant = mutate((REPO_FACTS / name).read_bytes(), how, where, char)
    load_mutant(corpus_copy, name, mutant, use_cache)


def test_there_are_fact_files_to_mutate() -> None:
    assert FACT_FILES
    assert (VALID / "facts.yaml").is_file()


# -- (5) French elisions: the apostrophe scan drops exactly what the plain regex would ----------
_ELISION_REFERENCE = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\w)")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ldjmnstcqupisorhé3_' -")), max_size=40) | st.text(max_size=40))
@example("l'usine d'Hanoï jusqu'à aujourd'hui qu'il l'l'x 3l'a él'a")
def test_elisions_match_the_reference_regex(text: str) -> None:
    from vncoop.text.fold import drop_elisions

    assert drop_elisions(text) == _ELISION_REFERENCE.sub(" ", text)
