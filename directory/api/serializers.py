"""What the API shows and accepts. Public serializers list their fields explicitly: a field is
public only when it is named here (contacts, notes, outcomes, stages and pending changes are
never named in a public serializer; tests plant a marker in each and look for it)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from directory.firms.models import Cluster, Country, Firm, SizeBand, Specialty
from directory.firms.translation import localize
from directory.partners.models import (
    Connection,
    ConnectionEvent,
    Engagement,
    OverseasPartner,
    Participation,
    Stage,
)


class StrictTypes:
    """Mixed into input serializers: a JSON value of the wrong type is an error, as the schema
    says, instead of being coerced (DRF would take 0 for "0" and "true" for true)."""

    TYPES = (
        (serializers.BooleanField, (bool,)),
        (serializers.IntegerField, (int,)),
        (serializers.ManyRelatedField, (list,)),
        (serializers.ListField, (list,)),
        (serializers.RelatedField, (str,)),
        (serializers.ChoiceField, (str,)),
        (serializers.CharField, (str,)),
    )

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {}
            for name, field in self.fields.items():
                if field.read_only or name not in data:
                    continue
                value = data[name]
                if value is None:
                    continue  # the field itself decides whether null is allowed
                for kind, types in self.TYPES:
                    if isinstance(field, kind):
                        wrong = not isinstance(value, types) or (
                            isinstance(value, bool) and bool not in types
                        )
                        if wrong:
                            errors[name] = [
                                serializers.ErrorDetail(
                                    _("Wrong type: expected %(type)s.")
                                    % {"type": types[0].__name__.replace("str", "string")},
                                    code="invalid_type",
                                )
                            ]
                        break
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class LocalizedField(serializers.Field):
    """``<base>`` in the request's language, falling back to Korean (as the pages do)."""

    def __init__(self, base: str, **kwargs):
        self.base = base
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj) -> str:
        return localize(obj, self.base).text


extend_schema_field(OpenApiTypes.STR)(LocalizedField)


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def file_url(request, file) -> str | None:
    return absolute(request, file.url) if file else None


# --- reference data ----------------------------------------------------------------------


class SpecialtyRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = LocalizedField("name")


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="ISO 3166-1 alpha-2.")
    name = LocalizedField("name")


class ClusterSerializer(serializers.ModelSerializer):
    name = LocalizedField("name")

    class Meta:
        model = Cluster
        fields = ["slug", "name", "name_ko", "name_en", "name_zh"]


class SpecialtySerializer(serializers.ModelSerializer):
    name = LocalizedField("name")
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Specialty
        fields = ["slug", "name", "name_ko", "name_en", "name_zh", "parent", "position"]


# --- firms -------------------------------------------------------------------------------

TRILINGUAL_CARD = ["name_ko", "name_en", "name_zh", "summary_ko", "summary_en", "summary_zh"]


class FirmCardSerializer(serializers.ModelSerializer):
    """A firm as a directory card shows it (a search result)."""

    url = serializers.SerializerMethodField(help_text="This firm in the API.")
    page_url = serializers.SerializerMethodField(help_text="The firm's public page.")
    name = LocalizedField("name")
    summary = LocalizedField("summary")
    cluster = serializers.SerializerMethodField()
    specialties = serializers.SerializerMethodField()
    target_markets = serializers.SerializerMethodField()
    logo = serializers.SerializerMethodField()
    match = serializers.SerializerMethodField(
        help_text="With a search (q): how the name matched, which orders the results by "
        "relevance: exact, prefix, other. Null without a search."
    )

    class Meta:
        model = Firm
        fields = [
            "slug",
            "url",
            "page_url",
            "name",
            *TRILINGUAL_CARD[:3],
            "summary",
            *TRILINGUAL_CARD[3:],
            "is_verified",
            "cluster",
            "specialties",
            "target_markets",
            "logo",
            "match",
        ]

    def _link(self, name: str, slug: str) -> str:
        """reverse() once per response, not once per card (a page of cards is hot)."""
        templates = self.context.setdefault("_links", {})
        if name not in templates:
            templates[name] = absolute(self.context.get("request"), reverse(name, args=["-"]))
        return templates[name].replace("/-/", f"/{slug}/")

    def get_url(self, firm) -> str:
        return self._link("api:firm-detail", firm.slug)

    def get_page_url(self, firm) -> str:
        return self._link("firms:detail", firm.slug)

    # The nested references are built as plain dicts: a nested serializer per card costs
    # more than the whole search (DRF builds its fields for each instance).
    @extend_schema_field(ClusterSerializer(allow_null=True))
    def get_cluster(self, firm):
        cluster = firm.cluster if firm.cluster_id else None
        if cluster is None:
            return None
        return {
            "slug": cluster.slug,
            "name": localize(cluster, "name").text,
            "name_ko": cluster.name_ko,
            "name_en": cluster.name_en,
            "name_zh": cluster.name_zh,
        }

    @extend_schema_field(SpecialtyRefSerializer(many=True))
    def get_specialties(self, firm):
        found = getattr(firm, "card_specialties", None)
        if found is None:
            found = list(firm.specialties.all())
        return [{"slug": s.slug, "name": localize(s, "name").text} for s in found]

    @extend_schema_field(CountrySerializer(many=True))
    def get_target_markets(self, firm):
        found = getattr(firm, "card_markets", None)
        if found is None:
            found = list(firm.target_markets.all())
        return [{"code": c.code, "name": localize(c, "name").text} for c in found]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo(self, firm) -> str | None:
        return file_url(self.context.get("request"), firm.logo_small or firm.logo)

    @extend_schema_field(
        serializers.ChoiceField(choices=["exact", "prefix", "other"], allow_null=True)
    )
    def get_match(self, firm):
        rank = getattr(firm, "search_rank", None)
        labels = self.context.get("rank_labels") or {}
        return labels.get(rank) if rank is not None else None


