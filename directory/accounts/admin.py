from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "firm", "role", "created_at"]
    list_filter = ["role"]
    autocomplete_fields = ["firm"]
    search_fields = ["user__username", "user__email", "firm__name_ko"]
