"""Every moderation write: hiding and restoring, flags, the queue's decisions, warnings,
suspensions, and the audit log they all leave behind."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.accounts.models import User
from community.accounts.permissions import check_is_community_staff
from community.common import ratelimit
from community.common.models import save_checked
from community.common.transactions import save_once
from community.notifications import events as notification_events
from community.reputation.services import reputation_spam_penalty, reputation_spam_penalty_lift

from . import permissions, registry
from .enums import (
    AuditAction,
    ContentStatus,
    DecisionType,
    FlagResolution,
    NoticeResolution,
    QueueAction,
    StaffLabelKind,
)
from .models import AuditLogEntry, Flag, MemberWarning, ModeratedContent, StaffLabel
from .notices import notices_resolve
from .statements import statement_record
from .targets import open_flags, pointing_at, recorded_about
from .trust import PreparedPost, has_standing

AUTO_HIDE_REASON = gettext_lazy(
    "Hidden after reports from the community until a moderator has looked at it."
)


def audit_record(
    *, actor: User | None, action: AuditAction, target, reason: str = ""
) -> AuditLogEntry:
    entry = AuditLogEntry(
        actor=actor,
        action=action,
        **recorded_about(target),
        reason=reason[:300],
    )
    save_checked(entry)
    notification_events.staff_action_recorded(entry=entry, target=target)
    return entry


def admitted_post(model, *, author: User, prepared: PreparedPost, **fields):
    """A new, unsaved ``model`` post by ``author`` with the text ``post_prepare`` rendered,
    published or held (status ``PENDING``) as it decided."""
    return model(
        author=author,
        body=prepared.body,
        body_rendered=prepared.html,
        status=prepared.admission.status,
        status_reason=prepared.admission.reason,
        **fields,
    )


def edit_admit(*, item: ModeratedContent, prepared: PreparedPost) -> None:
    """Apply the trust rules' decision on an edit (``post_prepare`` with ``editing``): a
    published ``item`` they hold goes back to the queue with their reason, as a new post
    would wait (no moderator decided it: ``status_changed_by`` stays empty). Call it inside
    the edit's write transaction."""
    if prepared.admission.is_held and item.status == ContentStatus.PUBLISHED:
        _status_change(item, ContentStatus.PENDING, actor=None, reason=prepared.admission.reason)


# The audit entries for turning each staff-only switch on and off.
SWITCH_AUDIT_ACTIONS = {
    "is_pinned": (AuditAction.PIN, AuditAction.UNPIN),
    "is_locked": (AuditAction.LOCK, AuditAction.UNLOCK),
    "is_featured": (AuditAction.FEATURE, AuditAction.UNFEATURE),
}


def staff_switch_set(*, item, staff: User, field: str, on: bool, reason: str = ""):
    """Turn a staff-only switch of ``item`` (``field``: one of ``SWITCH_AUDIT_ACTIONS``) on
    or off and record it in the audit log."""
    check_is_community_staff(staff)
    setattr(item, field, on)
    item.save(update_fields=[field])
    on_action, off_action = SWITCH_AUDIT_ACTIONS[field]
    audit_record(actor=staff, action=on_action if on else off_action, target=item, reason=reason)
    return item


@transaction.atomic
def staff_label_set(*, item, staff: User, kind: StaffLabelKind, on: bool) -> bool:
    """Put the staff-only label ``kind`` on ``item`` or take it off, and record that in the
    audit log. False when there was nothing to change (it was already so)."""
    permissions.check_can_label(staff, item)
    labels = StaffLabel.objects.filter(**pointing_at(item), kind=kind)
    if on:
        if labels.exists():
            return False
        label = StaffLabel(target=item, kind=kind, labelled_by=staff)
        save_checked(label)
    elif not labels.delete()[0]:
        return False
    audit_record(
        actor=staff,
        action=AuditAction.LABEL if on else AuditAction.UNLABEL,
        target=item,
        reason=StaffLabelKind(kind).label,
    )
    return True