class PublicEngagementSerializer(serializers.Serializer):
    """A public engagement a firm took part in, with its public role (never the outcome)."""

    kind = serializers.CharField(source="engagement.kind")
    title = serializers.SerializerMethodField()
    date = serializers.DateField(source="engagement.date", allow_null=True)
    date_is_approximate = serializers.BooleanField(source="engagement.date_is_approximate")
    role = serializers.ChoiceField(choices=Participation.Role.choices)
    partners = serializers.SerializerMethodField()

    def get_title(self, participation) -> str:
        return localize(participation.engagement, "title").text

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_partners(self, participation):
        return [p.slug for p in participation.engagement.partners.all()]


class FirmDetailSerializer(FirmCardSerializer):
    """A published firm's public profile: what its public page shows."""

    description = LocalizedField("description")
    size_band = serializers.ChoiceField(choices=SizeBand.choices, allow_blank=True)
    engagements = serializers.SerializerMethodField()
    logo_medium = serializers.SerializerMethodField()

    class Meta(FirmCardSerializer.Meta):
        fields = [
            *(f for f in FirmCardSerializer.Meta.fields if f != "match"),
            "description",
            "description_ko",
            "description_en",
            "description_zh",
            "founded_year",
            "size_band",
            "website",
            "logo_medium",
            "last_confirmed_at",
            "updated_at",
            "engagements",
        ]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo_medium(self, firm) -> str | None:
        return file_url(self.context.get("request"), firm.logo_medium or firm.logo)

    @extend_schema_field(PublicEngagementSerializer(many=True))
    def get_engagements(self, firm):
        return PublicEngagementSerializer(self.context.get("participations", []), many=True).data


# --- partners ----------------------------------------------------------------------------


class PartnerSerializer(serializers.ModelSerializer):
    """An overseas partner as its public page shows it (never notes, brief text or contacts)."""

    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    name = LocalizedField("name")
    city = LocalizedField("city")
    description = LocalizedField("description")
    country = CountrySerializer(allow_null=True)
    seeks_specialties = SpecialtyRefSerializer(many=True)

    class Meta:
        model = OverseasPartner
        fields = [
            "slug",
            "url",
            "page_url",
            "name",
            "name_ko",
            "name_en",
            "name_zh",
            "kind",
            "country",
            "city",
            "city_ko",
            "city_en",
            "city_zh",
            "description",
            "description_ko",
            "description_en",
            "description_zh",
            "website",
            "seeks_specialties",
        ]

    def get_url(self, partner) -> str:
        return absolute(
            self.context.get("request"), reverse("api:partner-detail", args=[partner.slug])
        )

    def get_page_url(self, partner) -> str:
        return absolute(self.context.get("request"), partner.get_absolute_url())


# --- staff: engagements and connections --------------------------------------------------


class StaffParticipationSerializer(serializers.ModelSerializer):
    firm = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Participation
        fields = ["firm", "role", "outcome", "notes"]


class StaffEngagementSerializer(serializers.ModelSerializer):
    title = LocalizedField("title")
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    organisers = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    participations = StaffParticipationSerializer(many=True, read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id",
            "kind",
            "title",
            "title_ko",
            "title_en",
            "title_zh",
            "date",
            "date_is_approximate",
            "place_ko",
            "place_en",
            "place_zh",
            "summary_ko",
            "summary_en",
            "summary_zh",
            "notes",
            "is_public",
            "partners",
            "organisers",
            "participations",
            "created_at",
            "updated_at",
        ]


class ConnectionEventSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = ConnectionEvent
        fields = ["kind", "from_stage", "to_stage", "assessment", "text", "author", "created_at"]


