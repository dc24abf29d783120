"""The bridge map's data: firms ↔ overseas partners, and partners placed on a map of cities.

Edges are connections (coloured by stage) and engagements (firms that took part in an
engagement with the partner). The database groups the edges (``values`` + ``annotate``);
Python only shapes the rows into nodes. Six queries at most, whatever the number of firms.

With many firms (more than ``MAX_FIRM_NODES`` after filtering) the firms are drawn as one node
per top-level specialty, each firm under its first specialty, so 1,000 firms stay legible;
narrowing the filters brings the single firms back.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.firms.models import Firm
from directory.firms.translation import localize
from directory.partners.models import Connection, OverseasPartner, Participation, Stage

from .filters import MapFilters
from .places import CLUSTER, locate

MAX_FIRM_NODES = 80
FirmSpecialty = Firm.specialties.through

#: Pipeline order for "the furthest a partner's connections got" (dormant/closed lowest).
STAGE_RANK = {
    Stage.CLOSED: 0,
    Stage.DORMANT: 1,
    Stage.PROPOSED: 2,
    Stage.INTRODUCED: 3,
    Stage.MET: 4,
    Stage.IN_DISCUSSION: 5,
    Stage.AGREEMENT: 6,
}
ENGAGEMENT = "engagement"


def _name(row: dict, prefix: str = "") -> str:
    return localize(
        SimpleNamespace(**{f"name_{s}": row.get(f"{prefix}name_{s}") for s in ("ko", "en", "zh")}),
        "name",
    ).text


def _names(prefix: str = "") -> list[str]:
    return [f"{prefix}name_{s}" for s in ("ko", "en", "zh")]


@dataclass
class Network:
    grouped: bool
    nodes: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)
    firm_count: int = 0
    partner_count: int = 0
    connection_count: int = 0
    engagement_link_count: int = 0

    def as_json(self) -> dict:
        return {
            "grouped": self.grouped,
            "nodes": self.nodes,
            "links": self.links,
            "places": self.places,
            "unplaced": self.unplaced,
            "origin": {
                "name": _("Pangyo Techno Valley"),
                "coord": [CLUSTER.lon, CLUSTER.lat],
            },
            "stages": [{"value": s.value, "label": str(s.label)} for s in Stage],
            "engagement_label": _("engagement"),
            "counts": {
                "firms": self.firm_count,
                "partners": self.partner_count,
                "connections": self.connection_count,
                "engagements": self.engagement_link_count,
            },
        }


def _connection_rows(filters: MapFilters):
    connections = Connection.objects.all()
    if filters.stage:
        connections = connections.filter(stage=filters.stage)
    if filters.start:
        connections = connections.filter(created_at__date__gte=filters.start)
    if filters.end:
        connections = connections.filter(created_at__date__lte=filters.end)
    if filters.country:
        connections = connections.filter(partner__country=filters.country)
    if filters.specialty_ids:
        connections = connections.filter(
            firm__in=FirmSpecialty.objects.filter(specialty_id__in=filters.specialty_ids).values(
                "firm_id"
            )
        )
    return connections.filter(partner__is_archived=False)


def _participation_rows(filters: MapFilters):
    """Who took part in an engagement with which partner (not the invited or no-shows)."""
    participations = Participation.objects.exclude(outcome__in=["invited", "no_show"])
    if filters.stage:
        # A stage belongs to connections; engagements have none, so a stage filter hides them.
        return participations.none()
    # One filter() call, so the partner the edge goes to is the partner the conditions hold
    # for (an engagement may have several partners).
    conditions = {"engagement__partners__is_archived": False}
    if filters.country:
        conditions["engagement__partners__country"] = filters.country
    participations = participations.filter(**conditions)
    if filters.start:
        participations = participations.filter(engagement__date__gte=filters.start)
    if filters.end:
        participations = participations.filter(engagement__date__lte=filters.end)
    if filters.specialty_ids:
        participations = participations.filter(
            firm__in=FirmSpecialty.objects.filter(specialty_id__in=filters.specialty_ids).values(
                "firm_id"
            )
        )
    return participations


def build(filters: MapFilters, max_firm_nodes: int | None = None) -> Network:
    if max_firm_nodes is None:
        max_firm_nodes = MAX_FIRM_NODES
    connections = _connection_rows(filters)
    participations = _participation_rows(filters)

    # 1. Connection edges, one row per firm/partner pair.
    connection_edges = list(connections.order_by().values("firm_id", "partner_id", "stage"))
    # 2. Engagement edges: per firm and partner, how many engagements they shared.
    engagement_edges = list(
        participations.order_by()
        .values("firm_id", partner_id=F("engagement__partners"))
        .annotate(n=Count("engagement_id", distinct=True))
    )
    firm_ids = {row["firm_id"] for row in connection_edges} | {
        row["firm_id"] for row in engagement_edges
    }
    partner_ids = {row["partner_id"] for row in connection_edges} | {
        row["partner_id"] for row in engagement_edges
    }
    network = Network(grouped=len(firm_ids) > max_firm_nodes)
    network.firm_count = len(firm_ids)
    network.partner_count = len(partner_ids)
    network.connection_count = len(connection_edges)
    network.engagement_link_count = len(engagement_edges)

    in_map = Q(pk__in=connections.values("firm_id")) | Q(pk__in=participations.values("firm_id"))
    partner_in_map = Q(pk__in=connections.values("partner_id")) | Q(
        pk__in=participations.values("engagement__partners")
    )
    # 3. The partners, with what places them on the city map.
    partners = {
        row["pk"]: row
        for row in OverseasPartner.objects.filter(partner_in_map)
        .order_by()
        .values("pk", "slug", *_names(), "city_ko", "city_en", "city_zh", "country_id")
    }

    activity: Counter = Counter()
    for row in connection_edges:
        activity[("f", row["firm_id"])] += 1
        activity[("p", row["partner_id"])] += 1
    for row in engagement_edges:
        activity[("f", row["firm_id"])] += row["n"]
        activity[("p", row["partner_id"])] += row["n"]

    for pk, row in partners.items():
        network.nodes.append(
            {
                "id": f"p{pk}",
                "name": _name(row),
                "category": "partner",
                "value": activity[("p", pk)],
                "url": reverse("staff:partner-detail", kwargs={"slug": row["slug"]}),
            }
        )

    if network.grouped:
        _group_firms(network, in_map, connection_edges, engagement_edges)
    else:
        # 4. The firms themselves.
        for row in Firm.objects.filter(in_map).order_by().values("pk", "slug", *_names()):
            network.nodes.append(
                {
                    "id": f"f{row['pk']}",
                    "name": _name(row),
                    "category": "firm",
                    "value": activity[("f", row["pk"])],
                    "url": reverse("staff:firm-detail", kwargs={"slug": row["slug"]}),
                }
            )
        for row in connection_edges:
            network.links.append(
                {
                    "source": f"f{row['firm_id']}",
                    "target": f"p{row['partner_id']}",
                    "kind": row["stage"],
                    "count": 1,
                }
            )
        for row in engagement_edges:
            network.links.append(
                {
                    "source": f"f{row['firm_id']}",
                    "target": f"p{row['partner_id']}",
                    "kind": ENGAGEMENT,
                    "count": row["n"],
                }
            )

    engagements_by_partner = _engagements_per_partner(filters)
    if engagements_by_partner:
        # 5. Partners with engagements but no firm in them yet (an MOU between agencies, say)
        # still belong on the city map: they are part of the bridge.
        missing = set(engagements_by_partner) - set(partners)
        if missing:
            partners.update(
                {
                    row["pk"]: row
                    for row in OverseasPartner.objects.filter(pk__in=missing)
                    .order_by()
                    .values("pk", "slug", *_names(), "city_ko", "city_en", "city_zh", "country_id")
                }
            )
    _place_partners(network, partners, connection_edges, engagement_edges, engagements_by_partner)
    network.nodes.sort(key=lambda node: (node["category"], -node["value"], node["name"]))
    return network


def _group_firms(network: Network, in_map: Q, connection_edges, engagement_edges) -> None:
    """One node per top-level specialty: each firm under its first specialty (by position)."""
    # 5. Each firm's specialties, mapped to their top level, first one first.
    rows = (
        FirmSpecialty.objects.filter(firm__in=Firm.objects.filter(in_map).values("pk"))
        .annotate(
            top_slug=Coalesce("specialty__parent__slug", "specialty__slug"),
            top_name_ko=Coalesce("specialty__parent__name_ko", "specialty__name_ko"),
            top_name_en=Coalesce("specialty__parent__name_en", "specialty__name_en"),
            top_name_zh=Coalesce("specialty__parent__name_zh", "specialty__name_zh"),
            top_position=Coalesce("specialty__parent__position", "specialty__position"),
        )
        .order_by("firm_id", "top_position", "top_slug")
        .values("firm_id", "top_slug", "top_name_ko", "top_name_en", "top_name_zh")
    )
    group_of: dict[int, str] = {}
    group_names: dict[str, str] = {}
    for row in rows:
        if row["firm_id"] not in group_of:
            group_of[row["firm_id"]] = row["top_slug"]
            group_names[row["top_slug"]] = _name(row, "top_")
    members: dict[str, set[int]] = defaultdict(set)
    firm_ids = {row["firm_id"] for row in connection_edges} | {
        row["firm_id"] for row in engagement_edges
    }
    for firm_id in firm_ids:
        members[group_of.get(firm_id, "")].add(firm_id)
    group_names[""] = _("no specialty")

    weights: Counter = Counter()
    for row in connection_edges:
        weights[(group_of.get(row["firm_id"], ""), row["partner_id"], row["stage"])] += 1
    for row in engagement_edges:
        weights[(group_of.get(row["firm_id"], ""), row["partner_id"], ENGAGEMENT)] += row["n"]
    activity: Counter = Counter()
    for (group, _partner, _kind), n in weights.items():
        activity[group] += n

    for slug, firms in members.items():
        count = len(firms)
        network.nodes.append(
            {
                "id": f"g{slug}",
                "name": ngettext(
                    "%(specialty)s (%(count)d firm)", "%(specialty)s (%(count)d firms)", count
                )
                % {"specialty": group_names[slug], "count": count},
                "category": "group",
                "value": activity[slug],
                "firms": count,
                "url": (reverse("firms:list") + f"?specialty={slug}") if slug else "",
            }
        )
    for (group, partner_id, kind), n in weights.items():
        network.links.append(
            {"source": f"g{group}", "target": f"p{partner_id}", "kind": kind, "count": n}
        )


def _engagements_per_partner(filters: MapFilters) -> dict[int, int]:
    """Partner id → its engagements in the date range; none when a stage or specialty filter
    is on (those filter connections and firms, which an engagement alone does not have)."""
    if filters.stage or filters.specialty_ids:
        return {}
    conditions = {}
    if filters.start:
        conditions["engagements__date__gte"] = filters.start
    if filters.end:
        conditions["engagements__date__lte"] = filters.end
    partners = OverseasPartner.objects.active().filter(engagements__isnull=False, **conditions)
    if filters.country:
        partners = partners.filter(country=filters.country)
    return {
        row["pk"]: row["n"]
        for row in partners.order_by().values("pk").annotate(n=Count("engagements", distinct=True))
    }


def _place_partners(
    network: Network, partners: dict, connection_edges, engagement_edges, engagements: dict
):
    """Partners on the city map: lines to the cluster, the furthest stage reached."""
    connections: Counter = Counter()
    furthest: dict[int, str] = {}
    for row in connection_edges:
        pk = row["partner_id"]
        connections[pk] += 1
        if pk not in furthest or STAGE_RANK[row["stage"]] > STAGE_RANK[furthest[pk]]:
            furthest[pk] = row["stage"]
    engaged: Counter = Counter()
    for row in engagement_edges:
        engaged[row["partner_id"]] += 1
    for pk, row in sorted(partners.items(), key=lambda item: _name(item[1])):
        url = reverse("staff:partner-detail", kwargs={"slug": row["slug"]})
        name = _name(row)
        city = localize(SimpleNamespace(**row), "city").text
        place = locate((row["city_en"], row["city_ko"], row["city_zh"]), row["country_id"])
        entry = {
            "id": f"p{pk}",
            "name": name,
            "city": city,
            "country": row["country_id"],
            "connections": connections[pk],
            "firms_engaged": engaged[pk],
            "engagements": engagements.get(pk, 0),
            "stage": furthest.get(pk, ENGAGEMENT),
            "stage_label": str(Stage(furthest[pk]).label)
            if pk in furthest
            else _("engagement only"),
            "url": url,
        }
        if place is None:
            network.unplaced.append(entry)
        else:
            entry["coord"] = [place.lon, place.lat]
            entry["approximate"] = place.approximate
            network.places.append(entry)
