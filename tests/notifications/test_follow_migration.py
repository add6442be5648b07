"""The forum's topic and board subscriptions become follows, and back again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("notifications", "0002_suggested_edit_kinds"), ("forum", "0003_content_status_pending")]
AFTER = [
    ("notifications", "0005_follow_by_key_only"),
    ("forum", "0004_subscriptions_become_follows"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    # The state of every app as migrated now, not only of the targets' ancestors.
    return executor.migrate(targets).apps


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_subscriptions_move_into_follows_and_back():
    apps = _migrate(BEFORE)
    try:
        user = apps.get_model("accounts", "User").objects.create(username="fan", email="f@x.org")
        tag = apps.get_model("taggit", "Tag").objects.create(name="Sizing", slug="sizing")
        board = apps.get_model("forum", "Board").objects.create(name="Kettles", slug="kettles")
        topic = apps.get_model("forum", "Topic").objects.create(
            board=board, author=user, title="Whistle", slug="whistle"
        )
        post = apps.get_model("forum", "Post").objects.create(
            topic=topic, author=user, body="Hi", body_rendered="<p>Hi</p>"
        )
        apps.get_model("forum", "TopicSubscription").objects.create(
            user=user, topic=topic, reason="posted", last_notified_post=post
        )
        apps.get_model("forum", "BoardSubscription").objects.create(
            user=user, board=board, last_notified_topic=topic
        )
        apps.get_model("notifications", "Follow").objects.create(user=user, tag=tag)

        apps = _migrate(AFTER)
        follows = apps.get_model("notifications", "Follow").objects.order_by("target_type")
        assert [
            (follow.target_type, follow.target_id, follow.reason, follow.last_notified_id)
            for follow in follows
        ] == [
            ("board", board.pk, "chosen", topic.pk),
            ("tag", tag.pk, "chosen", None),
            ("topic", topic.pk, "posted", post.pk),
        ]

        apps = _migrate(BEFORE)
        topic_subscription = apps.get_model("forum", "TopicSubscription").objects.get()
        assert (topic_subscription.topic_id, topic_subscription.reason) == (topic.pk, "posted")
        assert topic_subscription.last_notified_post_id == post.pk
        board_subscription = apps.get_model("forum", "BoardSubscription").objects.get()
        assert board_subscription.last_notified_topic_id == topic.pk
        assert apps.get_model("notifications", "Follow").objects.get().tag_id == tag.pk
    finally:
        # Every app back to its newest migration, for the tests that follow.
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
