"""Citations of facts and sources: CSL-JSON (what Zotero, Pandoc and citeproc read), BibTeX, RIS
and a plain line a journalist can paste. Only what the document gives: a missing field is left
out, never guessed; the plain line says "undated" rather than inventing a date."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from vncoop.output.escape import neutralise


class CiteStyle(str, Enum):
    text = "text"
    csl_json = "csl-json"
    bibtex = "bibtex"
    ris = "ris"


Citation = dict[str, Any]  # one cited item: the source's metadata, and for a fact its quote


def citations(fact_or_source: dict[str, Any], sources: dict[str, dict[str, Any]]) -> list[Citation]:
    """What citing one fact (each of its quotes with its source) or one source means."""
    if "evidence" not in fact_or_source:  # a source
        return [{"id": fact_or_source["id"], "source": fact_or_source, "quote": None, "fact": None}]
    fact = fact_or_source
    items = []
    for index, evidence in enumerate(fact["evidence"]):
        key = fact["id"] if index == 0 else f"{fact['id']}.quote{index + 1}"  # a dot: never a fact id
        items.append({"id": key, "source": sources[evidence["source"]], "quote": evidence["quote"], "fact": fact})
    return items


def _title(source: dict[str, Any]) -> str:
    """A descriptive title (the document has no headline) is given in square brackets."""
    title = neutralise(source["title"])
    return f"[{title}]" if source.get("title_is_description") else title


def _date_parts(published: str | None) -> list[int] | None:
    return [int(part) for part in published.split("-")] if published else None


def csl_item(item: Citation) -> dict[str, Any]:
    source = item["source"]
    csl: dict[str, Any] = {"id": item["id"], "type": "article-newspaper", "title": _title(source)}
    if source.get("publisher"):
        csl["container-title"] = csl["publisher"] = neutralise(source["publisher"])
    if source.get("published"):
        csl["issued"] = {"date-parts": [_date_parts(source["published"])]}
    csl["language"] = source["language"]
    if source.get("url"):
        csl["URL"] = source["url"]
    if item["quote"]:
        csl["note"] = "“" + neutralise(item["quote"]) + "”"
    return csl


def render_citations(items: list[Citation], style: CiteStyle) -> str:
    if style is CiteStyle.csl_json:
        return json.dumps([csl_item(item) for item in items], ensure_ascii=False, indent=2) + "\n"
    if style is CiteStyle.bibtex:
        return "\n".join(_bibtex(item) for item in items)
    if style is CiteStyle.ris:
        return "".join(_ris(item) for item in items)
    return "".join(_text(item) + "\n" for item in items)


def _text(item: Citation) -> str:
    source = item["source"]
    parts = [neutralise(source["publisher"])] if source.get("publisher") else []
    parts += [f"“{_title(source)}”", source.get("published") or "undated"]
    line = ", ".join(parts) + "."
    if source.get("url"):
        line += f" {source['url']}"
    if item["quote"]:
        line += " Quote: “" + " ".join(neutralise(item["quote"]).split()) + "”"
    return line


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
}


def _bib(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in " ".join(neutralise(text).split()))


def _bibtex(item: Citation) -> str:
    source = item["source"]
    fields = [("title", _title(source))]
    if source.get("publisher"):
        fields += [("journal", source["publisher"]), ("publisher", source["publisher"])]
    if source.get("published"):
        parts = _date_parts(source["published"]) or []
        fields += [("date", source["published"]), ("year", str(parts[0]))]
    fields.append(("language", source["language"]))
    if source.get("url"):
        fields.append(("url", source["url"]))
    if item["quote"]:
        fields.append(("note", "“" + item["quote"] + "”"))
    body = ",\n".join(f"  {name} = {{{_bib(value)}}}" for name, value in fields)
    return f"@article{{{item['id']},\n{body}\n}}\n"


def _ris(item: Citation) -> str:
    source = item["source"]
    lines = ["TY  - NEWS", f"ID  - {item['id']}", f"TI  - {_one(_title(source))}"]
    if source.get("publisher"):
        lines += [f"T2  - {_one(source['publisher'])}", f"PB  - {_one(source['publisher'])}"]
    if source.get("published"):
        parts = _date_parts(source["published"]) or []
        lines += [
            f"PY  - {parts[0]}",
            "DA  - " + "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) + "/",
        ]
    lines.append(f"LA  - {source['language']}")
    if source.get("url"):
        lines.append(f"UR  - {_one(source['url'])}")
    if item["quote"]:
        lines.append(f"N1  - “{_one(item['quote'])}”")
    return "\n".join([*lines, "ER  - "]) + "\n\n"


def _one(text: str) -> str:
    return " ".join(neutralise(text).split())
