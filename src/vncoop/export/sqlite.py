"""The SQLite export: facts, evidence, sources and partners as tables, a full-text index over
every language, and the metadata Datasette reads (facets, labels, column descriptions)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vncoop.corpus.layout import decode_text, read_bytes
from vncoop.domain.kinds import KINDS
from vncoop.domain.partners import partner_name
from vncoop.domain.quantities import COMPUTED_FIELDS
from vncoop.domain.records import Corpus, FactDict
from vncoop.domain.vocab import HEAD_KEYS, LANGUAGES, TAIL_KEYS
from vncoop.errors import CorpusError, OutputError
from vncoop.output.view import localised

METADATA_FILE = "metadata.json"
# Keys every fact has; the rest of a fact's keys are its kind's own fields ("details").
COMMON_KEYS = (*HEAD_KEYS, *TAIL_KEYS)  # columns of their own, not in details

SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    title_is_description INTEGER NOT NULL,
    publisher TEXT,
    language TEXT NOT NULL,
    published TEXT,
    url TEXT,
    archive TEXT NOT NULL,
    sha256 TEXT,
    notes TEXT,
    text TEXT NOT NULL
);
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    date TEXT,
    date_derived INTEGER NOT NULL,
    partners TEXT NOT NULL,
    organizations TEXT NOT NULL,
    sectors TEXT NOT NULL,
    details TEXT NOT NULL,
    amount_value REAL,
    amount_currency TEXT,
    keywords_en TEXT NOT NULL,
    keywords_fr TEXT NOT NULL,
    keywords_vi TEXT NOT NULL,
    title_en TEXT NOT NULL,
    title_fr TEXT NOT NULL,
    title_vi TEXT NOT NULL,
    summary_en TEXT NOT NULL,
    summary_fr TEXT NOT NULL,
    summary_vi TEXT NOT NULL
);
CREATE TABLE evidence (
    fact_id TEXT NOT NULL REFERENCES facts(id),
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    quote TEXT NOT NULL,
    PRIMARY KEY (fact_id, position)
);
CREATE TABLE fact_partners (
    fact_id TEXT NOT NULL REFERENCES facts(id),
    partner_code TEXT NOT NULL,
    partner_name TEXT NOT NULL,
    PRIMARY KEY (fact_id, partner_code)
);
CREATE INDEX facts_kind ON facts(kind);
CREATE INDEX facts_date ON facts(date);
CREATE INDEX evidence_source_id ON evidence(source_id);
CREATE INDEX fact_partners_partner_code ON fact_partners(partner_code);
"""
# A standalone FTS5 table (quotes live in another table, so it cannot be an external-content
# index of `facts`). Its rowid equals the fact's rowid in `facts`, which lets Datasette's
# `facts?_search=` use it too (see `fts_table` in the metadata).
FTS_SCHEMA = (
    "CREATE VIRTUAL TABLE facts_fts USING fts5("
    "id UNINDEXED, title, summary, keywords, quotes, tokenize = 'unicode61 remove_diacritics 2')"
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_sqlite(corpus: Corpus, facts: list[FactDict], path: Path) -> None:
    """Create the tables in ``path`` (an empty file) and fill them in one transaction."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA)
        try:
            connection.execute(FTS_SCHEMA)
        except sqlite3.OperationalError as exc:
            raise OutputError(f"this Python's SQLite cannot build a full-text index ({exc})") from None
        with connection:
            connection.executemany(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_source_row(corpus.root, source) for source in corpus.sources.values()],
            )
            for rowid, fact in enumerate(facts, start=1):
                _insert_fact(connection, rowid, fact)
        connection.execute("VACUUM")
    finally:
        connection.close()


def _source_row(root: Path, source: dict[str, Any]) -> tuple[Any, ...]:
    """A source and its archived text (the archive's path is kept too)."""
    try:  # a regular file, within the size limit
        text = decode_text(read_bytes(root / source["text"], source["text"]), source["text"])
    except CorpusError as exc:
        raise OutputError(
            f"cannot read the archived text of source {source['id']!r}: {exc.problems[0].message}"
        ) from None
    return (
        source["id"],
        source["title"],
        int(bool(source.get("title_is_description"))),
        source.get("publisher"),
        source["language"],
        source.get("published"),
        source.get("url"),
        source["text"],
        source.get("sha256"),
        source.get("notes"),
        text,
    )


def _insert_fact(connection: Any, rowid: int, fact: FactDict) -> None:
    keywords = fact.get("keywords") or {}
    titles, summaries = fact.get("titles") or {}, fact.get("summaries") or {}
    shown = localised(fact)  # title and summary in the language in use, as JSON has them
    details = {key: value for key, value in fact.items() if key not in COMMON_KEYS and key not in COMPUTED_FIELDS}
    connection.execute(
        "INSERT INTO facts (rowid, id, kind, title, summary, date, date_derived, partners, organizations, sectors,"
        " details, amount_value, amount_currency, keywords_en, keywords_fr, keywords_vi,"
        " title_en, title_fr, title_vi, summary_en, summary_fr, summary_vi)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            rowid,
            fact["id"],
            fact["kind"],
            shown["title"],
            shown["summary"],
            fact.get("date"),
            int(bool(fact.get("date_derived"))),
            _json(fact["partners"]),
            _json(fact["organizations"]),
            _json(fact["sectors"]),
            _json(details),
            fact.get("amount_value"),
            fact.get("amount_currency"),
            *(_json(keywords.get(lang, [])) for lang in LANGUAGES),
            *(titles.get(lang, fact["title"]) for lang in LANGUAGES),
            *(summaries.get(lang, fact["summary"]) for lang in LANGUAGES),
        ),
    )
    connection.executemany(
        "INSERT INTO evidence VALUES (?, ?, ?, ?)",
        [(fact["id"], position, e["source"], e["quote"]) for position, e in enumerate(fact["evidence"], start=1)],
    )
    connection.executemany(
        "INSERT INTO fact_partners VALUES (?, ?, ?)",
        [(fact["id"], code, partner_name(code)) for code in fact["partners"]],
    )
    all_keywords = [word for lang in LANGUAGES for word in keywords.get(lang, [])]
    connection.execute(
        "INSERT INTO facts_fts (rowid, id, title, summary, keywords, quotes) VALUES (?, ?, ?, ?, ?, ?)",
        (
            rowid,
            fact["id"],
            "\n".join(dict.fromkeys(str(titles.get(lang, fact["title"])) for lang in LANGUAGES)),
            "\n".join(dict.fromkeys(str(summaries.get(lang, fact["summary"])) for lang in LANGUAGES)),
            "\n".join(all_keywords),
            "\n".join(e["quote"] for e in fact["evidence"]),
        ),
    )


def datasette_metadata(corpus: Corpus, database: str) -> dict[str, Any]:
    """Datasette's ``metadata.json`` for the exported database: what it is, where it comes from."""
    publishers = sorted({s["publisher"] for s in corpus.sources.values() if s.get("publisher")})
    source = "News articles archived in the corpus"
    if publishers:
        source += f" ({', '.join(publishers)}; see the sources table)"
    json_list = "JSON array"
    return {
        "title": "vncoop: Vietnam's international cooperation in AI and semiconductors",
        "description": (
            f"{len(corpus.facts)} curated facts from {len(corpus.sources)} source documents, each backed by "
            "quotes copied verbatim from its source. Exported by vncoop."
        ),
        "license": "MIT (vncoop and its curated facts; quoted excerpts remain their publishers' work)",
        "source": source,
        "databases": {
            database: {
                "tables": {
                    "facts": {
                        "description": "One row per fact; list columns hold JSON arrays.",
                        "label_column": "title",
                        "fts_table": "facts_fts",
                        "facets": ["kind"],
                        "columns": {
                            "kind": ", ".join(KINDS[:-1]) + " or " + KINDS[-1],
                            "date": "ISO date as precise as the source: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn",
                            "date_derived": "1 when a relative date was resolved against the publication date",
                            "partners": f"{json_list} of ISO 3166-1 alpha-2 partner country codes",
                            "organizations": f"{json_list} of organisations involved",
                            "sectors": f"{json_list} of sectors",
                            "details": "JSON object of the fields specific to the fact's kind",
                            "amount_value": "Amount or value with its scale applied (78.6 billion: 78600000000)",
                            "amount_currency": "ISO 4217 currency of that amount, or null when it is not money",
                            "keywords_en": f"{json_list} of English search keywords",
                            "keywords_fr": f"{json_list} of French search keywords",
                            "keywords_vi": f"{json_list} of Vietnamese search keywords",
                            "title": "The title in the language of the export (--lang; English by default)",
                            "summary": "The summary in the language of the export (--lang; English by default)",
                            **{
                                f"{key}_{lang}": f"The {key} in {name}"
                                for key in ("title", "summary")
                                for lang, name in (("en", "English"), ("fr", "French"), ("vi", "Vietnamese"))
                            },
                        },
                    },
                    "evidence": {
                        "description": "Quotes copied verbatim from a source, supporting a fact.",
                        "columns": {"position": "Order of the quote within its fact, from 1"},
                    },
                    "sources": {
                        "description": "Source documents; `text` is the archived copy's path in the corpus.",
                        "label_column": "title",
                        "columns": {"title_is_description": "1 when the curators wrote the title"},
                    },
                    "fact_partners": {
                        "description": "One row per fact and partner country, for faceting and joins.",
                    },
                    "facts_fts": {
                        "description": "Full-text index: titles and summaries in every language, keywords, quotes.",
                    },
                }
            }
        },
    }
