"""What the apps tell the notifications floor about their content.

The floor knows no app. Each app registers, in its ``AppConfig.ready()``:

- its kinds of notification (``register_kind``) and the groups of kinds that members choose
  a delivery for (``register_group``); the floor registers its own (mentions, following,
  moderation decisions, help requests) the same way;
- what members can follow (``register_follow_target``): a key, a model, the app's one "can
  see" check, and the words of the follow button;
- how to announce a post that just became public (``register_announcer``), which
  ``events.content_published`` dispatches to;
- every kind of e-mail it sends (``register_mail_kind``): the preference centre lists them,
  and the one mail path (``mail.deliver``) checks the member's switch and weekly budget
  against them.

Registration happens once at start-up; afterwards these tables are only read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete


@dataclass(frozen=True)
class RegisteredGroup:
    """Related kinds that a member chooses one delivery for, on the settings page."""

    key: str
    label: str
    default_channel: str
    # Where the group appears on the settings page (lower first).
    position: int


@dataclass(frozen=True)
class RegisteredKind:
    """One kind of notification: its label in lists and digests, and its e-mail subject
    (``%(text)s`` stands for the notification's text)."""

    key: str
    label: str
    group: str
    email_subject: str


@dataclass(frozen=True)
class FollowTarget:
    """Something members can follow, and how its follow button and toggle speak about it."""

    key: str
    model: type[models.Model]
    follow_label: str
    unfollow_label: str
    followed_message: str
    unfollowed_message: str
    # The owning app's "can see" check (raises PermissionDenied or Http404); None: anyone can.
    check_can_see: Callable[[object, models.Model], None] | None = None
    # Which objects can be looked up to follow (e.g. only live pages); all when None.
    queryset: Callable[[], models.QuerySet] | None = None
    # Where the toggle returns to after a plain form post; the object's page when None.
    url_of: Callable[[models.Model], str] | None = None
    # How the settings page introduces a follow of this kind ("Question:"); not listed when "".
    settings_label: str = ""

    def lookup(self) -> models.QuerySet:
        return self.queryset() if self.queryset is not None else self.model._default_manager.all()

    def url(self, target: models.Model) -> str:
        return self.url_of(target) if self.url_of is not None else target.get_absolute_url()


@dataclass(frozen=True, kw_only=True)
class MailKind:
    """One kind of e-mail the site sends, as the preference centre and the budget see it.

    ``essential`` mail (account mail: password, address confirmation, data export) is always
    sent, has no switch and does not count against the weekly budget. ``marketing`` mail is
    only sent with the member's consent where ``MAIL_MARKETING_REQUIRES_CONSENT`` is on (the
    sign-up form asks for it); ``default`` is whether it is on for a member who never chose.
    ``notification_groups`` are the groups of notifications whose e-mail is of this kind
    (the others are ordinary notification e-mail). ``for_staff`` mail is listed for staff only.
    ``switched(user, enabled)``, when given, is told each time the member switches the kind,
    for what the sending app keeps of its own (e.g. addresses that opted out by link).
    """

    key: str
    label: str
    help_text: str = ""
    essential: bool = False
    marketing: bool = False
    default: bool = True
    position: int
    notification_groups: tuple[str, ...] = ()
    for_staff: bool = False
    switched: Callable[[Any, bool], None] | None = None

    @property
    def switchable(self) -> bool:
        return not self.essential


_groups: dict[str, RegisteredGroup] = {}
_kinds: dict[str, RegisteredKind] = {}
_follow_targets: dict[str, FollowTarget] = {}
_follow_target_of_model: dict[type[models.Model], FollowTarget] = {}
_announcers: dict[type[models.Model], Callable[[models.Model], None]] = {}
# What an announcer reads of its item, loaded with it (select_related paths) when the item is
# read again to be announced after its write.
_announced_with: dict[type[models.Model], tuple[str, ...]] = {}
_mail_kinds: dict[str, MailKind] = {}


# SECTION registering


def register_group(*, key: str, label: str, default_channel: str, position: int) -> None:
    _groups[key] = RegisteredGroup(
        key=key, label=label, default_channel=default_channel, position=position
    )


def register_kind(*, key: str, label: str, group: str, email_subject: str) -> None:
    _kinds[key] = RegisteredKind(key=key, label=label, group=group, email_subject=email_subject)


def register_groups(groups, *, default_channels: Mapping, positions: Mapping) -> None:
    """Register each of ``groups`` (choices: the value is the key, the label the name) with
    its default channel and its position on the settings page."""
    for group in groups:
        register_group(
            key=group.value,
            label=group.label,
            default_channel=default_channels[group],
            position=positions[group],
        )


def register_kinds(kinds, *, groups: Mapping, email_subjects: Mapping) -> None:
    """Register each of ``kinds`` (choices members, in the order given) in its group, with
    the subject of its e-mail."""
    for kind in kinds:
        register_kind(
            key=kind.value, label=kind.label, group=groups[kind], email_subject=email_subjects[kind]
        )


def register_follow_target(**fields) -> None:
    """Let members follow ``model`` under ``key`` (see ``FollowTarget`` for the fields).

    Follows point at their target by key and id, so when a target is deleted its follows
    are deleted with it here.
    """
    target = FollowTarget(**fields)
    _follow_targets[target.key] = target
    _follow_target_of_model[target.model] = target
    post_delete.connect(
        _forget_follows_of_deleted,
        sender=target.model,
        dispatch_uid=f"notifications-follows-{target.key}",
    )


def register_announcer(
    model: type[models.Model],
    announce: Callable[[models.Model], None],
    *,
    reads: tuple[str, ...] = (),
):
    """``announce(item)`` tells who should hear that ``item`` (a ``model``) is public now;
    ``reads``: the related rows it reads (select_related paths), loaded with the item."""
    _announcers[model] = announce
    _announced_with[model] = reads


def register_mail_kind(*, key: str, label: str | None = None, **fields) -> None:
    """Declare a kind of e-mail the site sends (see ``MailKind`` for the fields). A key
    from a choices enum brings its own label; a plain string key needs ``label``."""
    kind = MailKind(key=key, label=key.label if label is None else label, **fields)
    _mail_kinds[kind.key] = kind


def _forget_follows_of_deleted(sender, instance, **kwargs) -> None:
    # By name: the models read this registry for their choices.
    follow_model = apps.get_model("notifications", "Follow")
    follow_model.objects.filter(
        target_type=_follow_target_of_model[sender].key, target_id=instance.pk
    ).delete()


# SECTION reading


def groups() -> list[RegisteredGroup]:
    """Every group, in the order of the settings page."""
    return sorted(_groups.values(), key=lambda group: group.position)


def group(key: str) -> RegisteredGroup:
    return _groups[key]


def group_keys() -> list[str]:
    return [group.key for group in groups()]


def group_choices() -> list[tuple[str, str]]:
    """For the model field: every group's key and label."""
    return [(group.key, group.label) for group in groups()]


def kind(key: str) -> RegisteredKind:
    return _kinds[key]


def kind_choices() -> list[tuple[str, str]]:
    """For the model field: every kind's key and label."""
    return [(kind.key, kind.label) for kind in _kinds.values()]


def kinds_in(group_key: str) -> list[str]:
    return [kind.key for kind in _kinds.values() if kind.group == group_key]


def follow_target(key: str) -> FollowTarget:
    """The follow target registered as ``key``; LookupError when there is none."""
    try:
        return _follow_targets[key]
    except KeyError:
        raise LookupError(key) from None


def follow_targets() -> list[FollowTarget]:
    return list(_follow_targets.values())


def follow_target_of(item: models.Model) -> FollowTarget:
    """The follow target ``item`` is (a TypeError when it cannot be followed)."""
    for model in type(item).__mro__:
        if model in _follow_target_of_model:
            return _follow_target_of_model[model]
    raise TypeError(f"Cannot follow {type(item).__name__}")


def announcer_of(item: models.Model) -> Callable[[models.Model], None] | None:
    for model in type(item).__mro__:
        if model in _announcers:
            return _announcers[model]
    return None


def announced_with(model: type[models.Model]) -> tuple[str, ...]:
    """The related rows ``model``'s announcer reads (``register_announcer``'s ``reads``)."""
    for base in model.__mro__:
        if base in _announced_with:
            return _announced_with[base]
    return ()


def mail_kinds() -> list[MailKind]:
    """Every kind of e-mail, in the order of the preference centre."""
    return sorted(_mail_kinds.values(), key=lambda kind: kind.position)


def mail_kind(key: str) -> MailKind:
    """The kind of e-mail registered as ``key``; LookupError when there is none."""
    try:
        return _mail_kinds[key]
    except KeyError:
        raise LookupError(key) from None


def mail_kind_of_group(group_key: str, *, otherwise: str) -> str:
    """The kind of e-mail that notifications of ``group_key`` are sent as: the kind that
    claimed the group, or ``otherwise`` (ordinary notification e-mail)."""
    for kind in _mail_kinds.values():
        if group_key in kind.notification_groups:
            return kind.key
    return otherwise
