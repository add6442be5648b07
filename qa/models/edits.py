from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.common.models import NewestFirst, link, member_link, optional_link

from ..enums import SuggestedEditStatus


class SuggestedEdit(NewestFirst):
    """A member's proposed improvement to someone else's question (title and text) or answer
    (text). It waits until the author, a member who may edit others' posts, or staff accepts
    it (then it is applied as a revision by the suggester) or rejects it (it stays on record)."""

    question = link("qa.Question", _("question"), related_name="suggested_edits")
    # Empty when the suggestion is for the question itself.
    answer = link("qa.Answer", _("answer"), related_name="suggested_edits", null=True, blank=True)
    suggester = member_link(_("suggested by"), related_name="suggested_edits")
    # The post as the suggester saw it: accepting refuses when the post changed since.
    base_title = models.CharField(_("title before"), max_length=300, blank=True)
    base_body = models.TextField(_("text before"), blank=True)
    title = models.CharField(_("proposed title"), max_length=300, blank=True)
    body = models.TextField(_("proposed text"))
    summary = models.CharField(_("what was improved"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestedEditStatus.choices,
        default=SuggestedEditStatus.PENDING,
    )
    decided_by = optional_link(settings.AUTH_USER_MODEL, _("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("suggested at"), auto_now_add=True)

    class Meta(NewestFirst.Meta):
        verbose_name = _("suggested edit")
        verbose_name_plural = _("suggested edits")
        constraints = [
            # One pending suggestion per post at a time.
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(status=SuggestedEditStatus.PENDING, answer__isnull=True),
                name="suggested_edit_one_pending_per_question",
            ),
            models.UniqueConstraint(
                fields=["answer"],
                condition=Q(status=SuggestedEditStatus.PENDING, answer__isnull=False),
                name="suggested_edit_one_pending_per_answer",
            ),
        ]
        indexes = [
            models.Index(fields=["question", "status"], name="suggested_edit_question_idx"),
        ]

    def __str__(self) -> str:
        target = f"answer #{self.answer_id}" if self.answer_id else f"question #{self.question_id}"
        return f"Edit to {target} by {self.suggester_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("qa:suggested-edit-detail", args=[self.pk])

    @property
    def target(self):
        """The post this suggestion changes: the answer, or else the question."""
        return self.answer if self.answer_id else self.question

    @property
    def is_pending(self) -> bool:
        return self.status == SuggestedEditStatus.PENDING
