"""Scoring: how well each candidate fact matches a query's concepts, and why.

Each concept takes its best match over the fact's fields (title and keywords weigh most, then
organisations, partner names and summary, then the kind's own text fields, then evidence
quotes), scaled by how it matched (same accents > folded > thesaurus > root > fuzzy). Rare
concepts weigh more than common ones (their IDF weight). The score adds, in decreasing order of
weight: the whole query found as a phrase; every concept matched; the share of concepts
matched; the match quality. Facts below a minimum share of matched concepts are not returned,
so a query matching nothing meaningful returns nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from vncoop.domain.answers import answer, roles
from vncoop.domain.records import FactDict
from vncoop.index.stems import same_as_written, stem
from vncoop.index.tokens import FIELD_WEIGHTS, MAX_WEIGHT, FieldText, find_run
from vncoop.search.query import EXACT, FOLDED, Concept, Hit, Match
from vncoop.text.fold import fold, word_tokens

MIN_COVERAGE = 0.5
INTENT_BONUS = 0.75  # a fact that answers what the question asks for: above match quality
APART = 0.4  # a Vietnamese syllable found without the one typed beside it: under MIN_COVERAGE
DIRECTION_BONUS = 0.5  # roles that run the query's way (actor named first); the reverse loses it
Candidate = tuple[FactDict, list[FieldText]]  # a fact and its tokenised fields


class Wanted(NamedTuple):
    """What the query asks beyond its words: phrases that must be found, words that must not,
    and the kind of answer its question wants (see :mod:`vncoop.search.reading`)."""

    phrases: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    intent: str | None = None
    asked_by: str = ""
    excluded_numbers: list[frozenset[str]] = []  # -2030, -"50,000": each number's readings

    def filters(self) -> bool:
        return bool(self.phrases or self.excluded or self.excluded_numbers)

    def admits(self, fields: Sequence[FieldText]) -> bool:
        def anywhere(run: tuple[str, ...]) -> bool:
            return any(_holds_run(text, run) for text in fields)

        if any(text.holds_number(readings) for readings in self.excluded_numbers for text in fields):
            return False
        return all(anywhere(run) for run in self.phrases) and not any(anywhere(run) for run in self.excluded)


@functools.lru_cache(maxsize=1024)
def _marks_are_meant(typed: tuple[str, ...]) -> bool:
    """Whether words were typed with marks: then they match only as marked (a Vietnamese tone
    placed either way); folding is for what is typed without them."""
    return any(fold(word) != word for word in typed)


def best_match(fields: Sequence[FieldText], concept: Concept) -> tuple[float, Match | None, float, int]:
    """(quality in 0..1, why, credit, how many fields matched) of a concept in one fact. The
    credit is what the match counts for in the share of the query matched: 1 for a solid match,
    0.8 for a typo correction, APART for half of a Vietnamese word found alone."""
    best, why, solid, breadth = 0.0, None, False, 0
    firsts = concept.first_stems()
    for text in fields:
        has_number = bool(concept.numbers) and text.holds_number(concept.numbers)
        if not has_number and not text.holds_any(firsts):
            continue  # most fields hold none of the concept's words: one look says so
        scale = text.weight / MAX_WEIGHT
        field_hit = False
        if has_number:
            field_hit = True
            value = scale * EXACT
            if value > best:
                matched = sorted(concept.numbers & text.numbers)[0]
                best, why, solid = value, Match(concept.label, text.name, matched, "number"), True
        for alternative in concept.ranked():
            if field_hit and alternative.quality * scale <= best:
                break  # ranked: no later alternative can do better in this field
            if not text.holds(alternative.stems[0]):
                continue
            if alternative.how == "stemmed":
                at = text.root_position(alternative.stems[0])
            else:
                at = find_run(text.stems, alternative.stems)
            if at < 0:
                continue
            field_hit = True
            quality, how = alternative.quality, alternative.how
            span = text.exact[at : at + len(alternative.stems)]
            if alternative.exact and tuple(span) != alternative.exact:
                if (concept.as_typed or _marks_are_meant(alternative.exact)) and not same_as_written(
                    span, alternative.exact
                ):
                    continue  # hòa (peace) is not hóa: a word typed or listed with marks is that word
                if how == "exact" and not same_as_written(span, alternative.exact):
                    quality, how = FOLDED, "folded"
            value = scale * quality
            if value > best:
                best = value
                why = Match(concept.label, text.name, " ".join(span), how)
                solid = how not in ("fuzzy", "fuzzy+thesaurus")
        breadth += field_hit
    if (
        why is not None
        and concept.together
        and not any(_holds_run(text, run) for text in fields for run in concept.together)
    ):
        return best * APART, why, APART, breadth  # half of a word, found apart from its other half
    return best, why, 1.0 if solid else 0.8, breadth


def _holds_run(text: FieldText, run: Sequence[str]) -> bool:
    """Whether the field holds these stems one after another (its first word looked for first)."""
    return bool(run) and text.holds(run[0]) and find_run(text.stems, run) >= 0


@functools.lru_cache(maxsize=4096)
def _stems_of(text: str) -> list[str]:
    return [stem(word) for word in word_tokens(text)]


def _holds(text: str, concept: Concept) -> bool:
    stems = _stems_of(text)
    firsts = concept.first_stems()
    if not any(word in firsts for word in stems):
        return False  # the usual case, said without a run search
    return any(find_run(stems, alternative.stems) >= 0 for alternative in concept.alternatives)


def _direction(fact: FactDict, concepts: Sequence[Concept]) -> int:
    """+1 when the query names the fact's actor before its receiver, -1 the other way, else 0."""
    found = roles(fact)
    if found is None:
        return 0
    _, actor, _, receiver = found
    in_actor = {i for i, concept in enumerate(concepts) if _holds(actor, concept)}
    in_receiver = {i for i, concept in enumerate(concepts) if _holds(receiver, concept)}
    only_actor, only_receiver = in_actor - in_receiver, in_receiver - in_actor
    if not only_actor or not only_receiver:
        return 0
    return 1 if min(only_actor) < min(only_receiver) else -1


