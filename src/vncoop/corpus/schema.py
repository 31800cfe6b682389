"""Pydantic schemas of the corpus: sources, facts (a union discriminated on ``kind``), thesaurus.

Strict and closed (``extra="forbid"``) so that a typo in a hand-edited file is an error, not a
silently ignored key. Numbers are kept exactly as the source states them; hedges such as
"nearly" or "more than" live in a ``qualifier`` field.
"""

from __future__ import annotations

import calendar
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter

from vncoop.domain.partners import country_codes
from vncoop.domain.quantities import computed_amount
from vncoop.domain.vocab import DATE_RE, FACT_ID_RE, HEAD_KEYS, HOME_COUNTRY, TAIL_KEYS, TRANSLATED_KEYS

Number = Union[int, Annotated[float, Field(allow_inf_nan=False)]]


def _check_date(value: str) -> str:
    match = DATE_RE.fullmatch(value)
    if not match:
        raise ValueError("not an ISO date: use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Qn")
    year, month, day = match.group(1), match.group(2), match.group(3)
    if day is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            raise ValueError(f"not a valid day of {year}-{month}")
    return value


def _check_partner(value: str) -> str:
    if value == HOME_COUNTRY:
        raise ValueError("Vietnam is the home country and is not listed as a partner")
    if value not in country_codes():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code{_country_hint(value)}")
    return value


def _country_hint(value: str) -> str:
    """ "; did you mean 'US'?" for a name, an alpha-3 code or an alias written where a code goes."""
    from vncoop.errors import NotFoundError

    try:
        from vncoop.domain.partners import resolve_partner

        return f"; did you mean {resolve_partner(value)!r}?"
    except NotFoundError:
        return ""


def _check_fact_id(value: str) -> str:
    if not FACT_ID_RE.fullmatch(value):  # match() would take "id\n" (``$`` matches before a newline)
        raise ValueError("fact ids are kebab-case: lowercase letters, digits and single hyphens")
    return value


def _check_year(value: int) -> int:
    if not 1900 <= value <= 2200:
        raise ValueError("a year between 1900 and 2200")
    return value


IsoDate = Annotated[str, AfterValidator(_check_date)]
PartnerCode = Annotated[str, AfterValidator(_check_partner)]
FactId = Annotated[str, AfterValidator(_check_fact_id)]
Year = Annotated[int, AfterValidator(_check_year)]
Text = Annotated[str, Field(min_length=1)]
Line = Annotated[str, Field(min_length=1, pattern=r"^[^\n\r]+$")]
Sector = Literal[
    "semiconductors",
    "ai",
    "digital-transformation",
    "ict",
    "telecom",
    "green-transition",
    "human-resources",
    "investment",
    "trade",
    "startups",
    "innovation",
    "infrastructure",
    "manufacturing",
    "finance",
    "transport",
    "energy",
    "diplomacy",
]
Qualifier = Literal["exact", "about", "nearly", "more_than", "at_least", "up_to", "range"]
Scale = Literal["thousand", "million", "billion"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(Strict):
    """A source document, archived as text inside the corpus so evidence can be re-checked."""

    id: FactId
    title: Line
    title_is_description: bool = False
    publisher: str | None = None
    language: Literal["en", "fr", "vi"]
    published: IsoDate | None = None
    url: str | None = None
    text: Annotated[str, Field(min_length=1), AfterValidator(_inside_the_corpus)] = Field(
        description="Path of the archived text, relative to the corpus directory"
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="SHA-256 of the archived text's UTF-8 bytes: validate fails if the archive changes"
    )
    notes: Text | None = Field(
        default=None,
        description="What the curators inferred and why a field is left empty (e.g. a publisher seen only "
        "in a photo credit): never a value the document does not state",
    )


def _inside_the_corpus(value: str) -> str:
    """An archived text's path stays inside the corpus: not absolute, no ``..``."""
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":") or ".." in parts:
        raise ValueError("must be a path inside the corpus directory (relative, without '..')")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("a quote cannot be blank")
    return value


def _unique(values: list[Any]) -> list[Any]:
    seen = [value for index, value in enumerate(values) if value in values[:index]]
    if seen:
        raise ValueError(f"{seen[0]!r} is listed twice")
    return values


class Evidence(Strict):
    source: FactId
    quote: Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]


class Keywords(Strict):
    en: list[Text] = Field(default_factory=list)
    fr: list[Text] = Field(default_factory=list)
    vi: list[Text] = Field(default_factory=list)


class Titles(Strict):
    """A fact's title in each language: one line, the same numbers, hedges and actors."""

    en: Line
    fr: Line
    vi: Line


class Summaries(Strict):
    """A fact's summary in each language, faithful to the English and to the source."""

    en: Text
    fr: Text
    vi: Text


class FactBase(Strict):
    id: FactId
    title: Titles = Field(description="The title in English, French and Vietnamese")
    summary: Summaries = Field(description="The summary in English, French and Vietnamese")
    date: IsoDate | None = None
    date_derived: bool = Field(
        default=False,
        description="True when the date was resolved from a relative one ('on Tuesday') "
        "against the document's own publication date",
    )
    partners: Annotated[list[PartnerCode], AfterValidator(_unique)] = Field(default_factory=list)
    organizations: Annotated[list[Text], AfterValidator(_unique)] = Field(default_factory=list)
    sectors: Annotated[list[Sector], AfterValidator(_unique)] = Field(min_length=1)
    keywords: Keywords = Field(default_factory=Keywords)
    evidence: list[Evidence] = Field(min_length=1)


