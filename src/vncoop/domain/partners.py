"""The partner registry: every country's names in English, French and Vietnamese, codes and aliases.

``resolve_partner("nhat ban")`` → ``"JP"``. Names are compared folded (no case, no diacritics);
an unknown name raises :class:`NotFoundError` with "did you mean" suggestions.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from vncoop.domain.vocab import HOME_COUNTRY
from vncoop.errors import NotFoundError, quoted
from vncoop.text.fold import fold, lower
from vncoop.text.i18n import N_, current, scale_word, tr


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


# Codes CLDR knows that ISO 3166-1 does not assign to a country: the user-assigned ranges (AA,
# QM-QZ, XA-XZ, ZZ) and the exceptionally reserved codes (Ascension, Clipperton, the EU, …).
_USER_ASSIGNED = frozenset(
    {"AA", "ZZ", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"), *(f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
)
_EXCEPTIONALLY_RESERVED = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "FX", "IC", "SU", "TA", "UK", "UN"})

# What people type besides CLDR's names: short forms, demonyms, older or colloquial names.
ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "America", "United States of America", "Mỹ", "Amérique", "American", "américain",
           "Etats-Unis d'Amérique", "美国"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "Anh", "Grande-Bretagne", "British", "britannique"),
    "JP": ("Nhật", "日本", "Nippon", "Nihon", "Japanese", "japonais"),
    "KR": ("Korea", "Republic of Korea", "Corée", "Hàn", "한국", "Korean", "coréen"),
    "KP": ("DPRK", "North Korea", "Corée du Nord", "Triều Tiên"),
    "CN": ("中国", "PRC", "Chinese", "chinois"),
    "TW": ("台灣",),
    "NL": ("Holland",),
    "AU": ("Ôxtrâylia",),
    "IT": ("Italia", "Ý"),
    "RU": ("Russian Federation",),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey", "Turquie"),
    "AE": ("UAE",),
}  # fmt: skip


RegistryLoader = Callable[[], tuple["Partner", ...]]
_LOADER: list[RegistryLoader] = []  # a kept copy of the registry (index/registry_store.py), if any


def load_registry_with(loader: RegistryLoader) -> None:
    """Read the registry through ``loader`` (which returns :func:`cldr_registry`'s result, kept
    somewhere cheaper to read) instead of from CLDR."""
    if [loader] != _LOADER:
        _LOADER[:] = [loader]
        for cached in (registry, _by_code, _names):
            cached.cache_clear()


@cache
def registry() -> tuple[Partner, ...]:
    """Every ISO 3166-1 country with its CLDR names in English, French and Vietnamese, Vietnam
    included (it is the home country); read on the first name looked up."""
    return _LOADER[0]() if _LOADER else cldr_registry()


def cldr_registry() -> tuple[Partner, ...]:
    """The registry from babel's CLDR data: loading three languages' locale data is most of the
    time of a command that names a partner, hence the kept copy."""
    from babel import Locale
    from babel.core import get_global

    names = {language: Locale.parse(language).territories for language in ("en", "fr", "vi")}
    alpha3 = {
        targets[0]: alias
        for alias, targets in get_global("territory_aliases").items()
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1
    }
    codes = sorted(code for code in alpha3 if code not in _USER_ASSIGNED | _EXCEPTIONALLY_RESERVED)
    return tuple(
        Partner(
            code,
            alpha3[code],
            names["en"].get(code, code),
            names["fr"].get(code, code),
            names["vi"].get(code, code),
            ALIASES.get(code, ()),
        )
        for code in codes
    )


def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes of every country."""
    return frozenset(partner.code for partner in registry())


@cache
def _by_code() -> dict[str, Partner]:
    return {partner.code: partner for partner in registry()}


def partner(code: str) -> Partner | None:
    return _by_code().get(code)


def _key(name: str, marked: bool = False) -> str:
    return " ".join((lower(name) if marked else fold(name)).strip().replace(".", "").split())


@cache
def _names(marked: bool = False) -> dict[str, Partner]:
    """Name → country, compared folded (or, with ``marked``, with their diacritics: ``Mỹ`` is
    the United States though ``my`` is Malaysia's code). Codes first, then each language's
    names, then aliases, so a name one country has in one language never hides another's code."""
    index: dict[str, Partner] = {}
    for field in ("code", "alpha3", "en", "fr", "vi", "aliases"):
        for country in registry():
            values = country.aliases if field == "aliases" else (getattr(country, field),)
            for name in values:
                index.setdefault(_key(name, marked), country)
    return index


