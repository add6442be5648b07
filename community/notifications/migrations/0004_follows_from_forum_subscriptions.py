"""Fill in the new follow columns, and move the forum's topic and board subscriptions into
follows (their reason and what they were last told about come along). Reversible: the
reverse puts topic and board follows back into the forum's tables."""

from django.db import migrations

# The keys the apps register their follow targets under.
OWN_TARGETS = ("question", "product", "tag")


def forwards(apps, schema_editor):
    Follow = apps.get_model("notifications", "Follow")
    TopicSubscription = apps.get_model("forum", "TopicSubscription")
    BoardSubscription = apps.get_model("forum", "BoardSubscription")
    for key in OWN_TARGETS:
        for follow in Follow.objects.filter(**{f"{key}__isnull": False}).only("pk", f"{key}_id"):
            Follow.objects.filter(pk=follow.pk).update(
                target_type=key, target_id=getattr(follow, f"{key}_id")
            )
    moved = [
        (
            subscription,
            {
                "target_type": "topic",
                "target_id": subscription.topic_id,
                "reason": subscription.reason,
                "last_notified_id": subscription.last_notified_post_id,
            },
        )
        for subscription in TopicSubscription.objects.order_by("pk")
    ] + [
        (
            subscription,
            {
                "target_type": "board",
                "target_id": subscription.board_id,
                "last_notified_id": subscription.last_notified_topic_id,
            },
        )
        for subscription in BoardSubscription.objects.order_by("pk")
    ]
    for subscription, fields in moved:
        follow = Follow.objects.create(user_id=subscription.user_id, **fields)
        # Keep when it was made (auto_now_add stamped it now).
        Follow.objects.filter(pk=follow.pk).update(created_at=subscription.created_at)


def backwards(apps, schema_editor):
    Follow = apps.get_model("notifications", "Follow")
    Topic = apps.get_model("forum", "Topic")
    Post = apps.get_model("forum", "Post")
    TopicSubscription = apps.get_model("forum", "TopicSubscription")
    BoardSubscription = apps.get_model("forum", "BoardSubscription")
    for key in OWN_TARGETS:
        for follow in Follow.objects.filter(target_type=key).only("pk", "target_id"):
            Follow.objects.filter(pk=follow.pk).update(**{f"{key}_id": follow.target_id})
    topic_follows = list(Follow.objects.filter(target_type="topic"))
    post_ids = set(Post.objects.values_list("pk", flat=True))
    for follow in topic_follows:
        subscription = TopicSubscription.objects.create(
            user_id=follow.user_id,
            topic_id=follow.target_id,
            reason=follow.reason,
            last_notified_post_id=(
                follow.last_notified_id if follow.last_notified_id in post_ids else None
            ),
        )
        TopicSubscription.objects.filter(pk=subscription.pk).update(created_at=follow.created_at)
    board_follows = list(Follow.objects.filter(target_type="board"))
    topic_ids = set(Topic.objects.values_list("pk", flat=True))
    for follow in board_follows:
        subscription = BoardSubscription.objects.create(
            user_id=follow.user_id,
            board_id=follow.target_id,
            last_notified_topic_id=(
                follow.last_notified_id if follow.last_notified_id in topic_ids else None
            ),
        )
        BoardSubscription.objects.filter(pk=subscription.pk).update(created_at=follow.created_at)
    Follow.objects.filter(target_type__in=("topic", "board")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_follow_any_registered_target"),
        ("forum", "0003_content_status_pending"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
