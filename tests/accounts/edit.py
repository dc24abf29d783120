"""Helpers to fill in and post the profile edit form like a browser would."""

from __future__ import annotations

from directory.accounts import services
from directory.accounts.forms import ProfileForm


def form_data(firm, *, staff: bool = False, **changes) -> dict:
    """The edit form as it is rendered now (token included), with ``changes`` applied."""
    start = services.editing_start(firm, for_staff=staff)
    data = ProfileForm.initial_from(start, services.current_token(firm, for_staff=staff))
    post = {
        k: ("" if v is None else v)
        for k, v in data.items()
        if k not in ("specialties", "target_markets")
    }
    post["specialties"] = list(data["specialties"])
    post["target_markets"] = list(data["target_markets"])
    contacts = start["contacts"]
    post.update(
        {
            "contacts-TOTAL_FORMS": str(len(contacts) + 1),
            "contacts-INITIAL_FORMS": str(len(contacts)),
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "20",
        }
    )
    for i, contact in enumerate(contacts):
        for key, value in contact.items():
            if key == "share_with_partners":
                if value:
                    post[f"contacts-{i}-{key}"] = "on"
            else:
                post[f"contacts-{i}-{key}"] = "" if value is None else value
    if staff:
        post.update(
            {
                "cluster": firm.cluster_id or "",
                "business_registration_number": firm.business_registration_number or "",
                "is_published": "on" if firm.is_published else "",
                "is_verified": "on" if firm.is_verified else "",
            }
        )
        post = {
            k: v for k, v in post.items() if v != "" or k not in ("is_published", "is_verified")
        }
    post.update(changes)
    return post


def add_contact(post: dict, **contact) -> dict:
    i = int(post["contacts-TOTAL_FORMS"]) - 1
    for key, value in contact.items():
        post[f"contacts-{i}-{key}"] = value
    return post
