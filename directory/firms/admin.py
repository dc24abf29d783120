from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Cluster, Country, Firm, FirmContact, Specialty


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_ko", "name_en", "name_zh"]
    search_fields = ["code", "name_ko", "name_en", "name_zh"]


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["name_ko", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Specialty)
class SpecialtyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "name_en", "name_zh", "slug", "position", "synonyms"]
    list_filter = ["parent"]
    search_fields = ["name_ko", "name_en", "name_zh", "slug", "synonyms"]
    prepopulated_fields = {"slug": ["name_en"]}


class FirmContactInline(admin.TabularInline):
    model = FirmContact
    extra = 0


@admin.register(Firm)
class FirmAdmin(SimpleHistoryAdmin):
    list_display = ["name_ko", "name_en", "cluster", "is_published", "is_verified", "updated_at"]
    list_filter = ["is_published", "is_verified", "cluster", "size_band", "specialties"]
    search_fields = ["name_ko", "name_en", "name_zh", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["specialties", "target_markets"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [FirmContactInline]
