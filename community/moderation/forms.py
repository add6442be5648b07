from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.accounts.models import User

from .enums import AuditAction, FlagReason, QueueAction, QueueReason
from .registry import kind_choices
from .services import REASON_MISSING, REASON_REQUIRED


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("In a few words (needed for “Something else”)"),
        max_length=300,
        required=False,
        widget=forms.TextInput,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == FlagReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Please say in a few words what is wrong."))
        return cleaned


class DecisionForm(forms.Form):
    """One moderation decision, about one item (a staff tool on its page, a queue row's
    buttons) or many (the queue's bulk bar)."""

    UNSUSPEND = "unsuspend"

    action = forms.ChoiceField(
        label=_("Action"), choices=[*QueueAction.choices, (UNSUSPEND, _("Lift the suspension"))]
    )
    reason = forms.CharField(label=_("Reason (the author sees it)"), max_length=300, required=False)
    days = forms.IntegerField(
        label=_("Days"),
        min_value=1,
        max_value=settings.MODERATION_MAX_SUSPENSION_DAYS,
        required=False,
    )
    as_spam = forms.BooleanField(label=_("Spam (costs the author reputation)"), required=False)

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action in REASON_REQUIRED and not cleaned.get("reason", "").strip():
            self.add_error("reason", REASON_MISSING)
        if action == QueueAction.SUSPEND and not cleaned.get("days"):
            self.add_error("days", _("Please say for how many days."))
        return cleaned


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=lambda: [("", _("All types")), *kind_choices()],
    )
    reason = forms.ChoiceField(
        label=_("Reason"), required=False, choices=[("", _("All reasons")), *QueueReason.choices]
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *AuditAction.choices]
    )
    actor = forms.ModelChoiceField(
        label=_("Staff member"),
        required=False,
        empty_label=_("All staff"),
        queryset=User.objects.filter(is_staff=True).order_by("username"),
    )
    kind = forms.ChoiceField(
        label=_("Item"),
        required=False,
        choices=lambda: [("", _("All items")), *kind_choices(), ("member", _("Member"))],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            raise ValidationError(_("The start date is after the end date."))
        return cleaned
