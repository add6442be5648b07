"""Appeals against decisions: a member objects once per decision; a staff member other than
the one who decided upholds or reverses it. Reversing undoes the decision through the
normal paths (a post is restored or approved, a suspension lifted, a warning set aside);
the outcome is recorded, audited and told to the member."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.accounts.permissions import check_is_community_staff, is_suspended
from community.common.models import save_checked
from community.common.transactions import save_once

from . import notifications, permissions
from .enums import AppealOutcome, AuditAction, ContentStatus, DecisionType
from .models import Appeal, DecisionStatement, MemberWarning
from .services import (
    audit_record,
    content_restore,
    required_reason,
    user_unsuspend,
    warning_acknowledge,
)

APPEAL_MAX_LENGTH = 3000


def appeal_create(*, statement: DecisionStatement, member: User, text: str) -> Appeal:
    """``member`` objects to the decision ``statement`` records (theirs, once)."""
    permissions.check_can_appeal(member, statement)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Please say why you think the decision is wrong.")})
    appeal = Appeal(statement=statement, member=member, text=text[:APPEAL_MAX_LENGTH])
    if not save_once(appeal):  # the member's other tab appealed a moment ago
        raise PermissionDenied(_("You have appealed this decision already."))
    return appeal


@transaction.atomic
def appeal_decide(*, appeal: Appeal, staff: User, outcome: AppealOutcome, reason: str) -> Appeal:
    """Uphold or reverse the decision ``appeal`` objects to, with the reason the member reads."""
    check_is_community_staff(staff)
    appeal = Appeal.objects.select_for_update().select_related("statement").get(pk=appeal.pk)
    refusal = permissions.appeal_decision_refusal(staff, appeal)
    if refusal:
        raise PermissionDenied(refusal)
    reason = required_reason(reason)
    statement = appeal.statement
    if outcome == AppealOutcome.REVERSED:
        _decision_undo(statement, staff=staff, reason=reason)
    appeal.outcome = outcome
    appeal.outcome_reason = reason
    appeal.decided_at = timezone.now()
    appeal.decided_by = staff
    save_checked(appeal, update_fields=["outcome", "outcome_reason", "decided_at", "decided_by"])
    audit_record(
        actor=staff,
        action=AuditAction.APPEAL_REVERSE
        if outcome == AppealOutcome.REVERSED
        else AuditAction.APPEAL_UPHOLD,
        target=statement.target or statement.member,
        reason=reason,
    )
    notifications.appeal_decided(appeal)
    return appeal


def _decision_undo(statement: DecisionStatement, *, staff: User, reason: str) -> None:
    """Undo what ``statement`` records, where it still holds (a post restored since, or a
    suspension over, has nothing left to undo)."""
    target = statement.target
    if target is None:
        return
    if statement.decision in (DecisionType.HOLD, DecisionType.HIDE, DecisionType.DELETE):
        if target.status != ContentStatus.PUBLISHED:
            content_restore(item=target, staff=staff, reason=reason)
    elif statement.decision == DecisionType.SUSPEND:
        if is_suspended(target):
            user_unsuspend(user=target, staff=staff, reason=reason)
    elif statement.decision == DecisionType.WARN and isinstance(target, MemberWarning):
        # Set aside: its banner goes, as when the member acknowledges it.
        warning_acknowledge(warning=target, user=target.user)
