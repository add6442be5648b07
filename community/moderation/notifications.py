"""Who hears about statements of reasons, notices of illegal content and appeals.

Moderation registers its kinds with the notifications floor (from ``ModerationConfig.ready``)
as the apps register theirs. A decision about a member's content reaches them as the floor's
"moderation decision": a staff member's decision through its audit entry
(``events.staff_action_recorded``), an automated one (a hold, a hide after reports) from its
statement here, so that each decision is told once.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.notifications import registry
from community.notifications.enums import KindGroup, NotificationKind
from community.notifications.services import notify

from .enums import DecisionType

NOTICE_KIND = "illegal_content_notice"
APPEAL_KIND = "appeal_decided"


def register() -> None:
    registry.register_kind(
        key=NOTICE_KIND,
        label=gettext_lazy("About my notices of illegal content"),
        group=KindGroup.MODERATION,
        email_subject=gettext_lazy("Your notice: %(text)s"),
    )
    registry.register_kind(
        key=APPEAL_KIND,
        label=gettext_lazy("My appeal was decided"),
        group=KindGroup.MODERATION,
        email_subject=gettext_lazy("Your appeal: %(text)s"),
    )


def automated_decision_stated(statement) -> None:
    """A rule (not a person) restricted the member's post: tell them, pointing at the
    statement with its reasons and the way to object."""

    # Whole sentences, the same for every kind of post: "Your %(kind)s" cannot be translated.
    def text() -> str:
        sentence = {
            DecisionType.HOLD: _("Your post waits for a moderator's approval: %(reason)s"),
            DecisionType.HIDE: _("Your post was hidden automatically: %(reason)s"),
        }.get(statement.decision, _("A decision about your post: %(reason)s"))
        return sentence % {"reason": statement.facts}

    notify(
        kind=NotificationKind.MODERATION_DECISION,
        event_key=f"statement:{statement.pk}",
        recipients=[statement.member],
        target=statement,
        url=statement.get_absolute_url(),
        text=text,
    )


def notice_received(notice) -> None:
    """A signed-in sender's confirmation that their notice arrived."""
    notify(
        kind=NOTICE_KIND,
        event_key=f"notice:{notice.pk}:received",
        recipients=[notice.sender],
        target=notice.target,
        url=notice.target.get_absolute_url(),
        text=lambda: (
            _("We received your notice about “%(item)s”. A moderator will decide on it.")
            % {"item": notice.target_repr}
        ),
    )


def notice_decided(notice, *, staff) -> None:
    """A signed-in sender hears what staff decided about their notice."""
    notify(
        kind=NOTICE_KIND,
        event_key=f"notice:{notice.pk}:decided",
        recipients=[notice.sender],
        actor=staff,
        target=notice.target,
        url=notice.target.get_absolute_url(),
        text=lambda: (
            _("Your notice about “%(item)s”: %(outcome)s")
            % {"item": notice.target_repr, "outcome": notice.get_resolution_display()}
        ),
    )


def appeal_decided(appeal) -> None:
    """The member hears the outcome of their appeal, and why."""
    statement = appeal.statement
    notify(
        kind=APPEAL_KIND,
        event_key=f"appeal:{appeal.pk}",
        recipients=[appeal.member],
        actor=appeal.decided_by,
        target=statement,
        url=statement.get_absolute_url(),
        text=lambda: (
            _("Your appeal against “%(decision)s”: %(outcome)s. %(reason)s")
            % {
                "decision": statement.get_decision_display(),
                "outcome": appeal.get_outcome_display(),
                "reason": appeal.outcome_reason,
            }
        ),
    )