class Investment(FactBase):
    kind: Literal["investment"]
    measure: Literal["registered_capital", "capital_growth", "planned_spend", "deal_count", "flow", "other"]
    amount: Number | None = None
    scale: Scale | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    unit: str | None = Field(default=None, description="Unit when not money: percent, deals, …")
    qualifier: Qualifier | None = None
    period: IsoDate | None = None
    investor: str | None = None
    recipient: str | None = None


class TrainingTarget(FactBase):
    kind: Literal["training_target"]
    count: int | None = None
    trainees: Text = Field(description="Who is trained: engineers, doctoral students, …")
    field: Text
    deadline: Year | None = None
    trainer: str | None = None
    qualifier: Qualifier | None = None


class Event(FactBase):
    kind: Literal["event"]
    name: str | None = None
    location: str | None = None
    organizers: list[Text] = Field(default_factory=list)
    attendance: int | None = None
    attendance_qualifier: Qualifier | None = None
    participants: list[Text] = Field(default_factory=list)
    patrons: list[Text] = Field(
        default_factory=list, description="Under whose auspices or patronage the event was held: not organisers"
    )


class Agreement(FactBase):
    kind: Literal["agreement"]
    parties: list[Text] = Field(min_length=1)
    scope: Text


class Commitment(FactBase):
    kind: Literal["commitment"]
    committed_by: Text
    beneficiary: str | None = None
    scope: Text


class Policy(FactBase):
    kind: Literal["policy"]
    instrument: Text
    issuing_body: str | None = None


class Target(FactBase):
    kind: Literal["target"]
    metric: Text
    holder: str | None = Field(default=None, description="Who set the target")
    value: Number | None = None
    value_max: Number | None = None
    scale: Scale | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    deadline: Year | None = None


class Statistic(FactBase):
    kind: Literal["statistic"]
    metric: Text
    value: Number | None = None
    value_max: Number | None = None
    scale: Scale | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    as_of: IsoDate | None = None


class Milestone(FactBase):
    kind: Literal["milestone"]
    relationship: Text
    milestone: Text


class Statement(FactBase):
    """What someone said: an assessment, a call or an offer that commits no one to a figure."""

    kind: Literal["statement"]
    speaker: Text
    addressed_to: list[Text] = Field(default_factory=list, description="Whom a call or an offer is addressed to")
    position: Text = Field(description="What is stated, called for or offered")


FactUnion = Annotated[
    Union[
        Investment,
        TrainingTarget,
        Event,
        Agreement,
        Commitment,
        Policy,
        Target,
        Statistic,
        Milestone,
        Statement,
    ],
    Field(discriminator="kind"),
]


class FactsFile(Strict):
    facts: list[FactUnion]


def _check_country(value: str) -> str:
    if value not in country_codes():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code{_country_hint(value)}")
    return value


CountryCode = Annotated[str, AfterValidator(_check_country)]


class EntityNames(Strict):
    en: Line | None = None
    fr: Line | None = None
    vi: Line | None = None


class Entity(Strict):
    """An organisation, a person, or a group the sources name without naming its members
    ("Vietnamese technology firms"); fact fields that name one hold its id."""

    id: FactId
    type: Literal["organization", "person", "group"]
    name: Line = Field(description="Canonical name: English where a source gives one; people as they write")
    acronyms: Annotated[list[Line], AfterValidator(_unique)] = Field(default_factory=list)
    names: EntityNames = Field(default_factory=EntityNames, description="The name in each language, where known")
    aliases: Annotated[list[Line], AfterValidator(_unique)] = Field(
        default_factory=list, description="Other spellings the sources use"
    )
    country: CountryCode | None = None
    description: Text | None = None
    members: Annotated[list[FactId], AfterValidator(_unique)] = Field(
        default_factory=list, description="A group's entities, where the sources name them"
    )


class Thesaurus(Strict):
    """Groups of interchangeable search terms across English, French and Vietnamese."""

    groups: list[Annotated[list[Text], Field(min_length=2)]]


FACT_ADAPTER: TypeAdapter[Any] = TypeAdapter(FactUnion)


def fact_to_dict(fact: FactBase) -> dict[str, Any]:
    """The fact's public JSON form: every field, keys in the stable contract order, and the
    computed amount (see :mod:`vncoop.domain.quantities`)."""
    data = fact.model_dump(mode="json")
    data[TRANSLATED_KEYS["title"]], data["title"] = data["title"], data["title"]["en"]
    data[TRANSLATED_KEYS["summary"]], data["summary"] = data["summary"], data["summary"]["en"]
    ordered = {key: data[key] for key in HEAD_KEYS}
    for key, value in data.items():
        if key not in ordered and key not in TAIL_KEYS:
            ordered[key] = value
    ordered.update(computed_amount(ordered))  # after the kind's own fields, before the tails
    for key in TAIL_KEYS:
        ordered[key] = data[key]
    return ordered


def fact_json_schema() -> dict[str, Any]:
    """JSON Schema of a fact file, for editors (yaml-language-server) and tools."""
    schema = FactsFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "vncoop fact file"
    return schema
