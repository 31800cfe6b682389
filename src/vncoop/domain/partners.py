"""The partner registry: country names in English, French and Vietnamese, codes and aliases.

``resolve_partner("nhat ban")`` → ``"JP"``. Names are compared folded (no case, no diacritics);
an unknown name raises :class:`NotFoundError` with "did you mean" suggestions.
"""

from __future__ import annotations

from typing import NamedTuple

from vncoop.errors import NotFoundError, quoted
from vncoop.text.fold import fold


class Partner(NamedTuple):
    code: str
    alpha3: str
    en: str
    fr: str
    vi: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.code, self.alpha3, self.en, self.fr, self.vi, *self.aliases)


REGISTRY: tuple[Partner, ...] = (
    Partner("JP", "JPN", "Japan", "Japon", "Nhật Bản", ("Nhật", "日本", "Nippon", "Nihon", "Japanese", "japonais")),
    Partner(
        "US",
        "USA",
        "United States",
        "États-Unis",
        "Hoa Kỳ",
        (
            "US",
            "U.S.",
            "USA",
            "U.S.A.",
            "America",
            "United States of America",
            "Mỹ",
            "Amérique",
            "American",
            "américain",
            "Etats-Unis d'Amérique",
            "美国",
        ),
    ),
    Partner("KR", "KOR", "South Korea", "Corée du Sud", "Hàn Quốc", ("Korea", "Republic of Korea", "Corée", "한국")),
    Partner("CN", "CHN", "China", "Chine", "Trung Quốc", ("中国", "PRC")),
    Partner("TW", "TWN", "Taiwan", "Taïwan", "Đài Loan", ("台灣",)),
    Partner("FR", "FRA", "France", "France", "Pháp"),
    Partner("DE", "DEU", "Germany", "Allemagne", "Đức"),
    Partner("GB", "GBR", "United Kingdom", "Royaume-Uni", "Vương quốc Anh", ("UK", "Britain", "Anh")),
    Partner("IN", "IND", "India", "Inde", "Ấn Độ"),
    Partner("SG", "SGP", "Singapore", "Singapour", "Singapore"),
    Partner("AU", "AUS", "Australia", "Australie", "Úc", ("Ôxtrâylia",)),
    Partner("CA", "CAN", "Canada", "Canada", "Canada"),
    Partner("NL", "NLD", "Netherlands", "Pays-Bas", "Hà Lan", ("Holland",)),
    Partner("MY", "MYS", "Malaysia", "Malaisie", "Malaysia"),
    Partner("TH", "THA", "Thailand", "Thaïlande", "Thái Lan"),
    Partner("ID", "IDN", "Indonesia", "Indonésie", "Indonesia"),
    Partner("RU", "RUS", "Russia", "Russie", "Nga"),
    Partner("IL", "ISR", "Israel", "Israël", "Israel"),
    Partner("IT", "ITA", "Italy", "Italie", "Ý", ("Italia",)),
)

BY_CODE: dict[str, Partner] = {partner.code: partner for partner in REGISTRY}


def _index() -> dict[str, Partner]:
    index: dict[str, Partner] = {}
    for partner in REGISTRY:
        for name in partner.names:
            index.setdefault(fold(name).replace(".", ""), partner)
    return index


_INDEX: dict[str, Partner] = {}


def _names() -> dict[str, Partner]:
    if not _INDEX:
        _INDEX.update(_index())
    return _INDEX


def partner_name(code: str) -> str:
    partner = BY_CODE.get(code)
    return partner.en if partner else code


def partner_search_names(code: str) -> list[str]:
    """Every name the registry knows for a code, for the search index."""
    partner = BY_CODE.get(code)
    return list(partner.names) if partner else [code]


def resolve_partner(name: str) -> str:
    """The ISO alpha-2 code for a partner name, code or alias in any of the three languages."""
    key = fold(name.strip()).replace(".", "")
    key = " ".join(key.split())
    partner = _names().get(key)
    if partner is not None:
        return partner.code
    from vncoop.text.suggest import suggest  # only once a name is not found

    raise NotFoundError(f"unknown partner {quoted(name.strip())}{suggest(key, list(_names()), _display_for)}")


def _display_for(key: str) -> str:
    return _names()[key].en


def describe_amount(fact: dict[str, object]) -> str:
    """ "nearly 78.6 billion USD" from a fact's number fields, as the source states them."""
    value = fact.get("amount", fact.get("value", fact.get("count")))
    if value is None:
        return ""
    qualifier = str(fact.get("qualifier") or "").replace("_", " ")
    parts = [qualifier if qualifier not in ("", "exact", "range") else "", str(value)]
    if fact.get("value_max") is not None:
        parts[-1] += f"–{fact['value_max']}"
    parts += [str(fact.get("scale") or ""), str(fact.get("currency") or fact.get("unit") or "")]
    return " ".join(p for p in parts if p)


def partner_profile(code: str, facts: list[dict[str, object]]) -> list[tuple[str, str]]:
    """A short profile heading `vncoop partner`: investment figures, training targets, events."""
    partner = BY_CODE.get(code)
    name = f"{partner.en} / {partner.fr} / {partner.vi} ({code})" if partner else code
    rows = [("Partner", name), ("Facts", str(len(facts)))]
    investments = [
        f"{describe_amount(f)} ({str(f.get('measure')).replace('_', ' ')})"
        for f in facts
        if f["kind"] == "investment" and describe_amount(f)
    ]
    if investments:
        rows.append(("Investment figures", "; ".join(investments)))
    targets = [
        f"{describe_amount(f)} {f.get('trainees')}" + (f" by {f['deadline']}" if f.get("deadline") else "")
        for f in facts
        if f["kind"] == "training_target"
    ]
    if targets:
        rows.append(("Training targets", "; ".join(t.strip() for t in targets)))
    rows.append(("Events", str(sum(1 for f in facts if f["kind"] == "event"))))
    return rows
