"""Demo notifications, follows and settings for `manage.py seed_demo` (runs last).

The demo questions, answers and forum posts were written through the services, so their
notifications exist already. This dates them like the posts they point to, counts older ones
as read and e-mailed (the demo history is not mailed out by `send_digests`), and gives some
members follows and settings to show. Seeding again changes nothing new.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from cms.models import ProductPage
from community.accounts.models import User
from qa.enums import NotificationGroup

from . import services
from .enums import Channel, KindGroup
from .models import Notification

# Unread in the demo: what happened in the last few days.
UNREAD_FOR_DAYS = 4


@transaction.atomic
def seed(stdout) -> None:
    members = {user.username: user for user in User.objects.filter(username__in=DEMO_MEMBERS)}
    dated = _notifications_dated()
    _demo_settings(members)
    follows = _demo_follows(members)
    now = timezone.now()
    Notification.objects.filter(emailed_at__isnull=True).update(emailed_at=now)
    Notification.objects.filter(
        read_at__isnull=True, created_at__lt=now - timedelta(days=UNREAD_FOR_DAYS)
    ).update(read_at=now)
    stdout.write(
        f"Demo notifications: {Notification.objects.count()} in all, {dated} dated like their "
        f"posts; {follows} follows."
    )


DEMO_MEMBERS = ("anna", "bram", "carla", "emma")


def _notifications_dated() -> int:
    """Give each notification the time of the post it is about (the demo moved posts back)."""
    from forum.models import Post
    from qa.models import Answer, Comment, Question

    changed = 0
    for model in (Question, Answer, Comment, Post):
        content_type = ContentType.objects.get_for_model(model)
        notifications = list(Notification.objects.filter(target_type=content_type))
        times = dict(
            model.objects.filter(
                pk__in={notification.target_id for notification in notifications}
            ).values_list("pk", "created_at")
        )
        for notification in notifications:
            written = times.get(notification.target_id)
            if written and notification.created_at != written:
                notification.created_at = written
                changed += 1
        Notification.objects.bulk_update(notifications, ["created_at"], batch_size=500)
    return changed


def _demo_settings(members: dict[str, User]) -> None:
    if "carla" in members:
        services.notification_settings_save(
            user=members["carla"],
            channels={},
            email_paused=False,
            help_requests=True,
            help_requests_per_week=2,
        )
    if "emma" in members:
        services.notification_settings_save(
            user=members["emma"],
            channels={
                NotificationGroup.MY_QUESTIONS: Channel.DAILY,
                KindGroup.FOLLOWING: Channel.WEEKLY,
            },
            email_paused=False,
            help_requests=False,
            help_requests_per_week=2,
        )


def _demo_follows(members: dict[str, User]) -> int:
    made = 0
    product = ProductPage.objects.live().order_by("path").first()
    tag = Tag.objects.order_by("name").first()
    if "anna" in members and product is not None:
        services.follow_add(user=members["anna"], target=product)
        made += 1
    if "bram" in members and tag is not None:
        services.follow_add(user=members["bram"], target=tag)
        made += 1
    return made
