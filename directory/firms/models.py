"""The cluster's firms and the shared vocabularies they are described with."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .translation import TranslatedMixin
from .validators import (
    normalize_brn,
    validate_business_registration_number,
    validate_country_code,
    validate_no_bidi_controls,
)


def nfc(value: str | None) -> str:
    return unicodedata.normalize("NFC", value or "")


class NFCMixin:
    """Normalise every text field to NFC before saving, so search and comparison are reliable."""

    def normalize_text_fields(self) -> None:
        for field in self._meta.concrete_fields:  # type: ignore[attr-defined]
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value))

    def save(self, *args, **kwargs):
        self.normalize_text_fields()
        super().save(*args, **kwargs)  # type: ignore[misc]


class Country(TranslatedMixin, models.Model):
    """A country, by ISO 3166-1 alpha-2 code: target markets and partner locations."""

    code = models.CharField(
        _("ISO code"), max_length=2, primary_key=True, validators=[validate_country_code]
    )
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return f"{self.name_ko} ({self.code})"


class Cluster(NFCMixin, TranslatedMixin, models.Model):
    """An industry cluster, e.g. Pangyo Techno Valley."""

    slug = models.SlugField(_("slug"), unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    region_ko = models.CharField(_("region (Korean)"), max_length=100, blank=True)

    class Meta:
        ordering = ["name_ko"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.name_ko


def split_synonyms(text: str | None) -> list[str]:
    """Synonyms as entered (one per line or comma-separated), trimmed, without duplicates."""
    parts = (part.strip() for line in (text or "").splitlines() for part in line.split(","))
    return list(dict.fromkeys(part for part in parts if part))


class SpecialtyQuerySet(models.QuerySet):
    def top_level(self) -> SpecialtyQuerySet:
        return self.filter(parent__isnull=True)


class Specialty(NFCMixin, TranslatedMixin, models.Model):
    """A node of the two-level specialty taxonomy (e.g. 클라우드 > 데이터센터)."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )
    slug = models.SlugField(_("slug"), unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        default="",
        help_text=_(
            "Other words for this specialty in any language, one per line or separated by "
            "commas (e.g. 무인기, 无人机, UAV). Search and matching treat them as the specialty."
        ),
    )

    objects = SpecialtyQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name_ko"]
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="specialty_not_own_parent"
            )
        ]

    def __str__(self) -> str:
        if self.parent_id:
            return f"{self.parent.name_ko} > {self.name_ko}"
        return self.name_ko

    @property
    def synonym_list(self) -> list[str]:
        """The synonyms, one entry each (lines and commas both separate)."""
        return split_synonyms(self.synonyms)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent and self.parent.parent_id:
            raise ValidationError(
                {"parent": _("The taxonomy has two levels: choose a top-level parent.")},
                code="depth",
            )


class SizeBand(models.TextChoices):
    MICRO = "micro", _("1–9 employees")
    SMALL = "small", _("10–49 employees")
    MEDIUM = "medium", _("50–299 employees")
    LARGE = "large", _("300+ employees")


class FirmQuerySet(models.QuerySet):
    def published(self) -> FirmQuerySet:
        return self.filter(is_published=True)

    def active(self) -> FirmQuerySet:
        """Not archived: what the staff workspace lists by default."""
        return self.filter(is_archived=False)

    def for_cards(self) -> FirmQuerySet:
        """What a firm card shows, fetched in a fixed number of queries."""
        return self.select_related("cluster").prefetch_related(
            models.Prefetch("specialties", queryset=Specialty.objects.select_related("parent")),
            "target_markets",
        )


def logo_upload_to(instance: Firm, filename: str) -> str:
    """Logos are stored under a random name; the uploader's file name is never used."""
    suffix = PurePosixPath(filename).suffix.lower() or ".png"
    return f"logos/{uuid.uuid4().hex}{suffix}"


def current_year() -> int:
    return date.today().year


