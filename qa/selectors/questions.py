"""Reads for Q&A pages: each returns what a page needs in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, partial

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem
from wagtail.images import get_image_model

from cms.translation import title_in_reader_language
from community.accounts.models import User
from community.accounts.permissions import is_community_staff
from community.common.prepared_queries import PreparedQuery
from community.moderation.enums import ContentStatus
from community.moderation.selectors import staff_labels_known, staff_labels_numbered
from community.notifications.selectors import follow_of
from shop.selectors import verified_buyers_of

from ..enums import AnsweredFilter, QuestionOrder, SuggestedEditStatus
from ..models import Answer, AnswerVote, Comment, Question, QuestionVote, SuggestedEdit
from .close_votes import CloseVoteState, close_vote_state, close_votes_on
from .edits import PendingEdits

# The product's thumbnail beside a question in a list (shown at half this size, sharp on
# high-density screens); its renditions are prefetched with the rows.
QUESTION_ROW_PRODUCT_IMAGE = "fill-96x96"

_ORDERINGS = {
    QuestionOrder.NEWEST: ("-created_at", "-pk"),
    QuestionOrder.ACTIVE: ("-last_activity_at", "-pk"),
    QuestionOrder.VOTES: ("-score", "-last_activity_at", "-pk"),
    QuestionOrder.UNANSWERED: ("-created_at", "-pk"),
}


def question_list(
    *,
    order: str = QuestionOrder.ACTIVE,
    product_id: int | None = None,
    tag: str | None = None,
    phase: str | None = None,
    answered: str | None = None,
) -> QuerySet:
    """The ids of the public questions a listing shows, in order.

    Paginate these, then load the page's rows with :func:`question_rows`: joining authors and
    products only for the rows shown keeps deep pages as fast as the first.
    """
    questions = Question.objects.filter(status=ContentStatus.PUBLISHED)
    if order == QuestionOrder.UNANSWERED:
        answered = AnsweredFilter.UNANSWERED
    if product_id:
        questions = questions.filter(product_id=product_id)
    if tag:
        questions = questions.filter(tags__slug=tag)
    if phase:
        questions = questions.filter(phase=phase)
    if answered == AnsweredFilter.ANSWERED:
        questions = questions.filter(answer_count__gt=0)
    elif answered == AnsweredFilter.UNANSWERED:
        questions = questions.filter(answer_count=0)
    ordering = _ORDERINGS.get(order, _ORDERINGS[QuestionOrder.ACTIVE])
    return questions.order_by(*ordering).values_list("pk", flat=True)


def question_rows(ids: list[int]) -> list[Question]:
    """List rows for these question ids, in the same order, with tags and the product's
    thumbnail image attached (two queries, two more when a listed product has an image).
    ``product_title`` is in the reader's language (joined, no query more)."""
    if not ids:
        return []
    # The marks count only while the marked answer is public (hiding keeps them for a restore).
    public_answers = Answer.objects.filter(status=ContentStatus.PUBLISHED)
    rows = (
        Question.objects.filter(pk__in=ids)
        .select_related("author")
        .defer("body", "body_rendered")
        .annotate(
            product_title=title_in_reader_language("product"),
            product_image_id=F("product__image_id"),
            has_accepted_answer=Exists(public_answers.filter(pk=OuterRef("accepted_answer_id"))),
            has_official_answer=Exists(public_answers.filter(pk=OuterRef("official_answer_id"))),
        )
    )
    by_id = {question.pk: question for question in rows}
    for question in by_id.values():
        question.tag_list = []
    _attach_product_images(list(by_id.values()))
    tagged = (
        TaggedItem.objects.filter(
            content_type__app_label=Question._meta.app_label,
            content_type__model=Question._meta.model_name,
            object_id__in=ids,
        )
        .order_by("tag__name")
        .values_list("object_id", "tag__name", "tag__slug")
    )
    for object_id, name, slug in tagged:
        by_id[object_id].tag_list.append(QuestionTag(name, slug))
    return [by_id[pk] for pk in ids if pk in by_id]


