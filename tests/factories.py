"""Tiny hand-written factories: make_<thing>(**overrides) with sensible defaults."""

from __future__ import annotations

import io
import itertools

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from directory.accounts.models import Membership
from directory.firms.models import Cluster, Country, Firm, Specialty
from directory.partners.models import (
    Connection,
    Engagement,
    OverseasPartner,
    Participation,
)

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_country(code: str = "CN", **overrides) -> Country:
    defaults = {"name_ko": code, "name_en": code, "name_zh": ""}
    defaults.update(overrides)
    country, _ = Country.objects.get_or_create(code=code, defaults=defaults)
    return country


def make_cluster(**overrides) -> Cluster:
    n = _n()
    data = {"slug": f"cluster-{n}", "name_ko": f"클러스터 {n}", "name_en": f"Cluster {n}"}
    data.update(overrides)
    return Cluster.objects.create(**data)


def make_specialty(**overrides) -> Specialty:
    n = _n()
    data = {"slug": f"specialty-{n}", "name_ko": f"분야 {n}", "name_en": f"Specialty {n}"}
    data.update(overrides)
    return Specialty.objects.create(**data)


def make_firm(specialties=(), markets=(), **overrides) -> Firm:
    n = _n()
    data = {
        "slug": f"firm-{n}",
        "name_ko": f"테스트기업 {n}",
        "name_en": f"Test Firm {n}",
        "summary_ko": "테스트용 기업",
        "summary_en": "A firm for tests",
        "is_published": True,
    }
    data.update(overrides)
    firm = Firm.objects.create(**data)
    if specialties:
        firm.specialties.set(specialties)
    if markets:
        firm.target_markets.set(
            [make_country(code) if isinstance(code, str) else code for code in markets]
        )
    return firm


def make_partner(seeks=(), **overrides) -> OverseasPartner:
    n = _n()
    data = {
        "slug": f"partner-{n}",
        "name_ko": f"파트너 {n}",
        "name_en": f"Partner {n}",
        "kind": OverseasPartner.Kind.COMPANY,
    }
    data.update(overrides)
    if "country" not in data:
        data["country"] = make_country("CN")
    partner = OverseasPartner.objects.create(**data)
    if seeks:
        partner.seeks_specialties.set(seeks)
    return partner


def make_engagement(partners=(), firms=(), **overrides) -> Engagement:
    n = _n()
    data = {
        "kind": Engagement.Kind.DELEGATION_VISIT,
        "title_ko": f"교류 활동 {n}",
        "title_en": f"Engagement {n}",
    }
    data.update(overrides)
    engagement = Engagement.objects.create(**data)
    if partners:
        engagement.partners.set(partners)
    for firm in firms:
        Participation.objects.create(
            engagement=engagement, firm=firm, role=Participation.Role.DELEGATE
        )
    return engagement


def make_connection(firm=None, partner=None, **overrides) -> Connection:
    return Connection.objects.create(
        firm=firm or make_firm(), partner=partner or make_partner(), **overrides
    )


def make_user(**overrides):
    n = _n()
    data = {"username": f"user{n}", "email": f"user{n}@example.com"}
    password = overrides.pop("password", "correct-horse-battery")
    data.update(overrides)
    user = get_user_model().objects.create_user(password=password, **data)
    return user


def make_staff(**overrides):
    overrides.setdefault("is_staff", True)
    return make_user(**overrides)


def make_member(firm, role: str = Membership.Role.OWNER, **overrides):
    user = make_user(**overrides)
    Membership.objects.create(user=user, firm=firm, role=role)
    return user


def make_image_bytes(fmt: str = "PNG", size=(64, 64), color=(11, 92, 173), **save_kwargs) -> bytes:
    """A real image made with Pillow."""
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format=fmt, **save_kwargs)
    return buf.getvalue()


def make_upload(name: str = "logo.png", fmt: str = "PNG", content: bytes | None = None, **kw):
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}.get(
        fmt, "application/octet-stream"
    )
    return SimpleUploadedFile(
        name,
        content if content is not None else make_image_bytes(fmt, **kw),
        content_type=content_type,
    )
