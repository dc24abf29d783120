"""Forms of firm stewardship in the staff workspace: the firm list's filters and bulk actions,
create/edit (the members' profile form plus staff-only fields), import mapping, merge and the
taxonomy. Kept apart from forms.py (partners, engagements, connections) for its size."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.accounts.forms import StaffProfileForm
from directory.firms import profile_status
from directory.firms.fields import LocalizedModelChoiceField
from directory.firms.importing.columns import FIELDS
from directory.firms.models import (
    Cluster,
    Country,
    Firm,
    SizeBand,
    Specialty,
    split_synonyms,
)
from directory.partners.models import OverseasPartner, related_to_partner
from directory.search.services import search_firms

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
STALE_MONTHS = 12
YES_NO = [("yes", _("yes")), ("no", _("no"))]


class LocalizedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = LocalizedModelChoiceField


class StaffFirmFilter(django_filters.FilterSet):
    """The staff firm list: the directory's search (Korean-aware, aliases, choseong) and
    filters, plus published / verified / stale / incomplete / archived, and the dashboard's
    completeness bands, freshness buckets and partner (so each bar opens its firms)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    specialty = LocalizedChoiceFilter(
        label=_("specialty"),
        queryset=Specialty.objects.select_related("parent"),
        to_field_name="slug",
        method="filter_specialty",
        empty_label=_("all"),
    )
    cluster = LocalizedChoiceFilter(
        label=_("cluster"),
        queryset=Cluster.objects.all(),
        to_field_name="slug",
        empty_label=_("all"),
    )
    market = LocalizedChoiceFilter(
        label=_("target market"),
        queryset=Country.objects.all(),
        field_name="target_markets",
        empty_label=_("all"),
    )
    size = django_filters.ChoiceFilter(
        label=_("size"), field_name="size_band", choices=SizeBand.choices, empty_label=_("all")
    )
    published = django_filters.ChoiceFilter(
        label=_("published"), choices=YES_NO, method="filter_flag", empty_label=_("all")
    )
    verified = django_filters.ChoiceFilter(
        label=_("verified"), choices=YES_NO, method="filter_flag", empty_label=_("all")
    )
    stale = django_filters.ChoiceFilter(
        label=_("not confirmed for 12 months"),
        choices=YES_NO,
        method="filter_stale",
        empty_label=_("all"),
    )
    incomplete = django_filters.ChoiceFilter(
        label=_("incomplete profile"),
        choices=YES_NO,
        method="filter_incomplete",
        empty_label=_("all"),
    )
    completeness = django_filters.ChoiceFilter(
        label=_("profile completeness"),
        choices=profile_status.COMPLETENESS_BANDS,
        method="filter_completeness",
        empty_label=_("all"),
    )
    confirmed = django_filters.ChoiceFilter(
        label=_("last confirmed"),
        choices=profile_status.FRESHNESS_BUCKETS,
        method="filter_confirmed",
        empty_label=_("all"),
    )
    partner = LocalizedChoiceFilter(
        label=_("overseas partner"),
        queryset=OverseasPartner.objects.order_by("name_ko", "pk"),
        method="filter_partner",
        empty_label=_("all"),
    )
    show = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[("archived", _("archived")), ("all", _("all"))],
        method="filter_show",
        empty_label=_("active"),
    )

    class Meta:
        model = Firm
        fields: list[str] = []

    def filter_queryset(self, queryset):
        # Archived firms are hidden unless asked for, whether or not "show" was sent.
        if not self.form.cleaned_data.get("show"):
            queryset = queryset.filter(is_archived=False)
        return super().filter_queryset(queryset)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return search_firms(queryset, value) if value else queryset

    def filter_specialty(self, queryset, name, value):
        ids = [value.pk, *value.children.values_list("pk", flat=True)]
        return queryset.filter(
            pk__in=Firm.specialties.through.objects.filter(specialty_id__in=ids).values("firm_id")
        )

    def filter_flag(self, queryset, name, value):
        field = {"published": "is_published", "verified": "is_verified"}[name]
        return queryset.filter(**{field: value == "yes"})

    def filter_stale(self, queryset, name, value):
        cutoff = timezone.now() - timedelta(days=round(STALE_MONTHS * 30.44))
        stale = Q(confirmed__lt=cutoff)
        queryset = queryset.annotate(confirmed=Coalesce("last_confirmed_at", "created_at"))
        return queryset.filter(stale) if value == "yes" else queryset.exclude(stale)

    def filter_incomplete(self, queryset, name, value):
        missing = (
            Q(name_en="")
            | Q(summary_ko="")
            | Q(description_ko="")
            | ~Q(pk__in=Firm.specialties.through.objects.values("firm_id"))
        )
        return queryset.filter(missing) if value == "yes" else queryset.exclude(missing)

    def filter_completeness(self, queryset, name, value):
        return profile_status.with_completeness(queryset).filter(completeness_band=value)

    def filter_confirmed(self, queryset, name, value):
        return profile_status.with_freshness(queryset).filter(freshness_bucket=value)

    def filter_partner(self, queryset, name, value):
        return related_to_partner(queryset, value)

    def filter_show(self, queryset, name, value):
        if value == "archived":
            return queryset.filter(is_archived=True)
        return queryset


