"""Overseas partners, engagements with them, and the firm↔partner connection pipeline."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from directory.firms.models import Country, Firm, NFCMixin, Specialty
from directory.firms.translation import TranslatedMixin
from directory.firms.validators import validate_no_bidi_controls

from .dates import partial_date_text


class Organiser(NFCMixin, TranslatedMixin, models.Model):
    """The Korean side of an engagement: the province, its agencies (e.g. GBSA)."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        AGENCY = "agency", _("public agency")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150, blank=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.GOVERNMENT)

    class Meta:
        ordering = ["name_ko"]
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")

    def __str__(self) -> str:
        return self.name_ko


class OverseasPartnerQuerySet(models.QuerySet):
    def active(self) -> OverseasPartnerQuerySet:
        return self.filter(is_archived=False)

    def for_public_display(self) -> OverseasPartnerQuerySet:
        return self.filter(is_archived=False)


class OverseasPartner(NFCMixin, TranslatedMixin, models.Model):
    """A company, government or industrial zone abroad that the cluster's firms engage with."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        GOVERNMENT = "government", _("government")
        INDUSTRIAL_ZONE = "industrial_zone", _("industrial zone")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name_ko = models.CharField(_("name (Korean)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COMPANY)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        related_name="partners",
        on_delete=models.PROTECT,
    )
    city_ko = models.CharField(_("city (Korean)"), max_length=100, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=100, blank=True)
    city_zh = models.CharField(_("city (Chinese)"), max_length=100, blank=True)
    description_ko = models.TextField(_("description (Korean)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[validate_no_bidi_controls])
    seeks_specialties = models.ManyToManyField(
        Specialty,
        verbose_name=_("sought specialties"),
        blank=True,
        related_name="sought_by",
    )
    seeks_text = models.TextField(
        _("what it seeks"), blank=True, help_text=_("The partner's brief, in free text.")
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OverseasPartnerQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[seeks_specialties])

    class Meta:
        ordering = ["name_ko", "pk"]
        verbose_name = _("overseas partner")
        verbose_name_plural = _("overseas partners")

    def __str__(self) -> str:
        return self.name_ko

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", kwargs={"slug": self.slug})

    def get_staff_url(self) -> str:
        return reverse("staff:partner-detail", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        """Refuse to delete a partner with engagements or connections: archive it instead."""
        from django.db.models import ProtectedError

        engagements = list(self.engagements.all()[:20])
        connections = list(self.connections.all()[:20])
        if engagements or connections:
            raise ProtectedError(
                _("This partner has engagements or connections; archive it instead."),
                set(engagements) | set(connections),
            )
        return super().delete(*args, **kwargs)


class PartnerContact(NFCMixin, models.Model):
    """A contact person at an overseas partner. Staff only."""

    partner = models.ForeignKey(
        OverseasPartner,
        verbose_name=_("partner"),
        related_name="contacts",
        on_delete=models.CASCADE,
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    title = models.CharField(pgettext_lazy("person", "title"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")

    def __str__(self) -> str:
        return self.name


class EngagementQuerySet(models.QuerySet):
    def public(self) -> EngagementQuerySet:
        return self.filter(is_public=True)

    def upcoming(self) -> EngagementQuerySet:
        return self.filter(date__gte=timezone.localdate()).order_by("date")


class Engagement(NFCMixin, TranslatedMixin, models.Model):
    """A dated event with one or more partners: a visit, a briefing, a meeting, an MOU."""

    class Kind(models.TextChoices):
        DELEGATION_VISIT = "delegation_visit", _("delegation visit")
        BRIEFING = "briefing", _("briefing")
        ONE_ON_ONE = "one_on_one", _("one-on-one meeting")
        MOU = "mou", _("MOU")
        FOLLOW_UP = "follow_up", _("follow-up")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    date_is_approximate = models.BooleanField(
        _("date is approximate"),
        default=False,
        help_text=_("Tick when the source gives only part of the date."),
    )
    # What the source does say when the full date is unknown, e.g. only "the 25th".
    known_year = models.PositiveSmallIntegerField(
        _("known year"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    known_month = models.PositiveSmallIntegerField(
        _("known month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    known_day = models.PositiveSmallIntegerField(
        _("known day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("When the full date is not known: the parts the source gives."),
    )
    place_ko = models.CharField(_("place (Korean)"), max_length=200, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    place_zh = models.CharField(_("place (Chinese)"), max_length=200, blank=True)
    partners = models.ManyToManyField(
        OverseasPartner, verbose_name=_("partners"), related_name="engagements"
    )
    organisers = models.ManyToManyField(
        Organiser, verbose_name=_("organisers"), blank=True, related_name="engagements"
    )
    summary_ko = models.TextField(_("summary (Korean)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    notes = models.TextField(_("staff notes"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Show this engagement on public pages.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EngagementQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[partners, organisers])

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        indexes = [models.Index(fields=["date"], name="engagement_date")]

    def __str__(self) -> str:
        return self.title_ko

    @property
    def title(self) -> str:
        return self.tr("title").text

    def get_staff_url(self) -> str:
        return reverse("staff:engagement-detail", kwargs={"pk": self.pk})

    @property
    def known_date_text(self) -> str:
        """The parts of the date the source gives, when the full date is not known."""
        return partial_date_text(self.known_year, self.known_month, self.known_day)

    @property
    def is_upcoming(self) -> bool:
        return self.date is not None and self.date >= timezone.localdate()


class ParticipationQuerySet(models.QuerySet):
    def public(self) -> ParticipationQuerySet:
        """Participations public pages may show (role only): public engagements."""
        return self.filter(engagement__is_public=True)


class Participation(models.Model):
    """A firm taking part in an engagement. The role is public; the outcome is staff-only."""

    class Role(models.TextChoices):
        DELEGATE = "delegate", _("delegate")
        PARTICIPANT = "participant", _("participant")
        SIGNATORY = "signatory", _("signatory")

    class Outcome(models.TextChoices):
        INVITED = "invited", _("invited")
        ATTENDED = "attended", _("attended")
        ONE_ON_ONE = "one_on_one", _("one-on-one meeting held")
        FOLLOW_UP = "follow_up_requested", _("follow-up requested")
        NO_SHOW = "no_show", _("no show")

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        related_name="participations",
        on_delete=models.CASCADE,
    )
    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), related_name="participations", on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PARTICIPANT)
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=Outcome, default=Outcome.ATTENDED
    )
    notes = models.TextField(_("staff notes"), blank=True)

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "firm__name_ko"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "firm"], name="one_participation_per_firm"
            )
        ]

    def __str__(self) -> str:
        return f"{self.firm} @ {self.engagement}"


class Stage(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    INTRODUCED = "introduced", _("introduced")
    MET = "met", _("met")
    IN_DISCUSSION = "in_discussion", _("in discussion")
    AGREEMENT = "agreement", _("agreement")
    DORMANT = "dormant", _("dormant")
    CLOSED = "closed", _("closed")


OPEN_STAGES = [Stage.PROPOSED, Stage.INTRODUCED, Stage.MET, Stage.IN_DISCUSSION]


class ConnectionQuerySet(models.QuerySet):
    def open(self) -> ConnectionQuerySet:
        return self.filter(stage__in=OPEN_STAGES)

    def overdue(self, today=None) -> ConnectionQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def due_soon(self, days: int = 7, today=None) -> ConnectionQuerySet:
        """Open connections whose next step is overdue or due within `days`."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__lte=today + timedelta(days=days))


