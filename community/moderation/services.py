from django.db import transaction
from django.utils import timezone

from community.accounts.models import User

from .enums import AuditAction, ContentStatus
from .models import AuditLogEntry, ModeratedContent


def audit_record(*, actor: User, action: AuditAction, target, reason: str = "") -> AuditLogEntry:
    from django.contrib.contenttypes.models import ContentType

    entry = AuditLogEntry(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_repr=str(target)[:200],
        reason=reason[:300],
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def content_hide(*, item: ModeratedContent, actor: User, reason: str) -> ModeratedContent:
    """Staff take an item out of public view; the author sees why."""
    _set_status(item, ContentStatus.HIDDEN, actor=actor, reason=reason)
    audit_record(actor=actor, action=AuditAction.HIDE, target=item, reason=reason)
    return item


@transaction.atomic
def content_restore(*, item: ModeratedContent, actor: User, reason: str = "") -> ModeratedContent:
    """Staff bring back a hidden or author-deleted item exactly as it was."""
    _set_status(item, ContentStatus.PUBLISHED, actor=actor, reason="")
    audit_record(actor=actor, action=AuditAction.RESTORE, target=item, reason=reason)
    return item


def content_delete_by_author(*, item: ModeratedContent, author: User) -> ModeratedContent:
    """The author withdraws their own item; staff can restore it."""
    _set_status(item, ContentStatus.DELETED, actor=author, reason="")
    return item


def _set_status(item: ModeratedContent, status: ContentStatus, *, actor: User, reason: str):
    item.status = status
    item.status_changed_at = timezone.now()
    item.status_changed_by = actor
    item.status_reason = reason
    item.full_clean()
    item.save(update_fields=["status", "status_changed_at", "status_changed_by", "status_reason"])