class StaffFirmForm(StaffProfileForm):
    """Create or edit a firm: the members' profile form, the staff-only fields and the slug."""

    slug = forms.CharField(
        label=_("slug"),
        max_length=80,
        required=False,
        help_text=_(
            "The firm's address in the directory. Left empty, it is made from the English "
            "name or the romanised Korean name."
        ),
    )

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["token"].required = False

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        if not slug:
            return ""
        if not SLUG_RE.match(slug):
            raise forms.ValidationError(
                _("Use lowercase letters, digits and hyphens only."), code="slug"
            )
        taken = Firm.objects.filter(slug=slug)
        if self.firm is not None:
            taken = taken.exclude(pk=self.firm.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another firm has this slug."), code="unique")
        return slug


BULK_ACTIONS = [
    ("publish", _("Publish")),
    ("unpublish", _("Unpublish")),
    ("verify", _("Mark verified")),
    ("add_specialty", _("Add specialty")),
    ("remove_specialty", _("Remove specialty")),
    ("invite", _("Invite their contact persons")),
    ("resend", _("Resend invitations")),
]


class BulkActionForm(forms.Form):
    firms = forms.ModelMultipleChoiceField(queryset=Firm.objects.all())
    action = forms.ChoiceField(choices=BULK_ACTIONS)
    specialty = forms.ModelChoiceField(
        queryset=Specialty.objects.all(), to_field_name="slug", required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("action") in ("add_specialty", "remove_specialty") and not data.get(
            "specialty"
        ):
            self.add_error("specialty", _("Choose the specialty."))
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("CSV (UTF-8 or CP949/EUC-KR) or XLSX, at most 10,000 rows."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )


class MappingForm(forms.Form):
    """One choice per column of the file: which import field it fills (or none)."""

    def __init__(self, *args, headers: list[str], mapping: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not imported)")), *[(k, v) for k, v in FIELDS.items()]]
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=mapping.get(str(index), "")
            )

    def clean(self):
        data = super().clean()
        used: dict[str, str] = {}
        for name, value in data.items():
            if not value:
                continue
            if value in used:
                raise forms.ValidationError(
                    _("“%(field)s” is chosen for two columns.") % {"field": FIELDS[value]},
                    code="twice",
                )
            used[value] = name
        if "name_ko" not in used and not used.keys() & {
            "business_registration_number",
            "slug",
        }:
            raise forms.ValidationError(
                _("Choose the column with the Korean name (or a registration number or slug)."),
                code="no_key",
            )
        return data

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("col_"): value for name, value in self.cleaned_data.items() if value
        }


SYNONYM_MAX_LENGTH = 100  # as long as a specialty's name may be


class SpecialtyForm(forms.ModelForm):
    class Meta:
        model = Specialty
        fields = ["name_ko", "name_en", "name_zh", "slug", "parent", "position", "synonyms"]
        widgets = {"synonyms": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Specialty.objects.top_level()
        self.fields["parent"].required = False

    def clean_synonyms(self) -> str:
        """One per line (commas separate too): NFC, trimmed, without repeats (ignoring case);
        stored one per line."""
        text = unicodedata.normalize("NFC", self.cleaned_data.get("synonyms") or "")
        kept: dict[str, str] = {}
        for synonym in split_synonyms(text):
            synonym = " ".join(synonym.split())
            if len(synonym) > SYNONYM_MAX_LENGTH:
                raise forms.ValidationError(
                    _(
                        "A synonym may have at most %(limit)d characters; "
                        "this one has %(length)d: “%(start)s…”."
                    ),
                    params={
                        "limit": SYNONYM_MAX_LENGTH,
                        "length": len(synonym),
                        "start": synonym[:20],
                    },
                    code="synonym_too_long",
                )
            kept.setdefault(synonym.casefold(), synonym)
        return "\n".join(kept.values())


class SpecialtyMergeForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("merge this specialty"), queryset=Specialty.objects.select_related("parent")
    )
    target = forms.ModelChoiceField(
        label=_("into this one"), queryset=Specialty.objects.select_related("parent")
    )

    def clean(self):
        data = super().clean()
        source, target = data.get("source"), data.get("target")
        if source and target:
            if source == target:
                raise forms.ValidationError(_("Choose two different specialties."))
            if target.parent_id == source.pk:
                raise forms.ValidationError(
                    _("A specialty cannot be merged into one of its own children.")
                )
        return data


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name_ko", "name_en", "name_zh", "slug", "region_ko"]


class CountryForm(forms.ModelForm):
    class Meta:
        model = Country
        fields = ["code", "name_ko", "name_en", "name_zh"]
