"""Filters, the chronology and counts as SQL over the cache, for the commands that list facts.

Each cached fact has its kind, year and chronological key in columns, and its tags in an indexed
table: ``p:JP`` (a partner), ``s:ai`` (a sector), ``e:jetro`` (an entity it names, members of a
named group included, as ``--org`` matches), ``src:vna-…`` (a source its evidence cites). A
filter is then a WHERE clause on indexed columns, ``list`` and ``timeline`` read rows through an
index on their order (newest first; oldest first), and ``stats`` is a few GROUP BYs: no
fact is parsed to choose, order or count. The rules are the ones of ``domain/filters.py`` and
``domain/dates.py`` (a test holds the SQL to the Python on every filter).
"""

from __future__ import annotations

import json
from typing import Any

from vncoop.domain.dates import date_key, fact_year
from vncoop.domain.entities import fact_entity_ids
from vncoop.domain.filters import FactFilter

PARTNER, SECTOR, ENTITY, SOURCE = "p:", "s:", "e:", "src:"
# Newest first: dated facts by date (latest first), ties and the undated (last) in id order;
# oldest first: dated by date, then the undated, ties in id order (as domain/dates.py sorts).
NEWEST = "newest"
OLDEST = "oldest"
RANKS = {
    NEWEST: "chrono IS NULL, chrono DESC, id",
    OLDEST: "chrono IS NULL, chrono, id",
}


def chrono(date: str | None) -> int | None:
    """domain/dates.py's sort key of a date as one integer (SQLite sorts it as the tuple)."""
    if not date:
        return None
    year, month, day, precision = date_key(date)
    return ((year * 100 + month) * 100 + day) * 10 + precision


def listing_columns(fact: dict[str, Any]) -> tuple[str, int | None, int | None, str]:
    """A fact's kind, year, chronological key and tags (as a JSON array), for its cache row."""
    tags = [PARTNER + code for code in fact.get("partners", [])]
    tags += [SECTOR + sector for sector in fact.get("sectors", [])]
    tags += [ENTITY + entity_id for entity_id in sorted(fact_entity_ids(fact))]
    tags += [SOURCE + evidence["source"] for evidence in fact.get("evidence", [])]
    return fact["kind"], fact_year(fact), chrono(fact.get("date")), json.dumps(list(dict.fromkeys(tags)))


# Run once the facts are in (one statement each: executescript would commit the build midway).
# The two orders are indexes on their sort expressions, which ORDER BY then reads in order; the
# tag table is filled by json_each, which splits each fact's tags.
RANKED = (
    f"CREATE INDEX facts_newest ON facts ({RANKS[NEWEST]})",
    f"CREATE INDEX facts_oldest ON facts ({RANKS[OLDEST]})",
    # stats counts from these alone: a scan of the facts would read every stored fact's pages
    "CREATE INDEX facts_kind ON facts (kind)",
    "CREATE INDEX facts_year ON facts (year)",
    "INSERT OR IGNORE INTO fact_tags (tag, pos) SELECT value, facts.pos FROM facts, json_each(facts.tags)",
)


def where(chosen: FactFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and its parameters for a filter: each kind of filter ORs its
    values, different filters must all hold."""
    clauses: list[str] = []
    params: list[Any] = []
    if chosen.kinds:
        clauses.append(f"kind IN ({', '.join('?' * len(chosen.kinds))})")
        params += chosen.kinds
    for prefix, values in (
        (PARTNER, chosen.partners),
        (SECTOR, chosen.sectors),
        (SOURCE, chosen.sources),
        (ENTITY, chosen.orgs),
    ):
        if values:
            clauses.append(f"pos IN (SELECT pos FROM fact_tags WHERE tag IN ({', '.join('?' * len(values))}))")
            params += [prefix + value for value in values]
    if chosen.since is not None:
        clauses.append("year >= ?")
        params.append(chosen.since)
    if chosen.until is not None:
        clauses.append("year <= ?")
        params.append(chosen.until)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def counts(connection: Any, chosen: FactFilter) -> dict[str, Any]:
    """``stats``'s counts of the facts a filter keeps, each by one GROUP BY."""
    from vncoop.domain.overviews import stats_from_counts

    clause, params = where(chosen)
    kept = f"SELECT pos FROM facts{clause}"
    total = connection.execute(f"SELECT count(*) FROM facts{clause}", params).fetchone()[0]  # noqa: S608
    kinds = connection.execute(f"SELECT kind, count(*) FROM facts{clause} GROUP BY kind", params).fetchall()  # noqa: S608
    years = connection.execute(f"SELECT year, count(*) FROM facts{clause} GROUP BY year", params).fetchall()  # noqa: S608

    def tagged(prefix: str) -> list[tuple[str, int]]:
        only_kept = f" AND pos IN ({kept})" if clause else ""  # unfiltered, the tag index alone answers
        rows = connection.execute(
            f"SELECT substr(tag, {len(prefix) + 1}), count(*) FROM fact_tags "  # noqa: S608 - fixed names
            f"WHERE tag >= ? AND tag < ?{only_kept} GROUP BY tag",
            [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1), *params],
        )
        return list(rows.fetchall())

    return stats_from_counts(total, kinds, tagged(PARTNER), tagged(SECTOR), years)
