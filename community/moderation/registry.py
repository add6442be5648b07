"""The kinds of content members can flag and moderators decide on, filled in by the apps.

Each app that owns such content calls ``register(...)`` in its ``AppConfig.ready()``, the way
apps register models with Django's admin site: moderation itself knows no app. A kind names
its model, the app's one "can see this content" function, and the app's reaction to a status
change that moderation made (counters, last activity, badges), so that hiding, restoring,
approving and deleting go through one path for every kind while each app's numbers stay right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.functional import Promise


def _no_refusal(item) -> str:
    return ""


def _not_official(item) -> bool:
    return False


@dataclass(frozen=True)
class ModeratedKind:
    """How moderation handles one kind of post."""

    key: str
    label: Promise
    model: type[Model]
    # The owning app's one rule for who may see an item of this kind: can_see(user, item).
    can_see: Callable[[object, Model], bool]
    # Called as status_changed(item=item, previous=<status before>) after moderation changed
    # the item's status, inside the same transaction: the app puts its counters right.
    status_changed: Callable[..., None]
    # Why an item that is out of view cannot come back ("" when it can).
    restore_refusal: Callable[[Model], str] = _no_refusal
    # Whether the item speaks for the shop (an official answer): reports about it reach the
    # queue, but never hide it automatically. Posts by staff are treated so for every kind.
    is_official: Callable[[Model], bool] = _not_official
    # The stored HTML of what the author wrote, for excerpts in the queue.
    excerpt_html: Callable[[Model], str] = lambda item: getattr(item, "body_rendered", "")
    # The field holding the text a member typed (None: the text lives elsewhere).
    text_field: str | None = "body"
    # Whether the member's text is counted as a post of its own (a topic's text is its first
    # post, which is counted as a post already).
    counts_as_post: bool = True
    # What the queue loads with each item, so that rows cost no further queries.
    select_related: tuple[str, ...] = ("author",)
    # Further conditions for an item to count as public (a post inside a held topic is not).
    public_filter: tuple[tuple[str, str], ...] = ()
    # Whether staff may label items of this kind (assortment wish, product problem).
    labels: bool = False

    @property
    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)


KINDS: dict[str, ModeratedKind] = {}


def register_moderated_kind(
    *,
    key: str,
    label: Promise,
    model: type[Model],
    can_see: Callable[[object, Model], bool],
    status_changed: Callable[..., None],
    **options,
) -> ModeratedKind:
    """Make ``model`` moderated content under the name ``key`` (used in URLs and forms).

    Registering the same key for the same model again (a test runner re-running ready())
    replaces the entry; another model under a taken key is a programming error.
    """
    kind = ModeratedKind(
        key=key,
        label=label,
        model=model,
        can_see=can_see,
        status_changed=status_changed,
        **options,
    )
    existing = KINDS.get(key)
    if existing is not None and existing.model is not model:
        raise ValueError(f"The moderated kind {key!r} is taken by {existing.model.__name__}.")
    KINDS[key] = kind
    return kind


def kind_for_model(model) -> ModeratedKind | None:
    return next((kind for kind in KINDS.values() if kind.model is model), None)


def kind_for(item) -> ModeratedKind:
    kind = kind_for_model(type(item))
    if kind is None:
        raise LookupError(f"{type(item).__name__} is not moderated content.")
    return kind


def kind_for_content_type_id(content_type_id: int) -> ModeratedKind | None:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return kind_for_model(model) if model else None


def labelled_kinds() -> list[ModeratedKind]:
    """The kinds staff may label, in the order the apps registered them."""
    return [kind for kind in KINDS.values() if kind.labels]


def kind_choices() -> list[tuple[str, Promise]]:
    """The kinds for a form's choices, in the order the apps registered them."""
    return [(kind.key, kind.label) for kind in KINDS.values()]


def token_for(item) -> str:
    """How forms name an item: ``<kind>:<pk>``."""
    return f"{kind_for(item).key}:{item.pk}"


def excerpt_source(item) -> str:
    """The stored HTML of what the author wrote, for excerpts in the queue."""
    return kind_for(item).excerpt_html(item)


def title_for(item) -> str:
    """A short, human name for an item in lists: the title where it has one."""
    return getattr(item, "title", "") or str(item)