class ConnectionSerializer(serializers.ModelSerializer):
    firm = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    partner = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    source_engagement = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Connection
        fields = [
            "id",
            "firm",
            "partner",
            "stage",
            "owner",
            "next_step",
            "due_date",
            "origin",
            "source_engagement",
            "created_at",
            "updated_at",
        ]


class ConnectionDetailSerializer(ConnectionSerializer):
    events = ConnectionEventSerializer(many=True, read_only=True)

    class Meta(ConnectionSerializer.Meta):
        fields = [*ConnectionSerializer.Meta.fields, "events"]


class ConnectionCreateSerializer(StrictTypes, serializers.Serializer):
    firm = serializers.SlugRelatedField(slug_field="slug", queryset=Firm.objects.all())
    partner = serializers.SlugRelatedField(
        slug_field="slug", queryset=OverseasPartner.objects.all()
    )
    origin = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class StageChangeSerializer(StrictTypes, serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class StageChangeResultSerializer(serializers.Serializer):
    changed = serializers.BooleanField(help_text="False when it already was at that stage.")
    connection = ConnectionDetailSerializer()


# --- firms: staff and members ------------------------------------------------------------

PROFILE_WRITE_FIELDS = [
    "name_ko",
    "name_en",
    "name_zh",
    "aliases",
    "summary_ko",
    "summary_en",
    "summary_zh",
    "description_ko",
    "description_en",
    "description_zh",
    "website",
    "address",
    "size_band",
    "founded_year",
    "specialties",
    "target_markets",
]
STAFF_WRITE_FIELDS = [
    "slug",
    "is_published",
    "is_verified",
    "cluster",
    "business_registration_number",
]


class ProfileWriteSerializer(StrictTypes, serializers.ModelSerializer):
    """The profile fields a firm member may propose (and staff may set)."""

    specialties = serializers.SlugRelatedField(
        slug_field="slug", queryset=Specialty.objects.all(), many=True, required=False
    )
    target_markets = serializers.SlugRelatedField(
        slug_field="code", queryset=Country.objects.all(), many=True, required=False
    )
    edit_token = serializers.CharField(
        write_only=True,
        required=False,
        max_length=200,
        help_text="The edit_token of your last read: protects against overwriting a change "
        "you have not seen (409 edit_conflict). Without it, the current profile is assumed.",
    )

    class Meta:
        model = Firm
        fields = [*PROFILE_WRITE_FIELDS, "edit_token"]
        extra_kwargs = {"name_ko": {"required": False}}


class StaffFirmWriteSerializer(ProfileWriteSerializer):
    cluster = serializers.SlugRelatedField(
        slug_field="slug", queryset=Cluster.objects.all(), allow_null=True, required=False
    )

    class Meta(ProfileWriteSerializer.Meta):
        fields = [*PROFILE_WRITE_FIELDS, *STAFF_WRITE_FIELDS, "edit_token"]
        extra_kwargs = {"name_ko": {"required": False}, "slug": {"required": False}}


class StaffFirmCreateSerializer(StaffFirmWriteSerializer):
    class Meta(StaffFirmWriteSerializer.Meta):
        fields = [*PROFILE_WRITE_FIELDS, *STAFF_WRITE_FIELDS]
        extra_kwargs = {"name_ko": {"required": True}, "slug": {"required": True}}


class StaffFirmSerializer(serializers.ModelSerializer):
    """A firm as staff see it: the profile with the staff-only fields and the edit token."""

    name = LocalizedField("name")
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    specialties = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    target_markets = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    edit_token = serializers.SerializerMethodField()
    pending_change = serializers.SerializerMethodField()

    class Meta:
        model = Firm
        fields = [
            "id",
            "slug",
            "name",
            *PROFILE_WRITE_FIELDS,
            *STAFF_WRITE_FIELDS[1:],
            "last_confirmed_at",
            "created_at",
            "updated_at",
            "edit_token",
            "pending_change",
        ]

    def get_edit_token(self, firm) -> str:
        return self.context["edit_token"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_pending_change(self, firm):
        return self.context.get("pending_change_id")


class StaffFirmListSerializer(StaffFirmSerializer):
    """A firm in the staff list: without the edit token (read the firm for it)."""

    class Meta(StaffFirmSerializer.Meta):
        fields = [
            f for f in StaffFirmSerializer.Meta.fields if f not in ("edit_token", "pending_change")
        ]


class PendingChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    revision = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class MemberFirmSerializer(serializers.Serializer):
    """A member's own firm: what their edit form starts from (their pending change, if any)."""

    slug = serializers.SlugField()
    values = serializers.DictField(help_text="The profile fields as they would be edited.")
    edit_token = serializers.CharField()
    pending_change = PendingChangeSerializer(allow_null=True)
