"""Every change to questions, answers, comments and votes goes through these functions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.accounts.permissions import check_is_community_staff
from community.common.models import full_clean_in_hand, title_slug
from community.common.transactions import write_transaction
from community.moderation.enums import AuditAction, ContentStatus
from community.moderation.services import (
    admitted_post,
    audit_record,
    content_admitted,
    content_delete_by_author,
    edit_admit,
    staff_switch_set,
)
from community.moderation.trust import PreparedPost, check_vote_rate, post_prepare
from community.notifications.events import content_posted
from community.reputation.enums import Badge
from community.reputation.services import (
    badge_award,
    reputation_reverse,
    reputation_vote_apply,
)
from community.revisions.services import revision_record

from .. import notifications as qa_notifications
from .. import permissions
from .. import webhooks as qa_webhooks
from ..models import Answer, AnswerVote, Comment, Question, QuestionVote
from ..reputation import QaEventKind, author_earns, badges_for_answer


def question_create(
    *,
    author: User,
    title: str,
    body: str,
    phase: str,
    product=None,
    tags: list[str] | tuple[str, ...] = (),
) -> Question:
    permissions.check_can_ask(author)
    prepared = post_prepare(author=author, kind="question", body=body)
    return _question_store(
        author=author,
        prepared=prepared,
        tags=tags,
        **question_fields(title=title, phase=phase, product=product),
    )


def question_fields(*, title: str, phase: str, product) -> dict:
    """A question's fields besides its text and tags, tidied as they are stored."""
    return {
        "title": title.strip(),
        "slug": title_slug(title, fallback="question"),
        "phase": phase,
        "product": product,
    }


@write_transaction
def _question_store(*, author: User, prepared: PreparedPost, tags, **fields) -> Question:
    question = admitted_post(Question, author=author, prepared=prepared, **fields)
    full_clean_in_hand(question)
    question.save()
    content_admitted(item=question)
    if tags:
        question.tags.set(list(tags))
    revision_record(item=question, editor=author, title=question.title, body=prepared.body)
    content_posted(question)
    return question


def question_edit(
    *,
    question: Question,
    editor: User,
    title: str,
    body: str,
    phase: str,
    product,
    tags: list[str] | tuple[str, ...],
    summary: str = "",
) -> Question:
    """``editor`` changes ``question``; an edit the trust rules hold sends it back to the
    queue. An edit states the question's product and tags as they are to be (left out, they
    would otherwise be emptied unasked)."""
    permissions.check_can_edit(editor, question)
    prepared = post_prepare(author=editor, kind="question", body=body, editing=question)
    return question_edit_write(
        question=question,
        editor=editor,
        prepared=prepared,
        tags=tags,
        summary=summary,
        **question_fields(title=title, phase=phase, product=product),
    )


@write_transaction
def question_edit_write(
    *, question: Question, editor: User, prepared: PreparedPost, tags, summary: str, **fields
) -> Question:
    """The writes of ``question_edit``, for a caller that checked the edit right and prepared
    the text itself (``suggested_edit_accept``); ``fields`` come from ``question_fields``."""
    changed = fields["title"] != question.title or prepared.body != question.body
    for name, value in fields.items():  # title, slug, phase, product
        setattr(question, name, value)
    question.body = prepared.body
    question.body_rendered = prepared.html
    if changed:
        question.edited_at = timezone.now()
    full_clean_in_hand(question)
    question.save()
    question.tags.set(list(tags))
    if changed:
        revision_record(
            item=question, editor=editor, title=question.title, body=prepared.body, summary=summary
        )
        edit_admit(item=question, prepared=prepared)
    return question


@transaction.atomic
def question_delete(*, question: Question, user: User) -> Question:
    permissions.check_can_delete(user, question)
    return content_delete_by_author(item=question, author=user)


def answer_create(*, question: Question, author: User, body: str) -> Answer:
    permissions.check_can_answer(author, question)
    prepared = post_prepare(author=author, kind="answer", body=body)
    return _answer_store(question=question, author=author, prepared=prepared)


@write_transaction
def _answer_store(*, question: Question, author: User, prepared: PreparedPost) -> Answer:
    answer = admitted_post(Answer, author=author, prepared=prepared, question=question)
    full_clean_in_hand(answer)
    answer.save()
    content_admitted(item=answer)
    if answer.status != ContentStatus.PENDING:  # a held answer counts once a moderator approves it
        Question.objects.filter(pk=question.pk).update(
            answer_count=F("answer_count") + 1, last_activity_at=answer.created_at
        )
    revision_record(item=answer, editor=author, body=prepared.body)
    badges_for_answer(answer=answer)
    content_posted(answer)
    return answer


def answer_edit(
    *,
    answer: Answer,
    editor: User,
    body: str,
    summary: str = "",
) -> Answer:
    """``editor`` changes ``answer``; an edit the trust rules hold sends it back to the
    queue."""
    permissions.check_can_edit(editor, answer)
    if body == answer.body:
        return answer
    prepared = post_prepare(author=editor, kind="answer", body=body, editing=answer)
    return answer_edit_write(answer=answer, editor=editor, prepared=prepared, summary=summary)


