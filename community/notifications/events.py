"""Who hears about what: the floor's own events, and what the apps' events share.

Each app's events live in its ``notifications`` module and work out the recipients, then
call ``notify`` once per kind. A member who would get two kinds for one event gets only the
most specific one (the asker mentioned in an answer to their question hears "new answer",
not also "mentioned"), so the functions notify in order of specificity and pass on who was
already told (``Told``). Nothing is sent about posts that are not public: a post held for
moderation is announced when it is approved, by calling ``content_published``, which hands it
to the announcer its app registered.

A new post is announced the same way, but later: its service calls ``content_posted`` inside
its write transaction, which hands the announcement to a background task. With the in-process
task backend it runs once the write has ended and the response has gone out (the rows other
members see later are not written while the write lock is held, nor before the poster gets
their page); with a worker, after the commit. A task that fails is recorded by the backend;
the post is saved either way.
"""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _
from django_tasks import task

from community.accounts.models import User
from community.moderation.enums import AuditAction, ContentStatus, FlagResolution

from . import registry, selectors, tasks
from .enums import NotificationKind
from .mentions import mentioned_users
from .services import follows_mark_notified, notify


class Told:
    """The members already notified about the current event."""

    def __init__(self, *user_ids: int | None):
        self.ids: set[int] = {user_id for user_id in user_ids if user_id}

    def fresh(self, users) -> list[User]:
        """Those of ``users`` not told yet (now counted as told)."""
        new = [user for user in users if user.pk not in self.ids]
        self.ids.update(user.pk for user in new)
        return new


def all_public(*items) -> bool:
    """Whether every one of ``items`` (None counts as absent) is public."""
    return all(item is None or item.status == ContentStatus.PUBLISHED for item in items)


def notify_followers(
    *, kind: str, target_type: str, targets, told: Told, remember_id: int | None = None, **common
) -> None:
    """Tell the followers of ``targets`` (ids of one target type) who were not told yet.

    With ``remember_id`` their follows record it as the last item they were told about (the
    forum's "new since" for topics and boards); without it no row is written, which keeps an
    answer to a question with many followers at its few queries.
    """
    recipients = told.fresh(selectors.followers_of(target_type=target_type, targets=targets))
    notify(kind=kind, recipients=recipients, **common)
    if remember_id is not None:
        follows_mark_notified(
            target_type=target_type,
            targets=targets,
            user_ids=[user.pk for user in recipients],
            item_id=remember_id,
        )


def notify_mentioned(*, body: str, told: Told, **common) -> None:
    """Tell the members that ``body`` mentions (other than its author, ``common["actor"]``)
    who were not told yet."""
    recipients = told.fresh(mentioned_users(body, author=common["actor"]))
    notify(kind=NotificationKind.MENTION, recipients=recipients, **common)


def content_published(item) -> None:
    """Announce a post that just became public (approved after being held), as if new."""
    _announce(item)


def content_posted(item) -> None:
    """Announce a new public post once the write that saves it has ended: call it inside
    that write. Nothing is announced when the write fails; a held post is announced when a
    moderator approves it (``content_published``)."""
    if all_public(item) and registry.announcer_of(item) is not None:
        tasks.enqueue_safely(content_announce_task, item._meta.label, item.pk)


@task()
def content_announce_task(label: str, pk: int) -> None:
    """``content_posted``'s work: the post as it was committed, with the rows its announcer
    reads (a post deleted for good since is not announced)."""
    model = apps.get_model(label)
    item = (
        model._default_manager.select_related(*registry.announced_with(model)).filter(pk=pk).first()
    )
    if item is not None:
        _announce(item)


def _announce(item) -> None:
    """Through the announcer the item's app registered; content without one is not
    announced (the announcer tells whether the item, and what it is under, is public)."""
    announce = registry.announcer_of(item)
    if announce is not None:
        announce(item)


def staff_action_recorded(*, entry, target) -> None:
    """A staff decision was written to the audit log: tell the member it concerns.

    Called once, by ``audit_record``; the audit entry names the decision, so each is told
    once. Decisions with an event of their own (accepting, official answers, duplicates,
    promotion) are told by those events and skipped here.
    """
    action = entry.action
    if action in (AuditAction.WARN, AuditAction.SUSPEND, AuditAction.UNSUSPEND):
        recipient, url = target, "/"

        def text() -> str:
            return {
                AuditAction.WARN: _("You received a warning from the moderators: %(reason)s"),
                AuditAction.SUSPEND: _("Your account is suspended: %(reason)s"),
                AuditAction.UNSUSPEND: _("Your suspension was lifted."),
            }[action] % {"reason": entry.reason}

    elif action in (
        AuditAction.APPROVE,
        AuditAction.HIDE,
        AuditAction.RESTORE,
        AuditAction.DELETE,
    ):
        recipient = getattr(target, "author", None)
        if recipient is None:
            return
        url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"

        # Whole sentences, the same for every kind of post (the notification links to it):
        # "Your %(kind)s" reads wrongly in Dutch, where the word before a noun follows it.
        def text() -> str:
            return {
                AuditAction.APPROVE: _("Your post was approved and is public now."),
                AuditAction.HIDE: _("Your post was hidden by a moderator: %(reason)s"),
                AuditAction.RESTORE: _("Your post was restored by a moderator."),
                AuditAction.DELETE: _("Your post was removed by a moderator: %(reason)s"),
            }[action] % {"reason": entry.reason}

    else:
        return
    notify(
        kind=NotificationKind.MODERATION_DECISION,
        event_key=f"audit:{entry.pk}",
        recipients=[recipient],
        actor=entry.actor,
        target=target,
        url=url,
        text=text,
    )


def flags_resolved(*, target, by: User, resolution: str, flags: list[tuple[int, int]]) -> None:
    """Staff decided about reports on ``target``: tell the members who reported it.

    ``flags`` are the (flag id, flagger id) pairs that were open; the smallest flag id names
    the decision, so the reporters are told once.
    """
    if not flags:
        return
    flagger_ids = {flagger_id for _flag_id, flagger_id in flags}
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    notify(
        kind=NotificationKind.MODERATION_DECISION,
        event_key=f"flags:{min(flag_id for flag_id, _flagger in flags)}",
        recipients=User.objects.filter(pk__in=flagger_ids, is_active=True),
        actor=by,
        target=target,
        url=url,
        text=lambda: (
            _("The moderators looked at the post you reported: %(outcome)s")
            % {"outcome": FlagResolution(resolution).label}
        ),
    )
