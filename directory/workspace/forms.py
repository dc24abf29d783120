"""Forms of the staff workspace: partners, engagements, participants, connections."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.firms.fields import (
    LocalizedModelChoiceField,
    LocalizedModelMultipleChoiceField,
)
from directory.firms.models import Firm, Specialty
from directory.firms.translation import localize
from directory.firms.validators import validate_no_bidi_controls
from directory.partners import attachments
from directory.partners.models import (
    OPEN_STAGES,
    Connection,
    ConnectionEvent,
    Engagement,
    EngagementAttachment,
    OverseasPartner,
    Participation,
    PartnerContact,
    Stage,
)
from directory.search.services import search_firms, search_partners

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def staff_users():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_staff=True) | Q(is_superuser=True))
        .order_by("username")
    )


class StaffUserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class SpecialtyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


class LocalizedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter whose options show names in the active language."""

    field_class = LocalizedModelChoiceField


# --- partners ----------------------------------------------------------------------------


class PartnerForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        validators=[validate_no_bidi_controls],
    )
    seeks_specialties = SpecialtyChoiceField(
        label=_("Sought specialties"),
        queryset=Specialty.objects.select_related("parent").order_by(
            "parent__position", "parent__name_ko", "position", "name_ko"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A top-level specialty also covers all its sub-specialties."),
    )

    class Meta:
        model = OverseasPartner
        fields = [
            "name_ko",
            "name_en",
            "name_zh",
            "slug",
            "kind",
            "country",
            "city_ko",
            "city_en",
            "city_zh",
            "website",
            "description_ko",
            "description_en",
            "description_zh",
            "seeks_specialties",
            "seeks_text",
            "staff_notes",
        ]
        help_texts = {
            "slug": _(
                "Used in the address of the partner's page: letters, digits and hyphens. "
                "Leave empty to make one from the English name."
            ),
            "staff_notes": _("Only staff see these notes; they never appear on public pages."),
        }
        field_classes = {"country": LocalizedModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # Sort specialties parent-first so each child follows its parent.
        choices = sorted(
            self.fields["seeks_specialties"].queryset,
            key=lambda s: (
                (s.parent or s).position,
                (s.parent or s).name_ko,
                s.parent_id is not None,
                s.position,
                s.name_ko,
            ),
        )
        self.fields["seeks_specialties"].choices = [
            (s.pk, self.fields["seeks_specialties"].label_from_instance(s)) for s in choices
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and "slug" not in self.errors:
            cleaned["slug"] = self._unique_slug(cleaned.get("name_en") or "")
            self.instance.slug = cleaned["slug"]
        return cleaned

    def _unique_slug(self, name: str) -> str:
        base = slugify(name)[:70] or "partner"
        slug, n = base, 2
        others = OverseasPartner.objects.exclude(pk=self.instance.pk)
        while others.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


PartnerContactFormSet = forms.inlineformset_factory(
    OverseasPartner,
    PartnerContact,
    fields=["name", "title", "email", "phone"],
    extra=1,
    can_delete=True,
)


# --- engagements -------------------------------------------------------------------------


class EngagementForm(forms.ModelForm):
    partners = LocalizedModelMultipleChoiceField(
        label=_("Partners"),
        queryset=OverseasPartner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one overseas partner.")},
    )

    class Meta:
        model = Engagement
        fields = [
            "kind",
            "title_ko",
            "title_en",
            "title_zh",
            "date",
            "date_is_approximate",
            "known_year",
            "known_month",
            "known_day",
            "place_ko",
            "place_en",
            "place_zh",
            "partners",
            "organisers",
            "summary_ko",
            "summary_en",
            "summary_zh",
            "notes",
            "is_public",
        ]
        widgets = {"date": DATE_INPUT, "organisers": forms.CheckboxSelectMultiple}
        field_classes = {"organisers": LocalizedModelMultipleChoiceField}
        help_texts = {
            "summary_ko": _("Public: shown on the partner's and firms' pages."),
            "notes": _("Only staff see these notes; they never appear on public pages."),
            "date": _("Leave empty when the date is not known yet."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Archived partners stay selectable only where already chosen.
        current = (
            self.instance.partners.all() if self.instance.pk else OverseasPartner.objects.none()
        )
        self.fields["partners"].queryset = OverseasPartner.objects.filter(
            Q(is_archived=False) | Q(pk__in=current)
        ).order_by("name_ko")


class EngagementFilter(django_filters.FilterSet):
    WHEN_CHOICES = [
        ("upcoming", _("upcoming")),
        ("past", _("past")),
        ("undated", _("no date yet")),
    ]

    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    when = django_filters.ChoiceFilter(
        label=_("When"), choices=WHEN_CHOICES, method="filter_when", empty_label=_("Any time")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Engagement.Kind.choices, empty_label=_("All kinds")
    )
    partner = LocalizedModelChoiceFilter(
        label=_("Partner"),
        field_name="partners",
        queryset=OverseasPartner.objects.order_by("name_ko"),
        empty_label=_("All partners"),
    )
    # Set by the dashboard's "engagements per month" chart (YYYY-MM); a bad value is ignored.
    month = django_filters.CharFilter(
        label=_("month"), method="filter_month", widget=forms.HiddenInput
    )

    class Meta:
        model = Engagement
        fields = ["q", "when", "kind", "partner", "month"]

    def filter_month(self, queryset, name, value):
        try:
            first = datetime.date.fromisoformat(f"{value.strip()[:7]}-01")
        except ValueError:
            return queryset
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return queryset.filter(date__gte=first, date__lt=following)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title_ko__icontains=value)
            | Q(title_en__icontains=value)
            | Q(title_zh__icontains=value)
            | Q(place_ko__icontains=value)
            | Q(place_en__icontains=value)
        )

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == "upcoming":
            return queryset.filter(date__gte=today).order_by("date", "pk")
        if value == "past":
            return queryset.filter(date__lt=today)
        if value == "undated":
            return queryset.filter(date__isnull=True)
        return queryset


class FirmChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        """The name in the active language, then the Korean (or, in Korean, the English) name."""
        name = obj.name
        other = obj.name_en if localize(obj, "name").language == "ko" else obj.name_ko
        if other and other != name:
            return f"{name} ({other})"
        return name


class ParticipationForm(forms.ModelForm):
    firm = FirmChoiceField(label=_("Firm"), queryset=Firm.objects.order_by("name_ko"))

    class Meta:
        model = Participation
        fields = ["firm", "role", "outcome", "notes"]
        help_texts = {
            "role": _("Public: shown on the firm's page when the engagement is public."),
            "outcome": _("Staff only."),
            "notes": _("Staff only."),
        }

    def __init__(self, *args, engagement: Engagement, **kwargs):
        self.engagement = engagement
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The firm of an existing participant is fixed; remove and add to change it.
            self.fields["firm"].disabled = True

    def clean_firm(self):
        firm = self.cleaned_data["firm"]
        others = Participation.objects.filter(engagement=self.engagement, firm=firm)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("%(firm)s already takes part in this engagement."),
                code="duplicate",
                params={"firm": firm.name},
            )
        return firm


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), PNG or JPEG."),
    )
    title = forms.CharField(
        label=pgettext_lazy("document", "Title"), max_length=200, required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ATTACHMENT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; attachments may be at most %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        detected = attachments.detect_type(upload)
        if detected is None:
            raise forms.ValidationError(
                _(
                    "This file is not a PDF, Word (DOCX), Excel (XLSX), PNG or JPEG file. "
                    "Its content was checked, not only its name."
                ),
                code="type",
            )
        if not attachments.name_agrees(upload.name, detected):
            claimed = attachments.claimed_type(upload.name)
            if claimed is None:
                raise forms.ValidationError(
                    _("The content is %(detected)s, so the file name must end in %(extension)s."),
                    code="mismatch",
                    params={"detected": detected.label, "extension": detected.extension},
                )
            raise forms.ValidationError(
                _("The file name says %(claimed)s but the content is %(detected)s."),
                code="mismatch",
                params={"claimed": claimed.label, "detected": detected.label},
            )
        self.detected = detected
        return upload

    def save(self, engagement: Engagement, user) -> EngagementAttachment:
        upload = self.cleaned_data["file"]
        detected = self.detected
        original = upload.name[:255]
        attachment = EngagementAttachment(
            engagement=engagement,
            title=self.cleaned_data["title"],
            original_name=original,
            content_type=detected.content_type,
            size=upload.size,
            uploaded_by=user,
        )
        # Stored under a random name with the extension of the detected type.
        attachment.file.save(f"upload{detected.extension}", upload, save=False)
        attachment.save()
        return attachment


# --- connections -------------------------------------------------------------------------


class ConnectionCreateForm(forms.Form):
    firm = FirmChoiceField(label=_("Firm"), queryset=Firm.objects.order_by("name_ko"))
    partner = LocalizedModelChoiceField(
        label=_("Partner"), queryset=OverseasPartner.objects.active().order_by("name_ko")
    )
    origin = forms.CharField(
        label=_("Origin"),
        max_length=300,
        required=False,
        help_text=_("How this connection started, e.g. an engagement or a matching brief."),
    )


class ConnectionEditForm(forms.ModelForm):
    owner = StaffUserChoiceField(
        label=pgettext_lazy("connection", "Owner"),
        queryset=staff_users(),
        required=False,
        empty_label=_("Nobody yet"),
    )

    class Meta:
        model = Connection
        fields = ["owner", "next_step", "due_date"]
        widgets = {"due_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_users()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("due_date") and not cleaned.get("next_step"):
            self.add_error("next_step", _("Say what the next step is when you set a due date."))
        return cleaned


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, connection: Connection | None = None, **kwargs):
        kwargs.setdefault("auto_id", "id_stage_%s")
        super().__init__(*args, **kwargs)
        self.connection = connection
        if connection is not None and not self.is_bound:
            self.initial.setdefault("stage", connection.stage)

    def clean_stage(self):
        stage = self.cleaned_data["stage"]
        if self.connection is not None and stage == self.connection.stage:
            raise forms.ValidationError(
                _("The connection is already at this stage."), code="unchanged"
            )
        return stage


class NoteForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_note_%s")
        super().__init__(*args, **kwargs)

    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write a note."), code="empty")
        return text


class AssessmentForm(forms.Form):
    assessment = forms.ChoiceField(
        label=_("Assessment"),
        choices=ConnectionEvent.Assessment.choices,
        help_text=_("“Agreement reached” also moves the connection to the agreement stage."),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_assessment_%s")
        super().__init__(*args, **kwargs)


class ConnectionFilter(django_filters.FilterSet):
    partner = LocalizedModelChoiceFilter(
        label=_("Partner"),
        queryset=OverseasPartner.objects.order_by("name_ko"),
        empty_label=_("All partners"),
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=Stage.choices, empty_label=_("All stages")
    )
    owner = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("connection", "Owner"),
        queryset=staff_users(),
        empty_label=_("Anyone"),
        null_label=_("nobody"),  # owner=null: the dashboard's "nobody" row of overdue follow-ups
    )
    q = django_filters.CharFilter(
        label=_("Firm or partner name"), method="filter_q", help_text=None
    )
    # Set by links from a firm's staff page; a hidden field keeps the board light with
    # hundreds of firms (search by name with `q`).
    firm = django_filters.ModelChoiceFilter(
        label=_("Firm"), queryset=Firm.objects.all(), widget=forms.HiddenInput
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("open", _("open")),
            ("overdue", _("overdue")),
            ("due_soon", _("due within 7 days")),
        ],
        method="filter_status",
        empty_label=_("Any status"),
    )

    class Meta:
        model = Connection
        fields = ["q", "partner", "stage", "owner", "status", "firm"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # The directory's own search: names in every language, aliases, choseong, typos.
        firms = search_firms(Firm.objects.all(), value).values("pk")
        partners = search_partners(OverseasPartner.objects.all(), value).values("pk")
        return queryset.filter(Q(firm__in=firms) | Q(partner__in=partners))

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(stage__in=OPEN_STAGES)
        if value == "overdue":
            return queryset.overdue()
        if value == "due_soon":
            return queryset.due_soon(days=settings.FOLLOWUPS_DAYS)
        return queryset