@write_transaction
def answer_edit_write(
    *, answer: Answer, editor: User, prepared: PreparedPost, summary: str
) -> Answer:
    """The writes of ``answer_edit``, as ``question_edit_write`` for questions."""
    answer.body = prepared.body
    answer.body_rendered = prepared.html
    answer.edited_at = timezone.now()
    full_clean_in_hand(answer)
    answer.save(update_fields=["body", "body_rendered", "edited_at"])
    revision_record(item=answer, editor=editor, body=prepared.body, summary=summary)
    edit_admit(item=answer, prepared=prepared)
    return answer


@transaction.atomic
def answer_delete(*, answer: Answer, user: User) -> Answer:
    return _delete_by_author(answer, user=user, recount=_count_answer)


def comment_create(
    *, question: Question, author: User, body: str, answer: Answer | None = None
) -> Comment:
    permissions.check_can_comment(author, question, answer)
    prepared = post_prepare(author=author, kind="comment", body=body.strip())
    return _comment_store(question=question, answer=answer, author=author, prepared=prepared)


@write_transaction
def _comment_store(
    *, question: Question, answer: Answer | None, author: User, prepared: PreparedPost
) -> Comment:
    comment = admitted_post(
        Comment, author=author, prepared=prepared, question=question, answer=answer
    )
    full_clean_in_hand(comment)
    comment.save()
    content_admitted(item=comment)
    if not prepared.admission.is_held:  # a held comment counts once a moderator approves it
        parent = (
            Answer.objects.filter(pk=answer.pk)
            if answer
            else Question.objects.filter(pk=question.pk)
        )
        parent.update(comment_count=F("comment_count") + 1)
        Question.objects.filter(pk=question.pk).update(last_activity_at=comment.created_at)
    content_posted(comment)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: User) -> Comment:
    return _delete_by_author(comment, user=user, recount=_count_comment)


def _delete_by_author(item: Answer | Comment, *, user: User, recount) -> Answer | Comment:
    """The author withdraws an answer or comment; ``recount`` takes it off its counters."""
    permissions.check_can_delete(user, item)
    content_delete_by_author(item=item, author=user)
    recount(item, -1)
    return item


# SECTION votes


def vote_cast(*, voter: User, item: Question | Answer, value: int) -> int:
    """Set the voter's vote on ``item`` to +1, -1 or 0 (withdrawn); returns the new score.

    The score moves by the difference between the old and the new vote in one UPDATE, and a
    unique constraint allows one vote per voter, so concurrent votes never get lost.
    """
    permissions.check_can_vote(voter, item, value=value)
    check_vote_rate(voter)
    is_question = isinstance(item, Question)
    if is_question and value not in (0, 1):
        raise ValueError("Questions take upvotes only.")
    if value not in (-1, 0, 1):
        raise ValueError("A vote is -1, 0 or 1.")
    vote_model = QuestionVote if is_question else AnswerVote
    target = {"question": item} if is_question else {"answer": item}
    for attempt in range(2):
        try:
            with transaction.atomic():
                existing = (
                    vote_model.objects.select_for_update().filter(voter=voter, **target).first()
                )
                old = existing.value if existing else 0
                if value == old:
                    break
                if value == 0:
                    existing.delete()
                elif existing:
                    existing.value = value
                    existing.save(update_fields=["value"])
                else:
                    vote_model.objects.create(voter=voter, value=value, **target)
                type(item).objects.filter(pk=item.pk).update(score=F("score") + (value - old))
                reputation_vote_apply(
                    recipient=item.author,
                    voter=voter,
                    source=item,
                    old_value=old,
                    new_value=value,
                    up_kind=QaEventKind.QUESTION_UPVOTED
                    if is_question
                    else QaEventKind.ANSWER_UPVOTED,
                    down_kind=None if is_question else QaEventKind.ANSWER_DOWNVOTED,
                    product_id=item.product_id if is_question else item.question.product_id,
                )
                break
        except IntegrityError:
            # Another request by the same voter inserted first: read it again and retry.
            if attempt:
                raise
    return type(item).objects.values_list("score", flat=True).get(pk=item.pk)


# SECTION accepting and official answers


@transaction.atomic
def answer_accept(*, answer: Answer, user: User) -> Question:
    """Accept ``answer`` for its question, or un-accept it if it already is accepted."""
    permissions.check_can_accept(user, answer)
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    previous_id = question.accepted_answer_id
    question.accepted_answer = None if previous_id == answer.pk else answer
    question.save(update_fields=["accepted_answer"])
    if previous_id:
        reputation_reverse(kind=QaEventKind.ANSWER_ACCEPTED, source=Answer(pk=previous_id))
    if question.accepted_answer_id:
        author_earns(
            QaEventKind.ANSWER_ACCEPTED, answer, actor=user, product_id=question.product_id
        )
        if answer.author_id != question.author_id:
            badge_award(user=answer.author, badge=Badge.FIRST_ACCEPTED_ANSWER)
    if question.author_id != user.pk:
        action = (
            AuditAction.ACCEPT_ON_BEHALF
            if question.accepted_answer_id
            else AuditAction.UNACCEPT_ON_BEHALF
        )
        audit_record(actor=user, action=action, target=answer)
    if question.accepted_answer_id == answer.pk:
        qa_notifications.answer_marked(answer, by=user, official=False)
        qa_webhooks.answer_marked(answer, official=False)
    return question


