"""Forms of the match page: the brief, the filters and the shortlist."""

from __future__ import annotations

from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from directory.firms.models import Cluster, Country, SizeBand, Specialty
from directory.partners.models import OverseasPartner
from directory.search.services import current_lexicon

from .scoring import Brief, Filters, parse_keywords
from .services import DEFAULT_LIMIT, MAX_LIMIT
from .widgets import CheckboxTree


class SpecialtyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Specialty) -> str:
        name = obj.name
        return name  # the checkbox tree shows the parent


class LocalizedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class CountryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Country) -> str:
        return f"{obj.name} ({obj.code})"


def specialties_in_tree_order():
    """Top-level specialties, each followed by its children."""
    return Specialty.objects.select_related("parent").order_by(
        Coalesce("parent__position", "position"),
        Coalesce("parent_id", "id"),
        F("parent_id").asc(nulls_first=True),
        "position",
        "name_ko",
    )


class MatchForm(forms.Form):
    """The brief and the filters; submitted by GET so a match has a shareable URL."""

    partner = LocalizedChoiceField(
        label=_("Overseas partner"),
        queryset=OverseasPartner.objects.active().select_related("country"),
        to_field_name="slug",
        required=False,
        empty_label=_("— ad-hoc brief (no partner) —"),
        help_text=_("Choosing a partner fills in what it seeks and shows its connections."),
    )
    specialties = SpecialtyChoiceField(
        label=_("Sought specialties"),
        queryset=Specialty.objects.all(),
        required=False,
        widget=CheckboxTree,
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        max_length=200,
        required=False,
        help_text=_(
            "Words in any language, separated by spaces or commas, e.g. inspection vision."
        ),
    )
    countries = CountryChoiceField(
        label=_("Target countries"),
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
        widget=CheckboxTree,
    )
    exclude_connected = forms.BooleanField(
        label=_("Only firms not yet connected with this partner"), required=False
    )
    only_verified = forms.BooleanField(label=_("Only verified firms"), required=False)
    cluster = LocalizedChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.all(),
        required=False,
        empty_label=_("All clusters"),
    )
    size_band = forms.ChoiceField(
        label=_("Size"),
        choices=[("", _("any size")), *SizeBand.choices],
        required=False,
    )
    limit = forms.IntegerField(
        min_value=1, max_value=MAX_LIMIT, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialties"].queryset = specialties_in_tree_order()

    def brief(self) -> Brief:
        data = self.cleaned_data
        partner = data.get("partner")
        return Brief(
            specialty_ids=frozenset(s.pk for s in data.get("specialties") or ()),
            keywords=parse_keywords(data.get("keywords") or "", current_lexicon()),
            country_codes=frozenset(c.code for c in data.get("countries") or ()),
            partner_id=partner.pk if partner else None,
        )

    def filters(self) -> Filters:
        data = self.cleaned_data
        cluster = data.get("cluster")
        return Filters(
            exclude_connected=bool(data.get("exclude_connected") and data.get("partner")),
            only_verified=bool(data.get("only_verified")),
            cluster_id=cluster.pk if cluster else None,
            size_band=data.get("size_band") or "",
        )

    def result_limit(self) -> int:
        return self.cleaned_data.get("limit") or DEFAULT_LIMIT


class ShortlistForm(forms.Form):
    name = forms.CharField(label=_("Shortlist name"), max_length=150)
    firms = forms.TypedMultipleChoiceField(
        label=_("Firms"),
        coerce=int,
        error_messages={"required": _("Tick at least one firm to shortlist.")},
    )

    def __init__(self, *args, firm_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firms"].choices = [(pk, pk) for pk in firm_ids]
