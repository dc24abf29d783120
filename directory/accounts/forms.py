"""Forms of the member workspace, the review queue and invitations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.firms.fields import LocalizedModelChoiceField, LocalizedModelMultipleChoiceField
from directory.firms.models import Cluster, Country, Firm, SizeBand, Specialty
from directory.firms.validators import (
    validate_business_registration_number,
    validate_no_bidi_controls,
)

from . import logos, review
from .models import Membership

User = get_user_model()


class ProfileForm(forms.Form):
    """What a firm member may propose. Staff-only fields are not here, so a crafted POST
    naming them is simply ignored."""

    token = forms.CharField(widget=forms.HiddenInput)
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=150)
    name_en = forms.CharField(label=_("Name (English)"), max_length=150, required=False)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=150, required=False)
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Other names and abbreviations search should find, one per line."),
    )
    summary_ko = forms.CharField(label=_("Summary (Korean)"), max_length=300, required=False)
    summary_en = forms.CharField(label=_("Summary (English)"), max_length=300, required=False)
    summary_zh = forms.CharField(label=_("Summary (Chinese)"), max_length=300, required=False)
    description_ko = forms.CharField(
        label=_("Description (Korean)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    description_zh = forms.CharField(
        label=_("Description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    founded_year = forms.IntegerField(
        label=_("Founded"), required=False, min_value=1900, max_value=2100
    )
    size_band = forms.ChoiceField(
        label=_("Size"), required=False, choices=[("", "—"), *SizeBand.choices]
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        validators=[validate_no_bidi_controls],
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    specialties = LocalizedModelMultipleChoiceField(
        label=_("Specialties"),
        queryset=Specialty.objects.select_related("parent")
        .annotate(
            group_position=Coalesce("parent__position", "position"),
            group_name=Coalesce("parent__name_ko", "name_ko"),
        )
        .order_by("group_position", "group_name", F("parent").asc(nulls_first=True), "position"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_markets = LocalizedModelMultipleChoiceField(
        label=_("Target markets"),
        queryset=Country.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 5 MB. Metadata is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        return logos.validate_and_clean(upload, size=upload.size)

    def proposed(self, contacts: list[dict[str, Any]]) -> dict[str, Any]:
        data = {field: self.cleaned_data.get(field) for field in review.SCALAR_FIELDS}
        data["specialties"] = [s.slug for s in self.cleaned_data.get("specialties") or ()]
        data["target_markets"] = [c.code for c in self.cleaned_data.get("target_markets") or ()]
        data["contacts"] = contacts
        return review.normalise(data)

    @classmethod
    def initial_from(cls, values: dict[str, Any], token: str) -> dict[str, Any]:
        initial = {field: values.get(field) for field in review.SCALAR_FIELDS}
        initial["specialties"] = values.get("specialties", [])
        initial["target_markets"] = values.get("target_markets", [])
        initial["token"] = token
        return initial


class StaffProfileForm(ProfileForm):
    """Staff also set the fields only they may set."""

    cluster = LocalizedModelChoiceField(
        label=_("Cluster"), queryset=Cluster.objects.all(), required=False
    )
    business_registration_number = forms.CharField(
        label=_("Business registration number"),
        required=False,
        validators=[validate_business_registration_number],
    )
    is_published = forms.BooleanField(label=_("Published"), required=False)
    is_verified = forms.BooleanField(label=_("Verified"), required=False)

    STAFF_FIELDS = ("cluster", "business_registration_number", "is_published", "is_verified")

    def clean_business_registration_number(self):
        value = self.cleaned_data.get("business_registration_number") or None
        if value:
            from directory.firms.validators import normalize_brn

            value = normalize_brn(value)
            qs = Firm.objects.filter(business_registration_number=value)
            if self.firm is not None:
                qs = qs.exclude(pk=self.firm.pk)
            if qs.exists():
                raise forms.ValidationError(
                    _("Another firm already has this business registration number."),
                    code="unique",
                )
        return value

    def __init__(self, *args, firm: Firm | None = None, **kwargs):
        self.firm = firm
        super().__init__(*args, **kwargs)

    def staff_values(self) -> dict[str, Any]:
        return {field: self.cleaned_data.get(field) for field in self.STAFF_FIELDS}


class ContactForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=100, required=False)
    title = forms.CharField(
        label=pgettext_lazy("person", "Job title"), max_length=100, required=False
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    share_with_partners = forms.BooleanField(label=_("May be shared with partners"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("name") and (data.get("email") or data.get("phone") or data.get("title")):
            self.add_error("name", _("Give the contact person's name."))
        return data


ContactFormSet = forms.formset_factory(ContactForm, extra=1, can_delete=True, max_num=20)


def contacts_from(formset) -> list[dict[str, Any]]:
    out = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE") or not data.get("name"):
            continue
        out.append({key: data.get(key) for key in review.CONTACT_KEYS})
    return out


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the firm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the member with the decision."),
    )
    force = forms.BooleanField(
        label=_("Approve even though the profile changed since (overwrite those fields)"),
        required=False,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    firm = LocalizedModelChoiceField(label=_("Firm"), queryset=Firm.objects.all())
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class AcceptInvitationForm(forms.Form):
    """A new account: choose a user name and set a password."""

    username = forms.CharField(label=_("User name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput, strip=False
    )

    def __init__(self, *args, email: str = "", **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean_username(self):
        username = self.cleaned_data["username"]
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken."), code="taken")
        return username

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(username=data.get("username", ""), email=self.email)
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
