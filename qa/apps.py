from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QaConfig(AppConfig):
    """Product questions, answers, comments, votes and reviews."""

    name = "qa"
    verbose_name = _("Questions and answers")

    def ready(self):
        self._register_moderated_kinds()

    def _register_moderated_kinds(self):
        """Questions, answers, comments and reviews are flagged and moderated like every post."""
        from community.moderation.registry import register

        from . import permissions, services
        from .models import Answer, Comment, Question, Review

        for key, label, model, related in (
            ("question", _("Question"), Question, ("author",)),
            ("answer", _("Answer"), Answer, ("author", "question")),
            ("comment", _("Comment"), Comment, ("author", "question")),
        ):
            register(
                key=key,
                label=label,
                model=model,
                can_see=permissions.can_see,
                status_changed=services.post_status_changed,
                select_related=related,
            )
        register(
            key="review",
            label=_("Review"),
            model=Review,
            can_see=permissions.can_see_review,
            status_changed=services.review_status_changed,
            restore_refusal=services.review_restore_refusal,
            select_related=("author", "product"),
        )
