"""Moderation's part of a member's data: the reports and notices they sent, the warnings they
got, the decisions about them and their appeals; and, when they ask for it, the removal of
their posts through the one delete path.

Decisions, appeals and notices stay as records (the transparency report counts them) but
lose what they said about the member: appeal texts, notice texts and addresses, names."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from community.accounts.personal_data import Erasure, register_personal_data

from . import models, registry
from .enums import ContentStatus
from .services import content_delete_for_erasure


def reports_made(user):
    return models.Flag.objects.filter(flagger=user).values(
        "id", "target_type__model", "target_id", "reason", "note", "created_at", "resolved_at"
    )


def warnings_received(user):
    return models.MemberWarning.objects.filter(user=user).values(
        "id", "reason", "created_at", "acknowledged_at"
    )


def notices_sent(user):
    return models.IllegalContentNotice.objects.filter(sender=user).values(
        "id", "target_repr", "explanation", "law", "email", "created_at", "resolution"
    )


def decisions_about(user):
    return models.DecisionStatement.objects.filter(member=user).values(
        "id",
        "decision",
        "target_repr",
        "facts",
        "ground",
        "ground_detail",
        "automated",
        "created_at",
    )


def appeals_made(user):
    return models.Appeal.objects.filter(member=user).values(
        "id", "statement_id", "text", "created_at", "outcome", "decided_at"
    )


def records_forget(erasure: Erasure) -> None:
    """Notices, decisions and appeals keep their place in the counts; the member's words,
    address and names go."""
    user = erasure.user
    models.IllegalContentNotice.objects.filter(sender=user).update(
        explanation="", email="", target_repr=""
    )
    models.Appeal.objects.filter(member=user).update(text="")
    models.DecisionStatement.objects.filter(member=user).update(target_repr="")


def posts_remove(erasure: Erasure) -> None:
    """Every kind's posts by the member, out of view, when they asked for it."""
    if not erasure.remove_posts:
        return
    for kind in registry.KINDS.values():
        items = kind.model.objects.filter(author=erasure.user).exclude(status=ContentStatus.DELETED)
        for item in items:
            content_delete_for_erasure(item=item, author=erasure.user)


def audit_names_forget(erasure: Erasure) -> None:
    """Audit entries about the member (a warning, a suspension) or about their posts ("Comment
    by ...") keep their place in the log; the names they recorded give way to the account's
    new one. Who acted stays known to the log by the row it points at."""
    user = erasure.user
    replacement = f"former-member-{user.pk}"
    names = sorted({user.username, user.display_name} - {""}, key=len, reverse=True)
    about = Q(target_type=ContentType.objects.get_for_model(type(user)), target_id=user.pk)
    for kind in registry.KINDS.values():
        authored = kind.model.objects.filter(author=user).values("pk")
        about |= Q(target_type=kind.content_type, target_id__in=authored)
    for entry in models.AuditLogEntry.objects.filter(about).only("pk", "target_repr"):
        recorded = entry.target_repr
        for name in names:
            recorded = recorded.replace(name, replacement)
        if recorded != entry.target_repr:
            models.AuditLogEntry.objects.filter(pk=entry.pk).update(target_repr=recorded)


def register() -> None:
    register_personal_data("reports", export=reports_made)
    register_personal_data("warnings", export=warnings_received)
    register_personal_data("notices", export=notices_sent)
    register_personal_data("decisions", export=decisions_about)
    register_personal_data("appeals", export=appeals_made, erase=records_forget)
    # Before anything else is erased: removing a post still knows its author and counters.
    register_personal_data("posts", erase=posts_remove, position=10)
    register_personal_data("audit_log", erase=audit_names_forget)