@transaction.atomic
def answer_mark_official(*, answer: Answer, staff: User) -> Question:
    """Mark ``answer`` as the shop's official answer, or take the mark away again."""
    check_is_community_staff(staff)
    if answer.status != ContentStatus.PUBLISHED:
        permissions.check_can_accept(staff, answer)  # raises the same clear refusal
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    previous_id = question.official_answer_id
    unmark = previous_id == answer.pk
    question.official_answer = None if unmark else answer
    question.save(update_fields=["official_answer"])
    if previous_id:
        reputation_reverse(kind=QaEventKind.ANSWER_OFFICIAL, source=Answer(pk=previous_id))
    if not unmark:
        author_earns(
            QaEventKind.ANSWER_OFFICIAL, answer, actor=staff, product_id=question.product_id
        )
    audit_record(
        actor=staff,
        action=AuditAction.UNMARK_OFFICIAL if unmark else AuditAction.MARK_OFFICIAL,
        target=answer,
    )
    if not unmark:
        qa_notifications.answer_marked(answer, by=staff, official=True)
        qa_webhooks.answer_marked(answer, official=True)
    return question


# SECTION staff actions


@transaction.atomic
def question_set_locked(
    *, question: Question, staff: User, locked: bool, reason: str = ""
) -> Question:
    return staff_switch_set(item=question, staff=staff, field="is_locked", on=locked, reason=reason)


@transaction.atomic
def question_close_as_duplicate(
    *, question: Question, original: Question, staff: User, reason: str = ""
) -> Question:
    check_is_community_staff(staff)
    return _duplicate_close(question=question, original=original, actor=staff, reason=reason)


@transaction.atomic
def question_close_by_community(
    *, question: Question, original: Question, voter: User, reason: str
) -> Question:
    """Close ``question`` as a duplicate because enough members voted so (their privilege is
    checked by ``close_votes.close_vote_cast``). The audit log names the
    member whose vote closed it; the reason says it was the community's vote."""
    return _duplicate_close(question=question, original=original, actor=voter, reason=reason)


def duplicate_original_check(*, question: Question, original: Question) -> None:
    """Raise ValidationError unless ``original`` can be what ``question`` duplicates."""
    if original.pk == question.pk or original.duplicate_of_id == question.pk:
        raise ValidationError(_("A question cannot be a duplicate of itself."))
    if original.status != ContentStatus.PUBLISHED:
        raise ValidationError(_("The original question must be public."))


def _duplicate_close(*, question: Question, original: Question, actor: User, reason: str):
    duplicate_original_check(question=question, original=original)
    question.duplicate_of = original
    question.save(update_fields=["duplicate_of"])
    audit_record(actor=actor, action=AuditAction.CLOSE_DUPLICATE, target=question, reason=reason)
    qa_notifications.question_closed_as_duplicate(question, by=actor)
    return question


@transaction.atomic
def question_reopen(*, question: Question, staff: User, reason: str = "") -> Question:
    check_is_community_staff(staff)
    question.duplicate_of = None
    question.save(update_fields=["duplicate_of"])
    audit_record(actor=staff, action=AuditAction.REOPEN, target=question, reason=reason)
    return question


def post_status_changed(*, item: Question | Answer | Comment, previous: str) -> None:
    """Moderation changed ``item``'s status (staff hid, restored, approved or deleted it, or
    reports hid it): put the counters right, and when a held post comes out, make it count as
    new activity."""
    was_public = previous == ContentStatus.PUBLISHED
    is_public = item.status == ContentStatus.PUBLISHED
    if is_public != was_public:
        _count(item, +1 if is_public else -1)
    if not is_public:
        return
    if previous == ContentStatus.PENDING:
        # Others see it only now: the question becomes recently active, as it would have
        # when the post had been published at once.
        question_id = item.pk if isinstance(item, Question) else item.question_id
        Question.objects.filter(pk=question_id).update(last_activity_at=timezone.now())
    if isinstance(item, Answer):
        # A held first answer earns its badges when staff approve it.
        badges_for_answer(answer=item)


def _count(item, delta: int) -> None:
    if isinstance(item, Answer):
        _count_answer(item, delta)
    elif isinstance(item, Comment):
        _count_comment(item, delta)


def _count_answer(answer: Answer, delta: int) -> None:
    Question.objects.filter(pk=answer.question_id).update(answer_count=F("answer_count") + delta)


def _count_comment(comment: Comment, delta: int) -> None:
    if comment.answer_id:
        Answer.objects.filter(pk=comment.answer_id).update(comment_count=F("comment_count") + delta)
    else:
        Question.objects.filter(pk=comment.question_id).update(
            comment_count=F("comment_count") + delta
        )
