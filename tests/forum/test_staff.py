"""Staff tools: pin, lock, feature, move, split, merge, hide and restore. Each writes the
audit log; customers and visitors are refused."""

import pytest

from community.moderation.enums import AuditAction, ContentStatus
from community.moderation.models import AuditLogEntry
from community.moderation.services import content_hide
from community.notifications import services as notification_services
from community.notifications.models import Follow
from forum import services
from forum.models import Board, Post, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _decide(client, kind, pk, action, **data):
    """What a staff tool posts to the one moderation endpoint."""
    return client.post("/moderation/decide/", {"item": f"{kind}:{pk}", "action": action, **data})


def _audit(action) -> AuditLogEntry:
    return AuditLogEntry.objects.get(action=action)


STAFF_POSTS = [
    ("pin", {"pinned": "1"}),
    ("lock", {"locked": "1"}),
    ("feature", {"featured": "1"}),
    ("move", {"board": "0"}),
    ("split", {"posts": ["0"], "title": "A new topic"}),
    ("merge", {"into": "1"}),
]


@pytest.mark.parametrize(("action", "data"), STAFF_POSTS, ids=[a for a, _ in STAFF_POSTS])
def test_customers_cannot_use_staff_tools(customer_client, topic_factory, action, data):
    topic = topic_factory(replies=1)

    response = customer_client.post(f"/forum/topics/{topic.pk}/{action}/", data)

    assert response.status_code == 403
    assert not AuditLogEntry.objects.exists()


@pytest.mark.parametrize(("action", "data"), STAFF_POSTS, ids=[a for a, _ in STAFF_POSTS])
def test_visitors_are_sent_to_sign_in_for_staff_tools(client, topic_factory, action, data):
    topic = topic_factory()

    response = client.post(f"/forum/topics/{topic.pk}/{action}/", data)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("kind", ["topic", "post"])
def test_customers_cannot_hide_or_restore(customer_client, topic_factory, kind):
    topic = topic_factory()
    pk = topic.pk if kind == "topic" else topic.first_post_id

    for action in ("hide", "restore"):
        assert _decide(customer_client, kind, pk, action).status_code == 403


def test_staff_pin_a_topic_to_the_top_of_its_board(staff_client, board, topic_factory):
    pinned = topic_factory(board=board, title="Rules of the board")
    topic_factory(board=board, title="Newer chatter")

    staff_client.post(f"/forum/topics/{pinned.pk}/pin/", {"pinned": "1"})

    html = staff_client.get(f"/forum/{board.slug}/").content.decode()
    assert html.index("Rules of the board") < html.index("Newer chatter")
    assert _audit(AuditAction.PIN).target == pinned
    staff_client.post(f"/forum/topics/{pinned.pk}/pin/", {"pinned": "0"})
    assert not Topic.objects.get(pk=pinned.pk).is_pinned
    assert _audit(AuditAction.UNPIN)


def test_staff_lock_and_unlock_a_topic(staff_client, topic_factory):
    topic = topic_factory()

    staff_client.post(f"/forum/topics/{topic.pk}/lock/", {"locked": "1"})
    assert Topic.objects.get(pk=topic.pk).is_locked
    staff_client.post(f"/forum/topics/{topic.pk}/lock/", {"locked": "0"})

    assert not Topic.objects.get(pk=topic.pk).is_locked
    assert list(AuditLogEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        AuditAction.LOCK,
        AuditAction.UNLOCK,
    ]


def test_staff_move_a_topic_and_the_counts_follow(staff_client, board_factory, topic_factory):
    old, new = board_factory(name="Old"), board_factory(name="New")
    topic = topic_factory(board=old, replies=2)

    response = staff_client.post(f"/forum/topics/{topic.pk}/move/", {"board": new.pk})

    assert response.status_code == 302
    assert Topic.objects.get(pk=topic.pk).board == new
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.topic_count, old.post_count, old.last_post) == (0, 0, None)
    assert (new.topic_count, new.post_count) == (1, 3)
    assert "Old → New" in _audit(AuditAction.MOVE).reason


def test_moving_to_an_unknown_board_is_refused(staff_client, topic_factory):
    topic = topic_factory()

    staff_client.post(f"/forum/topics/{topic.pk}/move/", {"board": 999})

    assert not AuditLogEntry.objects.exists()


def test_staff_split_replies_into_a_new_topic(staff_client, topic_factory):
    topic = topic_factory(replies=3)
    replies = list(topic.posts.exclude(pk=topic.first_post_id).order_by("created_at"))

    response = staff_client.post(
        f"/forum/topics/{topic.pk}/split/",
        {"posts": [replies[1].pk, replies[2].pk], "title": "The side discussion"},
    )

    new = Topic.objects.get(title="The side discussion")
    assert response.status_code == 302
    assert response["Location"] == new.get_absolute_url()
    assert new.first_post == replies[1]
    assert new.author == replies[1].author
    assert new.reply_count == 1
    topic.refresh_from_db()
    assert topic.reply_count == 1
    assert Board.objects.get().topic_count == 2
    assert _audit(AuditAction.SPLIT).target == topic


