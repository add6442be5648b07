from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import registry
from .enums import Channel


class NotificationSettingsForm(forms.Form):
    """The preference centre: which kinds of e-mail the member receives, how many a week,
    and how they want to hear about each group of notifications.

    ``mail_kinds`` are the kinds of e-mail listed for the member (``selectors.mail_kinds_for``):
    each switchable one gets an on/off field; essential ones are shown as always sent.
    """

    email_paused = forms.BooleanField(
        label=_("Send me no e-mail at all, except account e-mail"),
        required=False,
        help_text=_("Everything still appears under Notifications on the site."),
    )
    mail_weekly_cap = forms.TypedChoiceField(
        label=_("At most this many e-mails a week"),
        coerce=int,
        help_text=_(
            "Notifications, digests, invitations and requests together; account e-mail is "
            "always sent. What does not fit in a week is not sent later."
        ),
    )
    help_requests_per_week = forms.TypedChoiceField(
        label=_("At most this many requests to help a week"), coerce=int
    )

    def __init__(self, *args, mail_kinds: list[registry.MailKind], **kwargs):
        super().__init__(*args, **kwargs)
        self.mail_kinds = mail_kinds
        self.fields["mail_weekly_cap"].choices = [
            (number, str(number)) for number in range(1, settings.MAIL_WEEKLY_CAP + 1)
        ]
        cap = settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK
        self.fields["help_requests_per_week"].choices = [
            (number, str(number)) for number in range(1, cap + 1)
        ]
        for kind in mail_kinds:
            if kind.switchable:
                self.fields[self.mail_field(kind.key)] = forms.BooleanField(
                    label=kind.label, help_text=kind.help_text, required=False
                )
        # One delivery choice per group, in the order members think about them.
        for group in registry.groups():
            self.fields[self.channel_field(group.key)] = forms.ChoiceField(
                label=group.label, choices=Channel.choices, widget=forms.RadioSelect
            )

    @staticmethod
    def channel_field(group: str) -> str:
        return f"channel_{group}"

    @staticmethod
    def mail_field(kind: str) -> str:
        return f"mail_{kind}"

    def channel_fields(self):
        return [self[self.channel_field(key)] for key in registry.group_keys()]

    def mail_kind_fields(self):
        return [self[self.mail_field(kind.key)] for kind in self.mail_kinds if kind.switchable]

    def essential_kinds(self) -> list[registry.MailKind]:
        return [kind for kind in self.mail_kinds if kind.essential]

    def channels(self) -> dict[str, str]:
        return {key: self.cleaned_data[self.channel_field(key)] for key in registry.group_keys()}

    def mail_choices(self) -> dict[str, bool]:
        return {
            kind.key: self.cleaned_data[self.mail_field(kind.key)]
            for kind in self.mail_kinds
            if kind.switchable
        }
