"""Turn the scorer's reason codes into translated sentences (the view layer of scoring.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from directory.firms.models import Country, Specialty
from directory.firms.translation import localize

from .scoring import Reason, render_reason

TEMPLATES: Mapping[str, Any] = {
    "specialty_exact": _("shares {specialty}"),
    "specialty_parent_or_child": _("close to {specialty}: has {held}"),
    "specialty_sibling": _("related to {specialty}: has {held}"),
    "keyword": _("mentions {word} in {field}"),
    "market": _("targets {country}"),
    # xgettext:no-python-format
    "completeness": _("profile {percent}% complete"),
    "has_en": _("has an English profile"),
    "has_zh": _("has a Chinese profile"),
    "confirmed": _("profile confirmed recently"),
    "relationship_none": _("not yet connected"),
    "relationship_pipeline": _("already in the pipeline"),
    "relationship_agreement": _("agreement reached"),
    "relationship_ended": _("connected before (dormant or closed)"),
}

PART_LABELS: Mapping[str, Any] = {
    "specialty": _("specialty fit"),
    "keywords": _("keyword relevance"),
    "market": _("market fit"),
    "readiness": _("readiness"),
    "relationship": _("relationship"),
}

RELATIONSHIP_LABELS: Mapping[str, Any] = {
    "none": _("not yet connected"),
    "pipeline": _("in the pipeline"),
    "agreement": _("agreement"),
    "ended": _("dormant or closed"),
}

FIELD_LABELS: Mapping[str, Any] = {
    "name_ko": _("name (Korean)"),
    "name_en": _("name (English)"),
    "name_zh": _("name (Chinese)"),
    "summary_ko": _("summary (Korean)"),
    "summary_en": _("summary (English)"),
    "summary_zh": _("summary (Chinese)"),
    "description_ko": _("description (Korean)"),
    "description_en": _("description (English)"),
    "description_zh": _("description (Chinese)"),
}


class ReasonRenderer:
    """Renders reasons in the active language; looks specialty and country names up once."""

    def __init__(self, suffix: str | None = None) -> None:
        self.suffix = suffix  # None: the active language
        self.specialties = {s.pk: s for s in Specialty.objects.all()}
        self.countries = {c.pk: c for c in Country.objects.all()}
        self._templates: dict[str, str] = {}
        self._labels: dict[tuple[str, Any], Any] = {}

    def label(self, param: str, value: Any) -> Any:
        key = (param, value)
        if key not in self._labels:
            self._labels[key] = self._label(param, value)
        return self._labels[key]

    def _label(self, param: str, value: Any) -> Any:
        if param in ("specialty", "held"):
            specialty = self.specialties.get(value)
            return localize(specialty, "name", self.suffix).text if specialty else value
        if param == "country":
            country = self.countries.get(value)
            return localize(country, "name", self.suffix).text if country else value
        if param == "field":
            return str(FIELD_LABELS.get(value, value))
        return value

    def reason(self, reason: Reason) -> str:
        template = self._templates.get(reason.code)
        if template is None:  # translate each template once per renderer, not per reason
            template = self._templates[reason.code] = str(TEMPLATES.get(reason.code, reason.code))
        return render_reason(reason, {reason.code: template}, self.label)

    def parts(self, parts: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Parts in their JSON form (ScorePart.to_dict) -> label, points and sentences."""
        return [
            {
                "name": part["name"],
                "label": self._part_label(part["name"]),
                "points": part["points"],
                "reasons": [self.reason(Reason.from_dict(r)) for r in part["reasons"]],
            }
            for part in parts
        ]

    def _part_label(self, name: str) -> str:
        key = ("part", name)
        if key not in self._labels:
            self._labels[key] = str(PART_LABELS.get(name, name))
        return self._labels[key]

    def summary(self, parts: Iterable[Mapping[str, Any]], relationship: bool = True) -> str:
        """The reasons that earned points (and the relationship label) in one line.

        Readiness is left out (it applies to every firm); so is the relationship when the
        text goes to the partner (``relationship=False``): the pipeline is internal.
        """
        sentences = []
        for part in parts:
            if part["name"] == "readiness" or (part["name"] == "relationship" and not relationship):
                continue
            if part["points"] or part["name"] == "relationship":
                sentences += [self.reason(Reason.from_dict(r)) for r in part["reasons"]]
        return "; ".join(sentences)
