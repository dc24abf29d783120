from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Connection,
    ConnectionEvent,
    Engagement,
    Organiser,
    OverseasPartner,
    Participation,
    PartnerContact,
)


@admin.register(Organiser)
class OrganiserAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "short_name", "kind"]
    prepopulated_fields = {"slug": ["name_en"]}


class PartnerContactInline(admin.TabularInline):
    model = PartnerContact
    extra = 0


@admin.register(OverseasPartner)
class OverseasPartnerAdmin(SimpleHistoryAdmin):
    list_display = ["name_ko", "name_en", "name_zh", "kind", "country", "is_archived"]
    list_filter = ["kind", "country", "is_archived"]
    search_fields = ["name_ko", "name_en", "name_zh", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["seeks_specialties"]
    inlines = [PartnerContactInline]

    def get_deleted_objects(self, objs, request):
        """Engagements (a many-to-many link) also protect a partner: archive it instead.

        Connections are already protected by their foreign key; adding the engagements here
        makes the admin refuse the delete with its usual "protected objects" page.
        """
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for partner in objs:
            for engagement in partner.engagements.all():
                protected.append(
                    format_html(
                        "{}: {} ({})",
                        _("engagement"),
                        engagement,
                        _("archive the partner instead"),
                    )
                )
        return deleted, model_count, perms_needed, protected


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["firm"]


@admin.register(Engagement)
class EngagementAdmin(SimpleHistoryAdmin):
    list_display = ["title_ko", "kind", "date", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title_ko", "title_en", "title_zh"]
    filter_horizontal = ["partners", "organisers"]
    inlines = [ParticipationInline]


class ConnectionEventInline(admin.TabularInline):
    """The timeline is an audit record: shown, never edited here."""

    model = ConnectionEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "from_stage", "to_stage", "assessment", "text", "author"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Connection)
class ConnectionAdmin(SimpleHistoryAdmin):
    list_display = ["firm", "partner", "stage", "owner", "due_date"]
    list_filter = ["stage", "partner"]
    autocomplete_fields = ["firm", "partner"]
    inlines = [ConnectionEventInline]

    def save_model(self, request, obj, form, change):
        """A stage changed in the admin is recorded in the timeline like any other."""
        super().save_model(request, obj, form, change)
        if change and "stage" in form.changed_data:
            ConnectionEvent.objects.create(
                connection=obj,
                kind=ConnectionEvent.Kind.STAGE,
                from_stage=form.initial.get("stage", ""),
                to_stage=obj.stage,
                text=_("Changed in the admin."),
                author=request.user,
            )
        elif not change:
            ConnectionEvent.objects.create(
                connection=obj,
                kind=ConnectionEvent.Kind.CREATED,
                to_stage=obj.stage,
                author=request.user,
            )
