from django.contrib import admin

from .models import Photo


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["alt_text", "owner", "target_type", "target_id", "created_at"]
    list_filter = ["target_type"]
    raw_id_fields = ["owner"]
    search_fields = ["alt_text"]
