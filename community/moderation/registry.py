"""The one list of what members can flag and moderators decide on, across every app.

Each kind names its model and the owning app's own staff services for hiding and restoring
(so that the app's rules and counters stay right), plus the app's counter refresh for the
status changes moderation makes itself (automatic hiding, staff deletion). Dotted paths keep
this module free of imports from the apps, which import moderation themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ModeratedKind:
    """How moderation handles one kind of post."""

    key: str
    label: Promise
    model_label: str
    hide_service: str  # called as hide_service(<item_argument>=item, staff=..., reason=...)
    restore_service: str  # called as restore_service(<item_argument>=item, staff=...)
    counters_refresh: str  # called as counters_refresh(item=item, was_public=bool)
    item_argument: str = "item"
    # The field holding the text a member typed (None: the text lives elsewhere).
    text_field: str | None = "body"
    # What the queue loads with each item, so that rows cost no further queries.
    select_related: tuple[str, ...] = ("author",)
    # Further conditions for an item to count as public (a post inside a held topic is not).
    public_filter: tuple[tuple[str, str], ...] = ()

    @cached_property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)

    def hide(self, *, item, staff, reason: str) -> None:
        import_string(self.hide_service)(**{self.item_argument: item}, staff=staff, reason=reason)

    def restore(self, *, item, staff) -> None:
        import_string(self.restore_service)(**{self.item_argument: item}, staff=staff)

    def refresh_counters(self, *, item, was_public: bool) -> None:
        import_string(self.counters_refresh)(item=item, was_public=was_public)


KINDS: dict[str, ModeratedKind] = {
    kind.key: kind
    for kind in (
        ModeratedKind(
            key="question",
            label=_("Question"),
            model_label="qa.Question",
            hide_service="qa.services.post_hide",
            restore_service="qa.services.post_restore",
            counters_refresh="qa.services.post_counters_refresh",
        ),
        ModeratedKind(
            key="answer",
            label=_("Answer"),
            model_label="qa.Answer",
            hide_service="qa.services.post_hide",
            restore_service="qa.services.post_restore",
            counters_refresh="qa.services.post_counters_refresh",
            select_related=("author", "question"),
        ),
        ModeratedKind(
            key="comment",
            label=_("Comment"),
            model_label="qa.Comment",
            hide_service="qa.services.post_hide",
            restore_service="qa.services.post_restore",
            counters_refresh="qa.services.post_counters_refresh",
            select_related=("author", "question"),
        ),
        ModeratedKind(
            key="topic",
            label=_("Topic"),
            model_label="forum.Topic",
            hide_service="forum.services.moderate_hide",
            restore_service="forum.services.moderate_restore",
            counters_refresh="forum.services.post_counters_refresh",
            text_field=None,
            select_related=("author", "first_post"),
        ),
        ModeratedKind(
            key="post",
            label=_("Forum post"),
            model_label="forum.Post",
            hide_service="forum.services.moderate_hide",
            restore_service="forum.services.moderate_restore",
            counters_refresh="forum.services.post_counters_refresh",
            select_related=("author", "topic"),
            public_filter=(("topic__status", "published"),),
        ),
        ModeratedKind(
            key="review",
            label=_("Review"),
            model_label="qa.Review",
            hide_service="qa.services.review_hide",
            restore_service="qa.services.review_restore",
            counters_refresh="community.moderation.registry.review_counters_refresh",
            item_argument="review",
            select_related=("author", "product"),
        ),
    )
}


def kind_for_model(model) -> ModeratedKind | None:
    label = model._meta.label
    return next((kind for kind in KINDS.values() if kind.model_label == label), None)


def kind_for(item) -> ModeratedKind:
    kind = kind_for_model(type(item))
    if kind is None:
        raise LookupError(f"{type(item).__name__} is not moderated content.")
    return kind


def kind_for_content_type_id(content_type_id: int) -> ModeratedKind | None:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return kind_for_model(model) if model else None


def review_counters_refresh(*, item, was_public: bool) -> None:
    """A review's visibility changed: the product's rating counts published reviews only."""
    from qa.services import rating_summary_refresh

    rating_summary_refresh(product_id=item.product_id)


def excerpt_source(item) -> str:
    """The stored HTML of what the author wrote, for excerpts in the queue."""
    if kind_for(item).key == "topic":
        return item.first_post.body_rendered if item.first_post_id else ""
    return getattr(item, "body_rendered", "")


def title_for(item) -> str:
    """A short, human name for an item in lists: the title where it has one."""
    return getattr(item, "title", "") or str(item)