def _attach_product_images(questions: list[Question]) -> None:
    """Set ``product_image`` (or None) on each row: the images with their list rendition."""
    image_ids = {question.product_image_id for question in questions if question.product_image_id}
    images = {}
    if image_ids:
        images = (
            get_image_model()
            .objects.filter(pk__in=image_ids)
            .prefetch_renditions(QUESTION_ROW_PRODUCT_IMAGE)
        )
        images = {image.pk: image for image in images}
    for question in questions:
        question.product_image = images.get(question.product_image_id)


@dataclass(frozen=True)
class QuestionTag:
    name: str
    slug: str


def question_get(pk: int) -> Question:
    """The question with its author and product; ``product_title`` in the reader's language."""
    return (
        Question.objects.select_related("author", "product", "duplicate_of", "status_changed_by")
        .defer(*User.private_fields_of("author", "status_changed_by"))
        .annotate(product_title=title_in_reader_language("product"))
        .get(pk=pk)
    )


def question_to_post_under(pk: int) -> Question:
    """The question alone, for a post under it (an answer, a comment): the permission
    checks, the write and the redirect read nothing more. A page that shows the question
    reads it with ``question_get``."""
    return Question.objects.get(pk=pk)


@dataclass
class QuestionThread:
    """A question page's content: answers in order, comments grouped; for a signed-in
    viewer, their votes, whether they follow the question, and the posts with a suggested
    edit waiting."""

    question: Question
    answers: list[Answer]
    question_comments: list[Comment]
    comments_by_answer: dict[int, list[Comment]]
    question_vote: int = 0
    answer_votes: dict[int, int] = field(default_factory=dict)
    staff_ids: set[int] = field(default_factory=set)
    viewer_follows: bool = False
    pending_edits: PendingEdits | None = None
    close_votes: CloseVoteState | None = None

    @cached_property
    def verified_owner_ids(self) -> set[int]:
        """The answerers who bought the question's product: one query, asked only when the
        answers are shown (not when a member gets them from the cache)."""
        question = self.question
        answerer_ids = {answer.author_id for answer in self.answers}
        if not (question.product_id and answerer_ids):
            return set()
        return set(
            verified_buyers_of(product=question.product)
            .filter(pk__in=answerer_ids)
            .values_list("pk", flat=True)
        )


def question_thread(
    question: Question, *, viewer, with_close_votes: bool = False, public_posts=None
) -> QuestionThread:
    """Everything the question page shows, in five queries whatever the number of answers
    (four for visitors); ``with_close_votes`` (for a member who may vote to close) adds how
    far the vote to close it has come, in the same queries. ``public_posts``, when given,
    returns ``thread_public_posts(question)`` (kept by the caller): it serves every viewer
    but staff and a member with a post of their own there that is not public, two queries
    fewer."""
    staff_view = is_community_staff(viewer)
    marks = _viewer_marks(question, viewer, with_close_votes=with_close_votes)
    if public_posts is not None and not staff_view and not marks.own_unpublished:
        answers, comments = public_posts()
    else:
        visible = Q(status=ContentStatus.PUBLISHED)
        if viewer.is_authenticated:
            visible |= Q(author_id=viewer.pk)
        if staff_view:
            visible = Q()
        answers, comments = _thread_posts(question, visible)
    comments_by_answer: dict[int, list[Comment]] = defaultdict(list)
    question_comments = []
    for comment in comments:
        if comment.answer_id:
            comments_by_answer[comment.answer_id].append(comment)
        else:
            question_comments.append(comment)
    authors = {question.author} | {a.author for a in answers}
    return QuestionThread(
        question=question,
        answers=answers,
        question_comments=question_comments,
        comments_by_answer=dict(comments_by_answer),
        question_vote=marks.question_vote,
        answer_votes=marks.answer_votes,
        staff_ids={u.pk for u in authors if is_community_staff(u)},
        viewer_follows=marks.follows,
        pending_edits=marks.pending_edits,
        close_votes=marks.close_votes,
    )


def thread_public_posts(question: Question) -> tuple[list[Answer], list[Comment]]:
    """The question's public answers, in the page's order, and its public comments."""
    return _thread_posts(question, Q(status=ContentStatus.PUBLISHED))