class Firm(NFCMixin, TranslatedMixin, models.Model):
    """A firm of the cluster, with a trilingual public profile."""

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name_ko = models.CharField(_("name (Korean)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150, blank=True)
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other names and abbreviations search should find, one per line."),
    )
    summary_ko = models.CharField(_("summary (Korean)"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    summary_zh = models.CharField(_("summary (Chinese)"), max_length=300, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_upload_to, blank=True)
    logo_small = models.ImageField(_("logo thumbnail (small)"), upload_to="logos/", blank=True)
    logo_medium = models.ImageField(_("logo thumbnail (medium)"), upload_to="logos/", blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_no_bidi_controls])
    address = models.CharField(_("address"), max_length=300, blank=True)
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        related_name="firms",
        on_delete=models.PROTECT,
    )
    specialties = models.ManyToManyField(
        Specialty, verbose_name=_("specialties"), blank=True, related_name="firms"
    )
    target_markets = models.ManyToManyField(
        Country, verbose_name=_("target markets"), blank=True, related_name="firms"
    )
    business_registration_number = models.CharField(
        _("business registration number"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_business_registration_number],
    )
    is_published = models.BooleanField(_("published"), default=False)
    is_verified = models.BooleanField(_("verified"), default=False)
    is_archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived firms are hidden everywhere but kept with their history."),
    )
    last_confirmed_at = models.DateTimeField(
        _("profile last confirmed"),
        null=True,
        blank=True,
        help_text=_("When the firm last confirmed its profile is up to date."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FirmQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[specialties, target_markets])

    class Meta:
        ordering = ["name_ko", "pk"]
        verbose_name = _("firm")
        verbose_name_plural = _("firms")
        indexes = [
            models.Index(fields=["is_published", "name_ko"], name="firm_published_name"),
            models.Index(fields=["is_published", "-created_at"], name="firm_published_created"),
            models.Index(fields=["is_published", "-updated_at"], name="firm_published_updated"),
            models.Index(fields=["size_band"], name="firm_size_band"),
            # The staff firm list (all firms, by name): a page is read from the index.
            models.Index(fields=["name_ko", "id"], name="firm_name"),
            # Partial indexes for the public directory. SQLite writes filter(is_published=True)
            # as WHERE "is_published", which can use an index only when that is its condition.
            models.Index(
                fields=["name_ko", "id"], name="firm_pub_name", condition=Q(is_published=True)
            ),
            models.Index(
                fields=["-created_at", "-id"],
                name="firm_pub_created",
                condition=Q(is_published=True),
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                name="firm_pub_updated",
                condition=Q(is_published=True),
            ),
            models.Index(
                fields=["cluster", "size_band"],
                name="firm_pub_cluster_size",
                condition=Q(is_published=True),
            ),
            models.Index(
                fields=["size_band"], name="firm_pub_size", condition=Q(is_published=True)
            ),
        ]

    def __str__(self) -> str:
        return self.name_ko

    def save(self, *args, **kwargs):
        if self.business_registration_number:
            self.business_registration_number = normalize_brn(self.business_registration_number)
        else:
            self.business_registration_number = None
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("firms:detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class FirmContact(NFCMixin, models.Model):
    """A contact person at a firm. Private: never shown on public pages."""

    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), related_name="contacts", on_delete=models.CASCADE
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    title = models.CharField(pgettext_lazy("person", "title"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    share_with_partners = models.BooleanField(
        _("may be shared with partners"),
        default=False,
        help_text=_("Allow staff to include this contact in briefing packs for partners."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["firm", "position", "pk"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return f"{self.name} ({self.firm})"


class FirmRedirect(models.Model):
    """The slug of a firm merged into another: its old URLs answer 301 to the survivor."""

    old_slug = models.SlugField(_("old slug"), unique=True, max_length=80)
    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), related_name="redirects", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("firm redirect")
        verbose_name_plural = _("firm redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.firm.slug}"


class ImportJobQuerySet(models.QuerySet):
    def recent(self) -> ImportJobQuerySet:
        return self.select_related("created_by").order_by("-created_at", "-pk")


class ImportJob(models.Model):
    """A spreadsheet import: the uploaded file, its column mapping, the dry-run plan and the
    outcome. Progress is stored here so the page can poll it and survives a reload."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("waiting for the column mapping")
        PLANNING = "planning", _("dry run in progress")
        PLANNED = "planned", _("dry run ready")
        APPLYING = "applying", _("import in progress")
        APPLIED = "applied", _("imported")
        FAILED = "failed", _("failed")

    filename = models.CharField(_("file name"), max_length=200)
    file_format = models.CharField(_("format"), max_length=4)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    content = models.BinaryField(_("file content"))
    headers = models.JSONField(_("headers"), default=list)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.UPLOADED)
    progress = models.PositiveIntegerField(_("rows processed"), default=0)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    report = models.JSONField(_("report"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.PLANNING, self.Status.APPLYING)

    @property
    def percent(self) -> int:
        if self.status in (self.Status.PLANNED, self.Status.APPLIED):
            return 100
        if not self.row_count:
            return 0
        return min(100, round(100 * self.progress / self.row_count))
