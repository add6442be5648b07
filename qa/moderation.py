"""How qa's content is moderated: the kinds it registers with the moderation queue."""

from django.utils.translation import gettext_lazy as _

from community.moderation.registry import register_moderated_kind

from . import permissions, services
from .models import Answer, Comment, Question, Review


def register() -> None:
    """Questions, answers, comments and reviews are flagged and moderated like every post."""
    for key, label, model, related, options in (
        ("question", _("Question"), Question, ("author",), {"labels": True}),
        (
            "answer",
            _("Answer"),
            Answer,
            ("author", "question"),
            {"is_official": permissions.is_official_answer},
        ),
        ("comment", _("Comment"), Comment, ("author", "question"), {}),
    ):
        register_moderated_kind(
            key=key,
            label=label,
            model=model,
            can_see=permissions.can_see,
            status_changed=services.post_status_changed,
            select_related=related,
            **options,
        )
    register_moderated_kind(
        key="review",
        label=_("Review"),
        model=Review,
        can_see=permissions.can_see_review,
        status_changed=services.review_status_changed,
        restore_refusal=services.review_restore_refusal,
        select_related=("author", "product"),
    )