def test_splitting_needs_replies_and_a_title(staff_client, topic_factory):
    topic = topic_factory(replies=1)

    staff_client.post(f"/forum/topics/{topic.pk}/split/", {"posts": [], "title": "Abc"})
    staff_client.post(
        f"/forum/topics/{topic.pk}/split/",
        {"posts": [topic.first_post_id], "title": "Taking the first post"},
    )

    assert Topic.objects.count() == 1
    assert not AuditLogEntry.objects.exists()


def test_staff_merge_a_topic_into_another(staff_client, topic_factory, user_factory):
    follower = user_factory()
    source = topic_factory(replies=1)
    target = topic_factory(replies=1)
    notification_services.follow_add(user=follower, target=source)

    response = staff_client.post(f"/forum/topics/{source.pk}/merge/", {"into": target.pk})

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.posts.count() == 4
    assert target.reply_count == 3
    assert Follow.objects.filter(target_type="topic", target_id=target.pk, user=follower).exists()
    assert staff_client.get(source.get_absolute_url()).status_code == 301
    assert Board.objects.filter(topic_count=1).exists()
    assert _audit(AuditAction.MERGE).target == Topic.objects.get(pk=source.pk)


def test_a_topic_cannot_be_merged_into_itself_or_nothing(staff_client, topic_factory):
    topic = topic_factory()

    staff_client.post(f"/forum/topics/{topic.pk}/merge/", {"into": topic.pk})
    staff_client.post(f"/forum/topics/{topic.pk}/merge/", {"into": 999})
    staff_client.post(f"/forum/topics/{topic.pk}/merge/", {"into": "abc"})

    assert Topic.objects.get(pk=topic.pk).status == ContentStatus.PUBLISHED
    assert not AuditLogEntry.objects.exists()


def test_staff_hide_and_restore_a_reply(staff_client, topic_factory, reply_factory, client):
    topic = topic_factory()
    reply = reply_factory(topic=topic, body="Buy cheap watches")

    _decide(staff_client, "post", reply.pk, "hide", reason="Spam")

    reply.refresh_from_db()
    topic.refresh_from_db()
    assert reply.status == ContentStatus.HIDDEN
    assert topic.reply_count == 0
    assert Board.objects.get().post_count == 1
    assert _audit(AuditAction.HIDE).reason == "Spam"

    _decide(staff_client, "post", reply.pk, "restore")

    topic.refresh_from_db()
    assert topic.reply_count == 1
    assert _audit(AuditAction.RESTORE).target == Post.objects.get(pk=reply.pk)


def test_hidden_replies_are_gone_for_visitors_and_marked_for_the_author(
    topic_factory, reply_factory, staff_user, customer, anonymous, client
):
    topic = topic_factory()
    reply = reply_factory(topic=topic, author=customer, body="My hidden words")
    content_hide(item=reply, staff=staff_user, reason="Off topic")

    assert "My hidden words" not in anonymous.get(topic.get_absolute_url()).content.decode()
    client.force_login(customer)
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "My hidden words" in html and "Off topic" in html


def test_staff_hide_and_restore_a_topic(staff_client, topic_factory):
    topic = topic_factory(replies=1)

    _decide(staff_client, "topic", topic.pk, "hide", reason="Spam")
    board = Board.objects.get()
    assert (board.topic_count, board.post_count) == (0, 0)

    _decide(staff_client, "topic", topic.pk, "restore")
    board.refresh_from_db()
    assert (board.topic_count, board.post_count) == (1, 2)


def test_unknown_moderation_kinds_and_actions_are_not_found(staff_client, topic_factory):
    topic = topic_factory()

    assert _decide(staff_client, "board", topic.pk, "hide", reason="x").status_code == 404
    assert _decide(staff_client, "topic", topic.pk, "publish").status_code == 404
    assert _decide(staff_client, "topic", topic.pk, "suspend", reason="x").status_code == 404


def test_staff_feature_a_showcase_topic_only(staff_client, showcase, board, topic_factory):
    shown = topic_factory(board=showcase)
    chatter = topic_factory(board=board)

    staff_client.post(f"/forum/topics/{shown.pk}/feature/", {"featured": "1"})
    staff_client.post(f"/forum/topics/{chatter.pk}/feature/", {"featured": "1"})

    assert Topic.objects.get(pk=shown.pk).is_featured
    assert not Topic.objects.get(pk=chatter.pk).is_featured
    assert _audit(AuditAction.FEATURE).target == shown


def test_staff_may_reply_to_a_locked_topic(staff_client, topic_factory, staff_user):
    topic = topic_factory()
    services.topic_set_locked(topic=topic, staff=staff_user, locked=True)

    response = staff_client.post(
        f"/forum/topics/{topic.pk}/reply/",
        {"body": "Locked, see the rules.", "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 302