# SECTION hiding, restoring, approving and deleting: one path for every kind of content


def content_delete_by_author(*, item: ModeratedContent, author: User) -> ModeratedContent:
    """The author withdraws their own item; staff can restore it. The owning app checks the
    author's right and keeps its own counters (it knows which ones an author's delete moves)."""
    _set_status(item, ContentStatus.DELETED, actor=author, reason="")
    return item


def content_admitted(*, item: ModeratedContent) -> None:
    """A new post was saved as the trust rules admitted it: when they held it, its author is
    owed the reasons (the hold is a decision too, taken by a rule). Every create service
    calls it right after saving the post, inside its write transaction."""
    if item.status == ContentStatus.PENDING:
        statement_record(
            member=item.author,
            decision=DecisionType.HOLD,
            target=item,
            facts=item.status_reason,
            decided_by=None,
        )


@transaction.atomic
def content_hide(
    *,
    item: ModeratedContent,
    staff: User,
    reason: str,
    as_spam: bool = False,
    ground: str = "",
    ground_detail: str = "",
) -> ModeratedContent:
    """Staff take an item out of public view with a reason its author sees; nothing is lost.
    Open reports on it were right, wherever staff hid it from (the queue or its own page).

    An item hidden automatically after reports is confirmed: the author now reads the staff's
    reason. ``as_spam`` also costs the author the reputation points for spam.
    """
    check_is_community_staff(staff)
    reason = required_reason(reason)
    refusal = permissions.hide_refusal(item)
    if refusal:
        raise ValidationError(refusal, code="not_hideable")
    _status_change(
        item,
        ContentStatus.HIDDEN,
        actor=staff,
        reason=reason,
        grounds={"ground": ground, "ground_detail": ground_detail, "as_spam": as_spam},
    )
    audit_record(actor=staff, action=AuditAction.HIDE, target=item, reason=reason)
    if as_spam:
        reputation_spam_penalty(item=item, actor=staff)
    flags_resolve(target=item, staff=staff, resolution=FlagResolution.UPHELD)
    return item


@transaction.atomic
def content_restore(*, item: ModeratedContent, staff: User, reason: str = "") -> ModeratedContent:
    """Staff bring back a hidden or deleted item exactly as it was, or publish an item held for
    approval (audited as an approval, and announced as a new post). A spam penalty is taken
    back; reports still open asked for what staff now undo, so they are declined."""
    check_is_community_staff(staff)
    refusal = permissions.restore_refusal(item)
    if refusal:
        raise ValidationError(refusal, code="not_restorable")
    # A post held since it was written has never changed status; one that an edit sent back
    # to the queue was public before, and its followers heard of it then.
    was_held = item.status == ContentStatus.PENDING
    first_time_public = was_held and item.status_changed_at is None
    _status_change(item, ContentStatus.PUBLISHED, actor=staff, reason="")
    if first_time_public:
        # Others see it only now: followers hear of it as of a new post.
        notification_events.content_published(item)
    action = AuditAction.APPROVE if was_held else AuditAction.RESTORE
    audit_record(actor=staff, action=action, target=item, reason=" ".join(reason.split()))
    reputation_spam_penalty_lift(item=item)
    flags_resolve(target=item, staff=staff, resolution=FlagResolution.DECLINED)
    return item


@transaction.atomic
def content_approve(*, item: ModeratedContent, staff: User) -> ModeratedContent:
    """The item is fine: publish it if it was held or hidden automatically; either way its
    reports are declined."""
    check_is_community_staff(staff)
    if permissions.is_awaiting_approval(item):
        return content_restore(item=item, staff=staff)
    # Public (or taken out of view otherwise): it stays as it is, the reports are closed.
    audit_record(actor=staff, action=AuditAction.DISMISS_FLAGS, target=item)
    flags_resolve(target=item, staff=staff, resolution=FlagResolution.DECLINED)
    return item


