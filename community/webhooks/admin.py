"""Staff register webhook endpoints (URL, secret, events) and read the delivery log."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import registry
from .models import WebhookDelivery, WebhookEndpoint
from .tasks import endpoint_resume


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("events"), choices=registry.event_choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "secret", "is_active"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "description", "is_active", "paused_at", "consecutive_failures"]
    list_filter = ["is_active"]
    readonly_fields = ["paused_at", "consecutive_failures", "created_at"]
    actions = ["resume"]

    @admin.action(description=_("Resume the selected endpoints"))
    def resume(self, request, queryset):
        for endpoint in queryset:
            endpoint_resume(endpoint=endpoint)
        count = len(queryset)
        self.message_user(
            request,
            ngettext("%(count)s endpoint resumed.", "%(count)s endpoints resumed.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read only."""

    list_display = [
        "created_at",
        "event",
        "endpoint",
        "status",
        "attempts",
        "response_status",
        "next_attempt_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
