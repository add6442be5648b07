"""Product questions, their answers and comments, and the votes on them.

Counters (score, answer count, last activity) are kept on the rows themselves so that lists
never count or sum per item; services change them with single UPDATE ... SET x = x + n
statements, which stay exact under concurrent requests.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.search import index

from community.common.buying_phase import Phase
from community.common.models import (
    EditableBody,
    RenderedBody,
    author_link,
    member_link,
    optional_link,
)
from community.moderation.enums import ContentStatus
from community.moderation.models import ModeratedContent, Thread, thread_search_fields

from ..enums import VoteValue


class Question(Thread, index.Indexed, ModeratedContent, EditableBody):
    author = author_link(_("asked by"), related_name="questions")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    body = models.TextField(_("details"), blank=True)
    product = optional_link("cms.ProductPage", _("product"), related_name="questions")
    phase = models.CharField(_("about"), max_length=8, choices=Phase.choices)
    tags = TaggableManager(_("tags"), blank=True)

    score = models.IntegerField(_("score"), default=0)
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    accepted_answer = optional_link("Answer")
    official_answer = optional_link("Answer")
    is_locked = models.BooleanField(_("locked"), default=False)
    duplicate_of = optional_link("self", _("duplicate of"), related_name="duplicates")
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        indexes = [
            models.Index(fields=["status", "-last_activity_at"], name="qa_question_active_idx"),
            models.Index(fields=["status", "-created_at"], name="qa_question_newest_idx"),
            models.Index(fields=["status", "-score"], name="qa_question_votes_idx"),
            models.Index(
                fields=["status", "answer_count", "-created_at"], name="qa_question_unanswered_idx"
            ),
            models.Index(fields=["product", "status", "-score"], name="qa_question_product_idx"),
        ]

    # Site search (community/search): the title counts most, then the details and the
    # published answers' text.
    search_fields = thread_search_fields("body", filtered=("phase",))
    detail_url_name = "qa:question-detail"
    replies_name = "answers"

    @property
    def is_answered(self) -> bool:
        return self.answer_count > 0

    @property
    def is_open(self) -> bool:
        return (
            self.status == ContentStatus.PUBLISHED
            and not self.is_locked
            and not self.duplicate_of_id
        )


class Answer(ModeratedContent, EditableBody):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = author_link(_("answered by"), related_name="answers")
    body = models.TextField(_("answer"))
    score = models.IntegerField(_("score"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        indexes = [models.Index(fields=["question", "status", "-score"], name="qa_answer_rank_idx")]

    def __str__(self) -> str:
        return (
            _("Answer to “%(title)s”") % {"title": self.question.title} if self.question_id else ""
        )

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"


class Comment(ModeratedContent, RenderedBody):
    """A short remark under a question or, when ``answer`` is set, under one of its answers."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="comments")
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = author_link(related_name="qa_comments")
    body = models.TextField(_("comment"), max_length=600)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["question", "created_at"], name="qa_comment_question_idx")]

    def __str__(self) -> str:
        return _("Comment by %(author)s") % {"author": self.author}

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#comment-{self.pk}"


class QuestionVote(models.Model):
    """An upvote on a question (questions take no downvotes)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    voter = member_link(related_name="question_votes")
    value = models.SmallIntegerField(choices=VoteValue.choices, default=VoteValue.UP)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["voter", "question"], name="qa_one_vote_per_question"),
            models.CheckConstraint(condition=Q(value=1), name="qa_question_vote_is_up"),
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} → question {self.question_id}: {self.value:+d}"


class AnswerVote(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="votes")
    voter = member_link(related_name="answer_votes")
    value = models.SmallIntegerField(choices=VoteValue.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["voter", "answer"], name="qa_one_vote_per_answer"),
            models.CheckConstraint(
                condition=Q(value__in=[1, -1]), name="qa_answer_vote_is_up_or_down"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} → answer {self.answer_id}: {self.value:+d}"
