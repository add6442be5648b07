from django.contrib import admin

from .models import Follow, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "text", "created_at", "read_at", "delivery", "emailed_at"]
    list_filter = ["kind", "delivery"]
    raw_id_fields = ["recipient", "actor"]
    search_fields = ["recipient__username", "text"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "target_type", "target_id", "reason", "created_at"]
    list_filter = ["target_type"]
    raw_id_fields = ["user"]
