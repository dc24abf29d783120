"""What a firm card (templates/firms/_firm_card.html) shows, and two ways to fetch it.

A card lists the firm's specialties and target markets as ``card_specialties`` and
``card_markets``. The directory builds them from its facet index and cached filter values
(one query for a page of cards); other pages use the ORM's prefetches (``from_prefetch``).
"""

from __future__ import annotations

from collections.abc import Iterable

from directory.firms.models import Firm
from directory.firms.profile_fields import CARD_FIELDS


def from_prefetch(firms: Iterable[Firm]) -> list[Firm]:
    """Cards of firms fetched with ``FirmQuerySet.for_cards()``."""
    firms = list(firms)
    for firm in firms:
        firm.card_specialties = list(firm.specialties.all())
        firm.card_markets = list(firm.target_markets.all())
    return firms


def from_index(ids: list[int], index, options) -> list[Firm]:
    """Cards of the published firms ``ids``, in that order, with one query: specialties and
    markets come from the facet index's bit sets, their names and the clusters from the
    filter values the directory already holds (``FilterOptions``)."""
    found = {
        firm.pk: firm for firm in Firm.objects.published().filter(pk__in=ids).only(*CARD_FIELDS)
    }
    links = index.links_of(found)
    order = options.specialty_order
    cards = []
    for pk in ids:
        firm = found.get(pk)
        if firm is None:  # unpublished or deleted since the index was built
            continue
        specialty_ids, market_codes = links[pk]
        specialties = [
            options.specialty_by_id[s] for s in specialty_ids if s in options.specialty_by_id
        ]
        firm.card_specialties = sorted(specialties, key=lambda s: order.get(s.pk, 0))
        firm.card_markets = [
            options.country_by_code[code]
            for code in sorted(market_codes)
            if code in options.country_by_code
        ]
        cluster = options.cluster_by_id.get(firm.cluster_id)
        if cluster is not None:
            firm.cluster = cluster
        cards.append(firm)
    return cards
