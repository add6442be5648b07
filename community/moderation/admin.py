"""Read-only records in the Django admin: moderation happens in the queue, through services,
so that every decision is audited; the admin is for looking things up."""

from django.contrib import admin

from .models import AuditLogEntry, Flag, MemberWarning


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "reason", "target_type", "target_id", "flagger", "resolution"]
    list_filter = ["reason", "resolution", "target_type"]
    list_select_related = ["flagger", "target_type"]
    search_fields = ["flagger__username", "note"]


@admin.register(MemberWarning)
class MemberWarningAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "user", "issued_by", "reason", "acknowledged_at"]
    list_select_related = ["user", "issued_by"]
    search_fields = ["user__username", "reason"]


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_repr", "reason"]
    list_filter = ["action", "target_type"]
    list_select_related = ["actor", "target_type"]
    search_fields = ["target_repr", "reason", "actor__username"]
