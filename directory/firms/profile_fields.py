"""The firm profile's fields, named once: review, history, matching profiles, scoring and the
directory's cards all take their field lists from here. Plain data, no Django imports, so the
pure modules (``accounts/review.py``, ``matching/scoring.py``) can use it too."""

from __future__ import annotations

#: Field suffixes of the three content languages (Korean first).
LANGUAGES: tuple[str, ...] = ("ko", "en", "zh")
#: Fields kept in every content language, as ``<base>_<language>``.
TRILINGUAL: tuple[str, ...] = ("name", "summary", "description")


def per_language(base: str) -> tuple[str, ...]:
    """``name`` -> ``("name_ko", "name_en", "name_zh")``."""
    return tuple(f"{base}_{lang}" for lang in LANGUAGES)


NAME_FIELDS = per_language("name")
SUMMARY_FIELDS = per_language("summary")
DESCRIPTION_FIELDS = per_language("description")
#: The trilingual texts, names first (a word in a name says more than one in a description).
LOCALIZED_TEXT_FIELDS: tuple[str, ...] = (*NAME_FIELDS, *SUMMARY_FIELDS, *DESCRIPTION_FIELDS)

#: Text and choice fields of a profile, in the order a review shows them.
PROFILE_TEXT_FIELDS: tuple[str, ...] = (
    *NAME_FIELDS,
    "aliases",
    *SUMMARY_FIELDS,
    *DESCRIPTION_FIELDS,
    "website",
    "address",
    "size_band",
)
#: Single-valued fields (restorable from history).
PROFILE_SCALAR_FIELDS: tuple[str, ...] = (*PROFILE_TEXT_FIELDS, "founded_year")
#: Many-to-many fields of a profile.
PROFILE_LIST_FIELDS: tuple[str, ...] = ("specialties", "target_markets")
#: Everything a firm member may propose; staff-only fields (published, verified, cluster,
#: business registration number) are deliberately absent.
MEMBER_EDITABLE_FIELDS: tuple[str, ...] = (
    *PROFILE_SCALAR_FIELDS,
    *PROFILE_LIST_FIELDS,
    "contacts",
    "logo",
)
#: Staff-only fields: members can never set them, even with a crafted POST.
STAFF_ONLY_FIELDS: tuple[str, ...] = (
    "is_published",
    "is_verified",
    "cluster",
    "business_registration_number",
)

#: The facts that make a profile complete for matching (each worth the same), besides having at
#: least one specialty and one target market.
COMPLETENESS_FIELDS: tuple[str, ...] = (
    "name_en",
    "summary_ko",
    "description_ko",
    "logo",
    "founded_year",
    "size_band",
    "website",
    "address",
)

#: What a directory card reads; long texts (descriptions, aliases) are not fetched.
CARD_FIELDS: tuple[str, ...] = (
    "slug",
    *NAME_FIELDS,
    *SUMMARY_FIELDS,
    "logo",
    "logo_small",
    "is_verified",
    "cluster_id",
)