def _thread_posts(question: Question, visible: Q) -> tuple[list[Answer], list[Comment]]:
    answers = list(
        question.answers.filter(visible)
        .select_related("author")
        .defer(*User.private_fields_of("author"))
        .annotate(
            rank=Case(
                When(pk=question.accepted_answer_id or 0, then=Value(0)),
                When(pk=question.official_answer_id or 0, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "-score", "created_at", "pk")
    )
    comments = list(
        question.comments.filter(visible)
        .select_related("author")
        .defer(*User.private_fields_of("author"))
    )
    return answers, comments


# A row of the viewer's marks: (which mark, the answer's id or 0 for the question (for a close
# vote: the original's id), value).
_VOTE, _PENDING_EDIT, _FOLLOW, _STAFF_LABEL, _CLOSE_VOTE, _OWN_UNPUBLISHED = range(6)


@dataclass
class _ViewerMarks:
    question_vote: int = 0
    answer_votes: dict[int, int] = field(default_factory=dict)
    follows: bool = False
    pending_edits: PendingEdits | None = None
    close_votes: CloseVoteState | None = None
    own_unpublished: bool = False


def _viewer_marks(question: Question, viewer, *, with_close_votes: bool) -> _ViewerMarks:
    """What the page shows only to a signed-in viewer, in one query (a union): their votes
    on the question and its answers, the posts with a suggested edit waiting, whether they
    follow the question, whether an answer or comment of theirs there is not public, for
    staff the question's staff labels, and when asked the votes to close it (as original id
    and voter id)."""
    found = _ViewerMarks()
    if not viewer.is_authenticated:
        return found
    staff_view = is_community_staff(viewer)
    if staff_view:
        rows = _marks_union(question, viewer, staff_view=True, with_close_votes=with_close_votes)
    else:
        # A member's: the same SQL for every question and member, built once per process.
        _, rows = _MEMBER_MARKS[with_close_votes].rows(question=question.pk, viewer=viewer.pk)
    pending = found.pending_edits = PendingEdits()
    label_numbers, close_votes = [], []
    for mark, ref, value in rows:
        if mark == _VOTE and ref:
            found.answer_votes[ref] = value
        elif mark == _VOTE:
            found.question_vote = value
        elif mark == _PENDING_EDIT and ref:
            pending.answer_edit_ids[ref] = value
        elif mark == _PENDING_EDIT:
            pending.question_edit_id = value
        elif mark == _FOLLOW:
            found.follows = True
        elif mark == _OWN_UNPUBLISHED:
            found.own_unpublished = True
        elif mark == _STAFF_LABEL:
            label_numbers.append(value)
        else:
            close_votes.append((ref, value))  # (original id, voter id)
    if staff_view:
        staff_labels_known(question, label_numbers)
    if with_close_votes:
        found.close_votes = close_vote_state(close_votes, viewer=viewer)
    return found


def _marks_union(question, viewer, *, staff_view: bool, with_close_votes: bool) -> QuerySet:
    """The union ``_viewer_marks`` reads: rows of (which mark, the answer's id or 0, value)."""
    not_public = ~Q(status=ContentStatus.PUBLISHED)
    marks = [
        QuestionVote.objects.filter(question=question, voter=viewer).values_list(
            Value(_VOTE), Value(0), "value"
        ),
        AnswerVote.objects.filter(answer__question=question, voter=viewer).values_list(
            Value(_VOTE), "answer_id", "value"
        ),
        SuggestedEdit.objects.filter(question=question, status=SuggestedEditStatus.PENDING)
        .order_by()
        .values_list(Value(_PENDING_EDIT), Coalesce("answer_id", Value(0)), "pk"),
        follow_of(user=viewer, target=question).values_list(Value(_FOLLOW), Value(0), Value(1)),
        Answer.objects.filter(not_public, question=question, author=viewer).values_list(
            Value(_OWN_UNPUBLISHED), Value(0), "pk"
        ),
        Comment.objects.filter(not_public, question=question, author=viewer).values_list(
            Value(_OWN_UNPUBLISHED), Value(0), "pk"
        ),
    ]
    if staff_view:
        labels = staff_labels_numbered(question)
        marks.append(labels.values_list(Value(_STAFF_LABEL), Value(0), "number"))
    if with_close_votes:
        votes = close_votes_on(question)
        marks.append(votes.values_list(Value(_CLOSE_VOTE), "original_id", "voter_id"))
    first, *others = (rows.order_by() for rows in marks)
    return first.union(*others, all=True)


def _member_marks_union(*, question: int, viewer: int, with_close_votes: bool) -> QuerySet:
    return _marks_union(
        Question(pk=question),
        User(pk=viewer),
        staff_view=False,
        with_close_votes=with_close_votes,
    )


_MEMBER_MARKS = {
    with_close_votes: PreparedQuery(partial(_member_marks_union, with_close_votes=with_close_votes))
    for with_close_votes in (False, True)
}


@dataclass(frozen=True)
class ProductQuestions:
    questions: list[Question]
    total: int


def vote_of(voter, item: Question | Answer) -> int:
    """``voter``'s vote on ``item`` as it stands: +1, -1, or 0 for none."""
    if isinstance(item, Question):
        votes = QuestionVote.objects.filter(question=item, voter=voter)
    else:
        votes = AnswerVote.objects.filter(answer=item, voter=voter)
    return votes.values_list("value", flat=True).first() or 0


def questions_for_product(product, *, limit: int = 5) -> ProductQuestions:
    """The product's most useful questions with their best answer joined, and how many there are."""
    public = Question.objects.filter(product=product, status=ContentStatus.PUBLISHED)
    questions = list(
        public.select_related("accepted_answer__author", "official_answer__author").order_by(
            "-score", "-answer_count", "-last_activity_at"
        )[:limit]
    )
    total = len(questions) if len(questions) < limit else public.count()
    return ProductQuestions(questions=questions, total=total)


def public_answer_or_none(answer: Answer | None) -> Answer | None:
    """``answer`` when the public may see it: a mark on an answer that was hidden later stays
    (for a restore) but shows nothing."""
    if answer is None or answer.status != ContentStatus.PUBLISHED:
        return None
    return answer


def questions_with_marked_answers(ids: list[int]) -> list[Question]:
    """Public questions for these ids, in the same order, each with ``accepted`` and
    ``official`` set to its marked answer when that answer is public, else None (one query)."""
    if not ids:
        return []
    rows = Question.objects.filter(pk__in=ids, status=ContentStatus.PUBLISHED).select_related(
        "author", "accepted_answer__author", "official_answer__author", "product"
    )
    by_id = {question.pk: question for question in rows}
    for question in by_id.values():
        question.accepted = public_answer_or_none(question.accepted_answer)
        question.official = public_answer_or_none(question.official_answer)
        for answer in (question.accepted, question.official):
            if answer is not None:
                answer.question = question  # its address needs the question's
    return [by_id[pk] for pk in ids if pk in by_id]


def helpful_questions_with_answers(product, *, limit: int = 3) -> list[Question]:
    """The product's most helpful public questions that have a public answer, each with
    ``best_answer``: the accepted one, else the official one, else the highest scored, which
    knows whether it ``is_accepted`` and ``is_official`` (three queries)."""
    public_answers = Answer.objects.filter(status=ContentStatus.PUBLISHED)
    ids = list(
        Question.objects.filter(product=product, status=ContentStatus.PUBLISHED)
        .filter(Exists(public_answers.filter(question=OuterRef("pk"))))
        .order_by("-score", "-answer_count", "-last_activity_at", "-pk")
        .values_list("pk", flat=True)[:limit]
    )
    questions = questions_with_marked_answers(ids)
    top: dict[int, Answer] = {}
    for answer in (
        public_answers.filter(question_id__in=ids)
        .select_related("author")
        .order_by("question_id", "-score", "created_at", "pk")
    ):
        top.setdefault(answer.question_id, answer)
    for question in questions:
        best = question.accepted or question.official or top.get(question.pk)
        if best is not None:
            best.question = question
            best.is_accepted = best.pk == question.accepted_answer_id
            best.is_official = best.pk == question.official_answer_id
        question.best_answer = best
    return questions
