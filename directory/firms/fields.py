"""Form fields whose options show model content in the active language (Korean fallback)."""

from __future__ import annotations

from django import forms

from .models import Country, Specialty
from .translation import localize


def choice_label(obj: object) -> str:
    """The option label of a trilingual object: its name in the active language.

    Countries keep their code (``China (CN)``); sub-specialties are prefixed with their parent
    (``Cloud > Data centres``), as their ``__str__`` does in Korean. The parent must be loaded
    (``select_related("parent")``) to keep the query count.
    """
    value = localize(obj, "name")
    # An <option> cannot hold a lang="ko" span: a Korean fallback is marked as in briefing packs.
    name = f"{value.text} [KO]" if value.is_fallback else value.text
    if isinstance(obj, Country):
        return f"{name} ({obj.code})"
    if isinstance(obj, Specialty) and obj.parent_id:
        return f"{localize(obj.parent, 'name').text} > {name}"
    return name


class LocalizedModelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return choice_label(obj)


class LocalizedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return choice_label(obj)
