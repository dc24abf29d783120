"""Turn the scorer's reason codes into translated sentences (the view layer of scoring.py).

Korean templates write particles the conventional way, ``{specialty}와(과)``; the renderer
then picks the one that fits the word put in (보안과, AI와: ``analysis.with_particle``), so a
reason never reads "보안와(과)". Staff see every reason; a partner's briefing pack uses its own
wording (``PARTNER_TEMPLATES``) without scores, fields or the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from directory.firms.models import Country, Specialty
from directory.firms.translation import localize
from directory.search.analysis import with_particle

from .scoring import Reason, render_reason

TEMPLATES: Mapping[str, Any] = {
    "specialty_exact": _("shares {specialty}"),
    "specialty_child": _("has {held}, part of {specialty}"),
    "specialty_keyword": _("asked for {word}: has {held}"),
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

# What a partner reads in a briefing pack: why the firm fits, in plain words.
PARTNER_TEMPLATES: Mapping[str, Any] = {
    "specialty_exact": _("specialises in {specialty}"),
    "specialty_child": _("specialises in {held}"),
    "specialty_keyword": _("specialises in {held}"),
    "specialty_parent_or_child": _("works in {held}, close to {specialty}"),
    "specialty_sibling": _("works in {held}, related to {specialty}"),
    "keyword": _("its profile mentions {word}"),
    "market": _("already looks to {country}"),
}

# A value put into a template, between markers, so its particle can be fixed afterwards.
_START, _END = "\x01", "\x02"
_PARTICLE = re.compile(
    "\x01([^\x02]*)\x02(와\\(과\\)|과\\(와\\)|을\\(를\\)|를\\(을\\)|이\\(가\\)|가\\(이\\)"
    "|은\\(는\\)|는\\(은\\)|\\(으\\)로)"
)
_PAIRS = {
    "와(과)": "와/과",
    "과(와)": "와/과",
    "을(를)": "을/를",
    "를(을)": "을/를",
    "이(가)": "이/가",
    "가(이)": "이/가",
    "은(는)": "은/는",
    "는(은)": "은/는",
    "(으)로": "로/으로",
}


def fix_particles(text: str) -> str:
    """Resolve ``word와(과)``-style particles after each marked value, then drop the markers."""
    text = _PARTICLE.sub(lambda m: with_particle(m.group(1), _PAIRS[m.group(2)]), text)
    return text.replace(_START, "").replace(_END, "")


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

    def __init__(self, suffix: str | None = None, *, for_partner: bool = False) -> None:
        self.suffix = suffix  # None: the active language
        self.for_partner = for_partner  # a briefing pack: PARTNER_TEMPLATES, no internals
        self.specialties = {s.pk: s for s in Specialty.objects.all()}
        self.countries = {c.pk: c for c in Country.objects.all()}
        self._templates: dict[str, str] = {}
        self._labels: dict[tuple[str, Any], Any] = {}

    def label(self, param: str, value: Any) -> Any:
        key = (param, value)
        if key not in self._labels:
            label = self._label(param, value)
            self._labels[key] = f"{_START}{label}{_END}" if isinstance(label, str) else label
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
            templates = PARTNER_TEMPLATES if self.for_partner else TEMPLATES
            template = self._templates[reason.code] = str(templates.get(reason.code, reason.code))
        return fix_particles(render_reason(reason, {reason.code: template}, self.label))

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
        text goes to the partner (``relationship=False``, or a partner's renderer): the
        pipeline is internal. A partner's renderer keeps only the reasons it has wording for.
        """
        sentences: list[str] = []
        for part in parts:
            internal = part["name"] == "relationship" and (not relationship or self.for_partner)
            if part["name"] == "readiness" or internal:
                continue
            if part["points"] or part["name"] == "relationship":
                for data in part["reasons"]:
                    reason = Reason.from_dict(data)
                    if self.for_partner and reason.code not in PARTNER_TEMPLATES:
                        continue
                    sentence = self.reason(reason)
                    if sentence not in sentences:
                        sentences.append(sentence)
        return "; ".join(sentences)
