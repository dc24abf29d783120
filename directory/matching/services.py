"""Matching use cases around the pure scorer: run a match, save a shortlist, introduce firms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db import transaction

from directory.firms.models import Firm
from directory.partners.models import Connection, OverseasPartner
from directory.partners.services import propose_connection
from directory.search.services import current_lexicon

from . import profiles as profile_cache
from .models import Shortlist, ShortlistEntry
from .scoring import Brief, Filters, MatchResult, Weights, parse_keywords, prepare_brief, rank

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def get_weights() -> Weights:
    """The weights from settings.GAGYO_MATCHING_WEIGHTS (documented defaults otherwise)."""
    return Weights.from_mapping(getattr(settings, "GAGYO_MATCHING_WEIGHTS", None))


@dataclass(frozen=True)
class MatchOutcome:
    results: list[MatchResult]
    candidates: int  # firms that passed the filters
    maximum: float  # the best total possible for this brief
    brief: Brief = field(default_factory=Brief)


def prepare(brief: Brief) -> Brief:
    """The brief with its keywords' specialties, synonyms and weights (IDF over the published
    firms), so the match page and a shortlist score alike."""
    if not brief.keywords:
        return brief
    return prepare_brief(brief, current_lexicon(), profile_cache.get_index())


def run_match(
    brief: Brief, filters: Filters | None = None, limit: int = DEFAULT_LIMIT
) -> MatchOutcome:
    """Rank the published firms for a brief; explain the best `limit`."""
    if brief.partner_id is not None and not brief.relationships:
        brief = replace(brief, relationships=profile_cache.relationships_for(brief.partner_id))
    brief = prepare(brief)
    weights, filters = get_weights(), filters or Filters()
    index = profile_cache.get_index()
    results = rank(index, brief, weights, profile_cache.get_taxonomy(), limit, filters)
    return MatchOutcome(results, index.count(filters, brief), weights.maximum(brief), brief)


def brief_to_json(brief: Brief, keywords_text: str = "") -> dict[str, Any]:
    return {
        "specialties": sorted(brief.specialty_ids),
        "keywords": keywords_text or " ".join(brief.keywords),
        "countries": sorted(brief.country_codes),
        "partner": brief.partner_id,
    }


def brief_from_json(data: dict[str, Any]) -> Brief:
    return Brief(
        specialty_ids=frozenset(int(s) for s in data.get("specialties") or ()),
        keywords=parse_keywords(data.get("keywords") or "", current_lexicon()),
        country_codes=frozenset(data.get("countries") or ()),
        partner_id=data.get("partner"),
    )


@transaction.atomic
def create_shortlist(
    *,
    name: str,
    brief: Brief,
    firm_ids: Iterable[int],
    author,
    partner: OverseasPartner | None = None,
    keywords_text: str = "",
) -> Shortlist:
    """Save the chosen firms with their scores, re-scored here (never trusted from the form)."""
    wanted = set(firm_ids)
    selected = [p for p in profile_cache.get_profiles() if p.id in wanted]
    if brief.partner_id is not None:
        brief = replace(brief, relationships=profile_cache.relationships_for(brief.partner_id))
    brief = prepare(brief)
    results = rank(selected, brief, get_weights(), profile_cache.get_taxonomy())
    shortlist = Shortlist.objects.create(
        name=name, partner=partner, brief=brief_to_json(brief, keywords_text), author=author
    )
    ShortlistEntry.objects.bulk_create(
        ShortlistEntry(
            shortlist=shortlist,
            firm_id=result.firm_id,
            score=round(result.total, 2),
            reasons=[part.to_dict() for part in result.parts],
            position=position,
        )
        for position, result in enumerate(results, start=1)
    )
    return shortlist


@dataclass(frozen=True)
class IntroduceOutcome:
    created: list[Connection]
    existing: list[Connection]


class NoPartner(ValueError):
    """A shortlist without a partner has nobody to introduce its firms to."""


@transaction.atomic
def introduce(
    shortlist: Shortlist, user, firm_ids: Sequence[int] | None = None
) -> IntroduceOutcome:
    """Propose a connection to the shortlist's partner for each (or each chosen) firm on it."""
    if shortlist.partner is None:
        raise NoPartner
    entries = shortlist.entries.select_related("firm")
    if firm_ids is not None:
        entries = entries.filter(firm_id__in=firm_ids)
    created, existing = [], []
    for entry in entries:
        connection, was_created = propose_connection(
            entry.firm, shortlist.partner, user, f"shortlist {shortlist.name}"
        )
        (created if was_created else existing).append(connection)
    return IntroduceOutcome(created, existing)


@dataclass(frozen=True)
class PartnerMatch:
    partner: OverseasPartner
    result: MatchResult
    maximum: float

    @property
    def percent(self) -> int:
        return round(100 * self.result.total / self.maximum) if self.maximum else 0


def partners_for_firm(firm: Firm) -> list[PartnerMatch]:
    """The reverse view: every active partner's brief scored for this one firm, best first.

    Totals of different briefs have different maxima, so partners are ordered by the share of
    their brief's maximum the firm reaches, then by name.
    """
    profile = profile_cache.get_profile(firm.pk)
    if profile is None:
        return []
    relationships = {
        partner_id: profile_cache.relationship_for_stage(stage)
        for partner_id, stage in Connection.objects.filter(firm=firm).values_list(
            "partner_id", "stage"
        )
    }
    weights, taxonomy = get_weights(), profile_cache.get_taxonomy()
    matches = []
    partners = OverseasPartner.objects.active().select_related("country")
    for partner in partners.prefetch_related("seeks_specialties"):
        brief = Brief(
            specialty_ids=frozenset(s.pk for s in partner.seeks_specialties.all()),
            country_codes=frozenset({partner.country_id}),
            partner_id=partner.pk,
            relationships={firm.pk: relationships.get(partner.pk, "none")},
        )
        result = rank([profile], brief, weights, taxonomy)[0]
        matches.append(PartnerMatch(partner, result, weights.maximum(brief)))
    matches.sort(key=lambda m: (-m.percent, m.partner.name_ko, m.partner.pk))
    return matches