def partner_name(code: str, language: str = "en") -> str:
    """The country's name in ``language`` (English unless asked: JSON and messages name it so)."""
    country = partner(code)
    return str(getattr(country, language, country.en)) if country else code


def partner_search_names(code: str) -> list[str]:
    """Every name the registry knows for a code, for the search index."""
    country = partner(code)
    return list(country.names) if country else [code]


def resolve_partner(name: str) -> str:
    """The ISO alpha-2 code for a country name, code or alias in English, French or Vietnamese.

    Vietnam is refused with a message of its own: it is the home country of every fact, so no
    fact lists it as a partner."""
    key = _key(name)
    country = _names(marked=True).get(_key(name, marked=True)) or _names().get(key)
    if country is not None and country.code == HOME_COUNTRY:
        raise NotFoundError(
            tr(
                "Vietnam is the home country: every fact concerns it, so none lists it as a partner "
                "(`vncoop list` shows every fact)"
            )
        )
    if country is not None:
        return country.code
    from vncoop.text.suggest import suggest  # only once a name is not found

    choices = [k for k, c in _names().items() if c.code != HOME_COUNTRY]
    raise NotFoundError(
        tr("unknown partner {name}{hint}", name=quoted(name.strip()), hint=suggest(key, choices, _display_for))
    )


def _display_for(key: str) -> str:
    return _names()[key].en


QUALIFIER_WORDS = {
    "nearly": N_("nearly"), "about": N_("about"), "more_than": N_("more than"),
    "at_least": N_("at least"), "up_to": N_("up to"),
}  # fmt: skip
SCALE_WORDS = {"thousand": N_("thousand"), "million": N_("million"), "billion": N_("billion")}
MEASURE_WORDS = {
    "registered_capital": N_("registered capital"), "capital_growth": N_("capital growth"),
    "planned_spend": N_("planned spend"), "deal_count": N_("deal count"), "flow": N_("flow"), "other": N_("other"),
}  # fmt: skip


def describe_amount(fact: dict[str, object]) -> str:
    """ "nearly 78.6 billion USD" from a fact's number fields, as the source states them, in the
    language in use ("près de 78,6 milliards USD")."""
    value = fact.get("amount", fact.get("value", fact.get("count")))
    if value is None:
        return ""
    qualifier = QUALIFIER_WORDS.get(str(fact.get("qualifier") or ""))
    parts = [tr(qualifier) if qualifier else "", _number(value)]
    if fact.get("value_max") is not None:
        parts[-1] += f"–{_number(fact['value_max'])}"
    scale = SCALE_WORDS.get(str(fact.get("scale") or ""))
    unit = str(fact.get("currency") or fact.get("unit") or "")
    figure = float(value) if isinstance(value, (int, float)) else 0.0  # not a number: the word as it is
    parts += [scale_word(scale, figure) if scale else "", tr(N_("percent")) if unit == "percent" else unit]
    return " ".join(p for p in parts if p)


def _number(value: object) -> str:
    """A figure in the language's notation (78.6 → 78,6), every digit kept."""
    if current() == "en" or not isinstance(value, (int, float)) or isinstance(value, bool):
        return str(value)
    from decimal import Decimal

    from babel.numbers import format_decimal

    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return str(format_decimal(exact, locale=current(), decimal_quantization=False))


def partner_profile(code: str, facts: list[dict[str, object]]) -> list[tuple[str, str]]:
    """A short profile heading `vncoop partner`: investment figures, training targets, events."""
    country = partner(code)
    name = f"{country.en} / {country.fr} / {country.vi} ({code})" if country else code
    rows = [(N_("Partner"), name), (N_("Facts"), str(len(facts)))]
    investments = [
        f"{describe_amount(f)} ({tr(MEASURE_WORDS.get(str(f.get('measure')), str(f.get('measure'))))})"
        for f in facts
        if f["kind"] == "investment" and describe_amount(f)
    ]
    if investments:
        rows.append((N_("Investment figures"), "; ".join(investments)))
    targets = [
        f"{describe_amount(f)} {f.get('trainees')}"
        + (" " + tr("by {year}", year=f["deadline"]) if f.get("deadline") else "")
        for f in facts
        if f["kind"] == "training_target"
    ]
    if targets:
        rows.append((N_("Training targets"), "; ".join(t.strip() for t in targets)))
    rows.append((N_("Events"), str(sum(1 for f in facts if f["kind"] == "event"))))
    return rows
