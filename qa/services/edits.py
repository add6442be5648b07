"""Suggested edits: a member proposes an improvement to someone else's post; the author, a
member who may edit others' posts, or staff accepts it (applied through the edit services,
as a revision by the suggester) or rejects it (kept on record with the reason)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.accounts.permissions import is_community_staff
from community.common.markup import render_markup
from community.common.transactions import save_once, write_transaction
from community.moderation.enums import AuditAction
from community.moderation.services import audit_record
from community.moderation.trust import PreparedPost, check_link_limit, post_prepare
from community.reputation.services import reputation_record

from .. import notifications as qa_notifications
from .. import permissions
from ..enums import SuggestedEditStatus
from ..models import Answer, Question, SuggestedEdit
from ..reputation import QaEventKind
from ..selectors.edits import suggested_edit_is_stale, suggested_edit_pending_for
from .questions import answer_edit_write, question_edit_write, question_fields


def suggested_edit_create(
    *, item: Question | Answer, suggester: User, body: str, summary: str, title: str = ""
) -> SuggestedEdit:
    """Store ``suggester``'s proposed ``title`` (questions only) and ``body`` for ``item``
    until someone decides; one suggestion per post waits at a time."""
    permissions.check_can_suggest_edit(suggester, item)
    is_question = isinstance(item, Question)
    title = " ".join(title.split()) if is_question else ""
    if body == item.body and (not is_question or title == item.title):
        raise ValidationError(
            _("Your suggestion changes nothing yet: improve the text before sending it."),
            code="unchanged",
        )
    if suggested_edit_pending_for(item) is not None:
        raise _another_suggestion_pending()
    check_link_limit(author=suggester, html=render_markup(body))
    return _suggestion_store(
        item=item, suggester=suggester, title=title, body=body, summary=summary
    )


@write_transaction
def _suggestion_store(
    *, item: Question | Answer, suggester: User, title: str, body: str, summary: str
) -> SuggestedEdit:
    is_question = isinstance(item, Question)
    suggestion = SuggestedEdit(
        question=item if is_question else item.question,
        answer=None if is_question else item,
        suggester=suggester,
        base_title=item.title if is_question else "",
        base_body=item.body,
        title=title,
        body=body,
        summary=" ".join(summary.split()),
    )
    if not save_once(suggestion):
        # Someone else's suggestion to the same post was stored a moment earlier.
        raise _another_suggestion_pending()
    qa_notifications.edit_suggested(suggestion)
    return suggestion


def _another_suggestion_pending() -> ValidationError:
    return ValidationError(
        _(
            "Another suggested edit to this post is waiting for a decision; you can "
            "suggest yours once it is decided."
        ),
        code="pending_exists",
    )


def suggested_edit_accept(*, suggestion: SuggestedEdit, user: User) -> SuggestedEdit:
    """Apply the suggestion as the suggester's revision of the post, note who accepted it, and
    give the suggester the points for an accepted edit. The trust rules judge it as the
    suggester's edit."""
    permissions.check_can_decide_suggested_edit(user, suggestion)
    prepared = post_prepare(
        author=suggestion.suggester,
        kind="answer" if suggestion.answer_id else "question",
        body=suggestion.body,
        editing=suggestion.target,
    )
    return _accept_store(suggestion=suggestion, user=user, prepared=prepared)


@write_transaction
def _accept_store(
    *, suggestion: SuggestedEdit, user: User, prepared: PreparedPost
) -> SuggestedEdit:
    suggestion = _locked(suggestion)
    permissions.check_can_decide_suggested_edit(user, suggestion)
    target = suggestion.target
    question = suggestion.question
    if not (target.is_published and question.is_published) or question.is_locked:
        raise PermissionDenied(_("This post is not open for edits any more."))
    if suggested_edit_is_stale(suggestion):
        raise ValidationError(
            _(
                "The post changed after this edit was suggested, so it cannot be applied as it "
                "is. Reject it; a new suggestion can start from the current text."
            ),
            code="stale",
        )
    # The one who decides checked the suggester's change: the suggester needs no edit right.
    if suggestion.answer_id:
        answer_edit_write(
            answer=target,
            editor=suggestion.suggester,
            prepared=prepared,
            summary=suggestion.summary,
        )
    else:
        question_edit_write(
            question=question,
            editor=suggestion.suggester,
            prepared=prepared,
            tags=list(question.tags.names()),
            summary=suggestion.summary,
            **question_fields(
                title=suggestion.title, phase=question.phase, product=question.product
            ),
        )
    _decide(suggestion, user=user, status=SuggestedEditStatus.ACCEPTED)
    reputation_record(
        user=suggestion.suggester,
        kind=QaEventKind.EDIT_ACCEPTED,
        source=suggestion,
        actor=user,
        product_id=question.product_id,
    )
    _after_decision(suggestion, user=user, action=AuditAction.ACCEPT_SUGGESTED_EDIT)
    return suggestion


@transaction.atomic
def suggested_edit_reject(*, suggestion: SuggestedEdit, user: User, reason: str) -> SuggestedEdit:
    """Turn the suggestion down with a ``reason`` the suggester sees; the post stays as it is."""
    suggestion = _locked(suggestion)
    permissions.check_can_decide_suggested_edit(user, suggestion)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(
            _("Say briefly why, so that the member can do better next time."), code="no_reason"
        )
    _decide(suggestion, user=user, status=SuggestedEditStatus.REJECTED, reason=reason)
    _after_decision(suggestion, user=user, action=AuditAction.REJECT_SUGGESTED_EDIT)
    return suggestion


def _locked(suggestion: SuggestedEdit) -> SuggestedEdit:
    # Two people deciding at once: the second one sees the first one's decision.
    return (
        SuggestedEdit.objects.select_for_update(of=("self",))
        .select_related("question__author", "answer__author", "suggester")
        .get(pk=suggestion.pk)
    )


def _decide(
    suggestion: SuggestedEdit, *, user: User, status: SuggestedEditStatus, reason: str = ""
) -> None:
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.reason = reason
    suggestion.full_clean(validate_constraints=False)
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "reason"])


def _after_decision(suggestion: SuggestedEdit, *, user: User, action: AuditAction) -> None:
    # Staff decide as the shop, and every staff action is in the audit log; the author or an
    # editing member deciding is their own community act.
    if is_community_staff(user):
        audit_record(actor=user, action=action, target=suggestion, reason=suggestion.reason)
    qa_notifications.suggested_edit_decided(suggestion)