@transaction.atomic
def content_delete(
    *, item: ModeratedContent, staff: User, reason: str, ground: str = "", ground_detail: str = ""
) -> ModeratedContent:
    """Staff delete an item (spam, illegal content): out of view for good, yet restorable."""
    check_is_community_staff(staff)
    reason = required_reason(reason)
    if item.status == ContentStatus.DELETED:
        raise ValidationError(_("This is deleted already."), code="deleted_already")
    _status_change(
        item,
        ContentStatus.DELETED,
        actor=staff,
        reason=reason,
        grounds={"ground": ground, "ground_detail": ground_detail},
    )
    audit_record(actor=staff, action=AuditAction.DELETE, target=item, reason=reason)
    flags_resolve(target=item, staff=staff, resolution=FlagResolution.UPHELD)
    return item


# The statuses that restrict a post, and the decision each records a statement of reasons for.
RESTRICTING_DECISIONS = {
    ContentStatus.PENDING: DecisionType.HOLD,
    ContentStatus.HIDDEN: DecisionType.HIDE,
    ContentStatus.DELETED: DecisionType.DELETE,
}


def _status_change(
    item: ModeratedContent,
    status: ContentStatus,
    *,
    actor,
    reason: str,
    grounds: dict | None = None,
) -> None:
    """Set the status and let the owning app put its counters right. A status that restricts
    the post records the statement of reasons its author is owed (``actor`` None: a rule
    decided; ``grounds``: the rule or law the moderator chose, see ``statement_record``)."""
    previous = item.status
    _set_status(item, status, actor=actor, reason=reason)
    registry.kind_for(item).status_changed(item=item, previous=previous)
    # An author taking their own post away decided it themselves: no statement is owed.
    if status in RESTRICTING_DECISIONS and (actor is None or actor.pk != item.author_id):
        statement_record(
            member=item.author,
            decision=RESTRICTING_DECISIONS[status],
            target=item,
            facts=reason,
            decided_by=actor,
            **(grounds or {}),
        )


def _set_status(item: ModeratedContent, status: ContentStatus, *, actor: User, reason: str):
    item.status = status
    item.status_changed_at = timezone.now()
    item.status_changed_by = actor
    item.status_reason = reason
    save_checked(
        item, update_fields=["status", "status_changed_at", "status_changed_by", "status_reason"]
    )


# SECTION flags


@transaction.atomic
def flag_create(*, flagger: User, target, reason: str, note: str = "") -> Flag:
    """A member reports ``target``; enough weight of open reports hides it until staff decide
    (reports by members without standing weigh nothing; staff posts and official answers are
    never hidden automatically, only queued)."""
    permissions.check_can_flag(flagger, target)
    decision = ratelimit.hit(
        "moderation-flag", key=str(flagger.pk), rate=settings.MODERATION_RATE_LIMITS["flag"]
    )
    if not decision.allowed:
        raise ValidationError(
            _("You have sent many reports in a short time. You can report again in %(seconds)s s.")
            % {"seconds": decision.retry_after},
            code="rate_limited",
        )
    flag = Flag(
        flagger=flagger,
        **pointing_at(target),
        reason=reason,
        note=" ".join(note.split()),
        weight=_flag_weight(flagger),
    )
    if not save_once(flag):
        raise PermissionDenied(_("You have already reported this; thank you."))
    open_weight = open_flags(target).aggregate(total=Sum("weight"))["total"] or 0
    if (
        open_weight >= settings.MODERATION_AUTO_HIDE_WEIGHT
        and target.is_published
        and permissions.may_hide_automatically(target)
    ):
        # Nobody decided this yet: status_changed_by stays empty, which marks it automatic.
        _status_change(target, ContentStatus.HIDDEN, actor=None, reason=str(AUTO_HIDE_REASON))
    return flag


