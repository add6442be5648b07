from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import registry
from .enums import Channel


class NotificationSettingsForm(forms.Form):
    """How the member wants to hear about each group of notifications."""

    email_paused = forms.BooleanField(
        label=_("Send me no notification e-mail at all"),
        required=False,
        help_text=_("Everything still appears under Notifications on the site."),
    )
    help_requests = forms.BooleanField(
        label=_("Ask me to help with products I bought"),
        required=False,
        help_text=_(
            "When someone asks about a product you received, we may ask you and a few other "
            "buyers whether you can answer."
        ),
    )
    help_requests_per_week = forms.TypedChoiceField(
        label=_("At most this many requests a week"), coerce=int
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap = settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK
        self.fields["help_requests_per_week"].choices = [
            (number, str(number)) for number in range(1, cap + 1)
        ]
        # One delivery choice per group, in the order members think about them.
        for group in registry.groups():
            self.fields[self.channel_field(group.key)] = forms.ChoiceField(
                label=group.label, choices=Channel.choices, widget=forms.RadioSelect
            )

    @staticmethod
    def channel_field(group: str) -> str:
        return f"channel_{group}"

    def channel_fields(self):
        return [self[self.channel_field(key)] for key in registry.group_keys()]

    def channels(self) -> dict[str, str]:
        return {key: self.cleaned_data[self.channel_field(key)] for key in registry.group_keys()}
