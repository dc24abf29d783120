from django.contrib import admin

from .models import Invitation, Membership, ProfileChange


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "firm", "role", "created_at"]
    list_filter = ["role"]
    autocomplete_fields = ["firm"]
    search_fields = ["user__username", "user__email", "firm__name_ko"]


@admin.register(ProfileChange)
class ProfileChangeAdmin(admin.ModelAdmin):
    """For looking things up; decisions are made in the review queue (/staff/reviews/)."""

    list_display = ["firm", "status", "submitted_by", "submitted_at", "reviewed_by"]
    list_filter = ["status"]
    search_fields = ["firm__name_ko", "submitted_by__username"]
    readonly_fields = [f.name for f in ProfileChange._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are created on /staff/reviews/invitations/ so the emailed token is never
    shown here; only its hash is stored."""

    list_display = [
        "email",
        "firm",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "firm__name_ko"]
    exclude = ["token_hash"]
    readonly_fields = ["created_by", "accepted_at", "accepted_by"]

    def has_add_permission(self, request):
        return False