class Connection(models.Model):
    """One firm↔partner relationship moving through the pipeline. Staff only."""

    firm = models.ForeignKey(
        Firm, verbose_name=_("firm"), related_name="connections", on_delete=models.PROTECT
    )
    partner = models.ForeignKey(
        OverseasPartner,
        verbose_name=_("partner"),
        related_name="connections",
        on_delete=models.PROTECT,
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.PROPOSED)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("connection", "owner"),
        null=True,
        blank=True,
        related_name="owned_connections",
        on_delete=models.SET_NULL,
    )
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    origin = models.CharField(
        _("origin"),
        max_length=300,
        blank=True,
        help_text=_("How this connection started, e.g. an engagement or a matching brief."),
    )
    source_engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement it came from"),
        null=True,
        blank=True,
        related_name="connections",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ConnectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name_ko", "firm__name_ko"]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(fields=["firm", "partner"], name="one_connection_per_pair")
        ]
        indexes = [
            models.Index(fields=["stage", "due_date"], name="connection_stage_due"),
        ]

    def __str__(self) -> str:
        return f"{self.firm} ↔ {self.partner} ({self.get_stage_display()})"

    def get_staff_url(self) -> str:
        return reverse("staff:connection-detail", kwargs={"pk": self.pk})

    @property
    def origin_text(self) -> str:
        """What staff typed as the origin, else the engagement it came from (active language)."""
        if self.origin:
            return self.origin
        if self.source_engagement_id:
            return self.source_engagement.title
        return ""

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_date and self.due_date < timezone.localdate())