def direction_text(fact: FactDict) -> str:
    found = roles(fact)
    return f"{found[0]}: {found[1]} → {found[2]}: {found[3]}" if found else ""


def rank(
    candidates: Iterable[Candidate],
    concepts: Sequence[Concept],
    query: str,
    phrase: tuple[str, ...],
    limit: int | None,
    wanted: Wanted = Wanted(),
) -> list[Hit]:
    """The candidates that match enough of the query, best first (ties by id), at most ``limit``.
    ``phrase``: the query's stems in order (see :meth:`QueryAnalyser.phrase`)."""
    if not concepts:
        return []
    total_weight = sum(c.weight for c in concepts) or 1.0
    hits: list[Hit] = []
    for fact, fields in candidates:
        if wanted.filters() and not wanted.admits(fields):
            continue
        matched_weight, quality_sum, all_solid, solid_count, breadth_sum = 0.0, 0.0, True, 0, 0.0
        matches: list[Match] = []
        for concept in concepts:
            quality, why, credit, breadth = best_match(fields, concept)
            solid = credit == 1.0
            if why is None:
                all_solid = False
                continue
            matches.append(why)
            matched_weight += concept.weight * credit
            quality_sum += concept.weight * quality
            breadth_sum += concept.weight * breadth / len(FIELD_WEIGHTS)
            all_solid = all_solid and solid
            solid_count += solid
        coverage = matched_weight / total_weight
        # Enough of the query's meaning must match: half its (IDF-weighted) concepts, or half
        # of them counted plainly, each matched solidly (a typo correction does not count).
        if coverage < MIN_COVERAGE and not (solid_count >= MIN_COVERAGE * len(concepts)):
            continue
        phrase_hit = 0.0
        if len(phrase) >= 2:
            for text in fields:
                if _holds_run(text, phrase):
                    phrase_hit = 1.0
                    matches.insert(0, Match(query.strip(), text.name, " ".join(phrase), "phrase"))
                    break
        # Tiers: phrase (4) > every concept (2) > share matched (≤1) > quality (≤1); the number
        # of fields a concept appears in (≤0.2) separates facts about a term from mentions.
        answered = answer(fact, wanted.intent) if wanted.intent else None
        if answered is not None:
            matches.append(Match(wanted.asked_by, answered[0], answered[1], "intent"))
        direction = _direction(fact, concepts)
        if direction > 0:
            matches.append(Match("word order", "roles", direction_text(fact), "direction"))
        score = (
            INTENT_BONUS * (answered is not None)
            + DIRECTION_BONUS * direction
            + 4.0 * phrase_hit
            + 2.0 * all_solid
            + coverage
            + quality_sum / total_weight
            + 0.2 * breadth_sum / total_weight
        )
        hits.append(Hit(fact, round(score, 4), matches))
    hits.sort(key=lambda h: (-h.score, h.fact["id"]))
    return hits[:limit] if limit is not None else hits