def _flag_weight(flagger: User) -> int:
    """What a report weighs toward hiding a post: nothing without standing (a new account's
    report still reaches the queue), more from a trusted member."""
    if not has_standing(flagger):
        return 0
    if flagger.reputation >= settings.MODERATION_TRUSTED_FLAGGER_REPUTATION:
        return settings.MODERATION_TRUSTED_FLAG_WEIGHT
    return settings.MODERATION_FLAG_WEIGHT


def flags_resolve(*, target, staff: User, resolution: FlagResolution) -> int:
    """Close the open reports on ``target`` with the moderator's outcome, and its notices of
    illegal content with the same outcome; returns how many reports."""
    notices_resolve(
        target=target,
        staff=staff,
        resolution=NoticeResolution.ACTED
        if resolution == FlagResolution.UPHELD
        else NoticeResolution.DECLINED,
    )
    flags = list(open_flags(target).values_list("pk", "flagger_id"))
    resolved = open_flags(target).update(
        resolved_at=timezone.now(), resolved_by=staff, resolution=resolution
    )
    notification_events.flags_resolved(target=target, by=staff, resolution=resolution, flags=flags)
    return resolved


# SECTION decisions about many items at once


@dataclass(frozen=True)
class BulkOutcome:
    """What one bulk decision did: how many items or members it changed, and what it skipped."""

    done: int
    skipped: list[str]


def content_decide_many(
    *,
    items: list[ModeratedContent],
    staff: User,
    action: QueueAction,
    reason: str = "",
    days: int | None = None,
    as_spam: bool = False,
    ground: str = "",
    ground_detail: str = "",
) -> BulkOutcome:
    """One decision over many items (a spam wave). Each item is decided on its own, so one
    that cannot be (hidden already, say) is reported back without undoing the others."""
    check_is_community_staff(staff)
    done, skipped = 0, []
    grounds = {"ground": ground, "ground_detail": ground_detail}
    if action in (QueueAction.WARN, QueueAction.SUSPEND):
        authors = {item.author_id: item.author for item in items}
        for author in authors.values():
            try:
                if action == QueueAction.WARN:
                    user_warn(user=author, staff=staff, reason=reason, **grounds)
                else:
                    user_suspend(user=author, staff=staff, days=days, reason=reason, **grounds)
            except (ValidationError, PermissionDenied) as refusal:
                skipped.append(f"{author.public_name}: {first_message(refusal)}")
            else:
                done += 1
        return BulkOutcome(done=done, skipped=skipped)
    for item in items:
        try:
            content_decide(
                item=item, staff=staff, action=action, reason=reason, as_spam=as_spam, **grounds
            )
        except (ValidationError, PermissionDenied) as refusal:
            skipped.append(f"{registry.title_for(item)}: {first_message(refusal)}")
        else:
            done += 1
    return BulkOutcome(done=done, skipped=skipped)


def content_decide(
    *,
    item: ModeratedContent,
    staff: User,
    action: QueueAction,
    reason: str = "",
    as_spam: bool = False,
    ground: str = "",
    ground_detail: str = "",
) -> ModeratedContent:
    """Apply one decision about an item: approve, hide, restore or delete (``ground`` and
    ``ground_detail``: the rule or law a hide or delete relies on)."""
    grounds = {"ground": ground, "ground_detail": ground_detail}
    if action == QueueAction.APPROVE:
        return content_approve(item=item, staff=staff)
    if action == QueueAction.HIDE:
        return content_hide(item=item, staff=staff, reason=reason, as_spam=as_spam, **grounds)
    if action == QueueAction.RESTORE:
        return content_restore(item=item, staff=staff, reason=reason)
    if action == QueueAction.DELETE:
        return content_delete(item=item, staff=staff, reason=reason, **grounds)
    raise ValueError(f"{action!r} is not a decision about an item.")


# The decisions whose reason the author (or the member) reads: they cannot go without one.
REASON_REQUIRED = frozenset(
    {QueueAction.HIDE, QueueAction.DELETE, QueueAction.WARN, QueueAction.SUSPEND}
)
REASON_MISSING = gettext_lazy("Please give a reason: the author sees it.")


