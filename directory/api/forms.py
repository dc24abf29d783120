from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is it for?"),
        max_length=100,
        help_text=_("For example “CRM sync” or “partner portal”."),
    )
    username = forms.CharField(
        label=_("For user"),
        max_length=150,
        required=False,
        help_text=_("Leave empty for yourself. The token acts with that user’s rights."),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active user with this name."), "unknown")
        return user
