from django.contrib import admin

from .models import Shortlist, ShortlistEntry


class ShortlistEntryInline(admin.TabularInline):
    model = ShortlistEntry
    extra = 0
    raw_id_fields = ["firm"]
    readonly_fields = ["score", "reasons"]


@admin.register(Shortlist)
class ShortlistAdmin(admin.ModelAdmin):
    list_display = ["name", "partner", "author", "created_at"]
    list_select_related = ["partner", "author"]
    search_fields = ["name"]
    raw_id_fields = ["partner", "author"]
    inlines = [ShortlistEntryInline]