class ConnectionEvent(models.Model):
    """The connection's timeline: creation, stage changes, notes and follow-up assessments."""

    class Kind(models.TextChoices):
        CREATED = "created", _("created")
        STAGE = "stage", _("stage change")
        NOTE = "note", _("note")
        ASSESSMENT = "assessment", _("follow-up assessment")

    class Assessment(models.TextChoices):
        NEGOTIATION_STARTED = "negotiation_started", _("negotiation started")
        AGREEMENT_REACHED = "agreement_reached", _("agreement reached")
        NO_RESULT = "no_result", _("no result")

    connection = models.ForeignKey(
        Connection,
        verbose_name=_("connection"),
        related_name="events",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage, blank=True)
    assessment = models.CharField(_("assessment"), max_length=30, choices=Assessment, blank=True)
    text = models.TextField(_("note"), blank=True)
    # What happened, as data, so that the page can say it in the reader's language:
    # {"changes": {"owner": "<name>", "next_step": "...", "due_date": "YYYY-MM-DD"}} or
    # {"engagement": <pk>}. Older rows have only ``text``, which is shown as it is.
    data = models.JSONField(_("data"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("connection event")
        verbose_name_plural = _("connection events")

    def __str__(self) -> str:
        return f"{self.connection}: {self.get_kind_display()}"

    def sentence(self) -> str:
        """The event's own words in the active language (staff notes stay as typed)."""
        from .timeline import event_sentence

        return event_sentence(self)


class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, read at use time; they have no public URL."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; use the staff download view.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def attachment_upload_to(instance: EngagementAttachment, filename: str) -> str:
    """A random name with the extension of the detected type; the uploaded name is kept aside."""
    from .attachments import extension_of

    return f"engagements/{uuid.uuid4().hex}{extension_of(filename)}"


class EngagementAttachment(models.Model):
    """An agenda, MOU PDF, photo… of an engagement. Staff only, streamed by a view."""

    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        related_name="attachments",
        on_delete=models.CASCADE,
    )
    file = models.FileField(
        _("file"), upload_to=attachment_upload_to, storage=private_storage, max_length=200
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["engagement", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.original_name

    def get_download_url(self) -> str:
        return reverse(
            "staff:attachment-download",
            kwargs={"pk": self.engagement_id, "attachment_pk": self.pk},
        )


def related_to_partner(firms: models.QuerySet, partner: OverseasPartner) -> models.QuerySet:
    """The firms that took part in an engagement with the partner (public or not) or have a
    connection with it: the staff's view of "the partner's firms" (dashboard and firm list)."""
    took_part = Participation.objects.filter(engagement__partners=partner).values("firm_id")
    connected = Connection.objects.filter(partner=partner).values("firm_id")
    return firms.filter(models.Q(pk__in=took_part) | models.Q(pk__in=connected))
