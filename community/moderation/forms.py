from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.accounts.models import User

from .enums import AppealOutcome, AuditAction, DecisionGround, FlagReason, QueueAction, QueueReason
from .registry import kind_choices
from .services import REASON_MISSING, REASON_REQUIRED

# As long as the record keeps a notice's explanation or an appeal's text.
CASE_MAX_LENGTH = 3000


def _case_field(label, *, missing, help_text="") -> forms.CharField:
    """Where a member puts their case to the moderators in writing (a notice, an appeal);
    ``missing`` is what they are told when they leave it empty."""
    return forms.CharField(
        label=label,
        max_length=CASE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=help_text,
        error_messages={"required": missing},
    )


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
    ground = forms.ChoiceField(
        label=_("Rule or law relied on"),
        required=False,
        choices=[("", _("As reported (or the community rules)")), *DecisionGround.choices],
    )
    ground_detail = forms.CharField(
        label=_("Which rule or law, in detail (the author sees it)"), max_length=300, required=False
    )

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


class NoticeForm(forms.Form):
    """A notice of illegal content; signed-in senders are not asked for an address."""

    explanation = _case_field(
        _("Why is this content illegal?"),
        help_text=_("Explain as precisely as you can which part is illegal and why."),
        missing=_("Please explain why the content is illegal."),
    )
    law = forms.CharField(
        label=_("Which law or rule does it break? (optional)"), max_length=300, required=False
    )
    email = forms.EmailField(label=_("Your e-mail address (optional)"), required=False)
    wants_decision = forms.BooleanField(
        label=_("Send me the decision (needs your e-mail address)"), required=False
    )
    good_faith = forms.BooleanField(
        label=_(
            "I confirm that, to the best of my knowledge, this notice is accurate and sent in "
            "good faith."
        ),
        error_messages={
            "required": _("Please confirm that your notice is accurate and in good faith.")
        },
    )

    def __init__(self, *args, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            # Signed-in senders hear back by notification.
            del self.fields["email"]
            del self.fields["wants_decision"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wants_decision") and not cleaned.get("email"):
            self.add_error("email", _("Give an e-mail address to hear the decision."))
        return cleaned


class AppealForm(forms.Form):
    text = _case_field(
        _("Why do you think the decision is wrong?"),
        missing=_("Please say why you think the decision is wrong."),
    )


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=AppealOutcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (the member sees it)"),
        max_length=300,
        error_messages={"required": REASON_MISSING},
    )


class TransparencyPeriodForm(forms.Form):
    """The report's period: a calendar month, quarter or year; nothing chosen is the last 12
    months."""

    MONTH, QUARTER, YEAR = "month", "quarter", "year"

    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            ("", _("The last 12 months")),
            (MONTH, _("A month")),
            (QUARTER, _("A quarter")),
            (YEAR, _("A year")),
        ],
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)
    quarter = forms.IntegerField(label=_("Quarter"), min_value=1, max_value=4, required=False)

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("period")
        if period and not cleaned.get("year") and "year" not in self.errors:
            self.add_error("year", _("Please give the year."))
        if period == self.MONTH and not cleaned.get("month") and "month" not in self.errors:
            self.add_error("month", _("Please give the month (1 to 12)."))
        if period == self.QUARTER and not cleaned.get("quarter") and "quarter" not in self.errors:
            self.add_error("quarter", _("Please give the quarter (1 to 4)."))
        return cleaned