def required_reason(reason: str) -> str:
    """The reason as stored, or ValidationError when there is none (see REASON_REQUIRED)."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(str(REASON_MISSING), code="reason_missing")
    return reason[:300]


def first_message(refusal: Exception) -> str:
    """The message a refusal (ValidationError or PermissionDenied) shows to staff."""
    if isinstance(refusal, ValidationError):
        return refusal.messages[0]
    return str(refusal)


# SECTION members: warnings and suspensions


@transaction.atomic
def user_warn(
    *, user: User, staff: User, reason: str, ground: str = "", ground_detail: str = ""
) -> MemberWarning:
    """A formal warning; the member sees it on every page until they acknowledge it."""
    check_is_community_staff(staff)
    permissions.check_can_be_sanctioned(staff, user)
    warning = MemberWarning(user=user, issued_by=staff, reason=required_reason(reason))
    save_checked(warning)
    statement_record(
        member=user,
        decision=DecisionType.WARN,
        target=warning,
        facts=warning.reason,
        decided_by=staff,
        ground=ground,
        ground_detail=ground_detail,
    )
    audit_record(actor=staff, action=AuditAction.WARN, target=user, reason=warning.reason)
    return warning


def warning_acknowledge(*, warning: MemberWarning, user: User) -> MemberWarning:
    """The member has read the warning; the banner goes away."""
    if warning.user_id != user.pk:
        raise Http404
    if warning.acknowledged_at is None:
        warning.acknowledged_at = timezone.now()
        save_checked(warning, update_fields=["acknowledged_at"])
    return warning


@transaction.atomic
def user_suspend(
    *,
    user: User,
    staff: User,
    days: int | None,
    reason: str,
    ground: str = "",
    ground_detail: str = "",
) -> User:
    """Until the end of the suspension the member can sign in and read, but not post, vote or
    flag; they see why and until when."""
    check_is_community_staff(staff)
    permissions.check_can_be_sanctioned(staff, user)
    reason = required_reason(reason)
    if not days or days < 1 or days > settings.MODERATION_MAX_SUSPENSION_DAYS:
        raise ValidationError(
            _("Suspend for 1 to %(days)s days.")
            % {"days": settings.MODERATION_MAX_SUSPENSION_DAYS},
            code="days",
        )
    user.suspended_until = timezone.now() + timedelta(days=days)
    user.suspension_reason = reason
    save_checked(user, update_fields=["suspended_until", "suspension_reason"])
    stated = _("%(days)s days: %(reason)s") % {"days": days, "reason": reason}
    statement_record(
        member=user,
        decision=DecisionType.SUSPEND,
        target=user,
        facts=stated,
        decided_by=staff,
        ground=ground,
        ground_detail=ground_detail,
    )
    audit_record(actor=staff, action=AuditAction.SUSPEND, target=user, reason=stated)
    return user


@transaction.atomic
def user_unsuspend(*, user: User, staff: User, reason: str = "") -> User:
    """End a suspension early."""
    check_is_community_staff(staff)
    if not user.suspended_until:
        raise ValidationError(_("This member is not suspended."), code="not_suspended")
    user.suspended_until = None
    user.suspension_reason = ""
    save_checked(user, update_fields=["suspended_until", "suspension_reason"])
    audit_record(actor=staff, action=AuditAction.UNSUSPEND, target=user, reason=reason)
    return user


ERASURE_REASON = gettext_lazy("Removed with its author's account, at their request.")


@transaction.atomic
def content_delete_for_erasure(*, item: ModeratedContent, author: User) -> ModeratedContent:
    """A member whose account is erased asked for their posts to go too: each goes out of view
    as if they had deleted it themselves, and its app puts its counters right."""
    if item.status != ContentStatus.DELETED:
        _status_change(item, ContentStatus.DELETED, actor=author, reason=str(ERASURE_REASON))
    return item
