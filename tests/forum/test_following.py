"""Following topics and boards, and what is new since a member's last visit."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from community.notifications.enums import FollowReason
from community.notifications.models import Follow
from forum import services
from forum.models import Post, Topic, TopicReadState

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_member_follows_and_unfollows_a_topic(customer_client, customer, topic_factory):
    topic = topic_factory()

    response = customer_client.post(f"/notifications/follow/topic/{topic.pk}/", {"follow": "1"})
    assert response.status_code == 302
    subscription = Follow.objects.get(target_type="topic", target_id=topic.pk, user=customer)
    assert subscription.reason == FollowReason.CHOSEN

    customer_client.post(f"/notifications/follow/topic/{topic.pk}/", {"follow": "0"})
    assert not Follow.objects.filter(
        target_type="topic", target_id=topic.pk, user=customer
    ).exists()


def test_following_with_htmx_swaps_just_the_button(customer_client, topic_factory, board):
    topic = topic_factory(board=board)

    response = customer_client.post(
        f"/notifications/follow/topic/{topic.pk}/", {"follow": "1"}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Stop following this topic" in html and 'aria-pressed="true"' in html
    assert "<html" not in html

    response = customer_client.post(
        f"/notifications/follow/board/{board.pk}/", {"follow": "1"}, **HTMX
    )
    assert "Stop following this board" in response.content.decode()


def test_a_member_follows_a_board(customer_client, customer, board):
    customer_client.post(f"/notifications/follow/board/{board.pk}/", {"follow": "1"})
    customer_client.post(
        f"/notifications/follow/board/{board.pk}/", {"follow": "1"}
    )  # twice: still once

    assert (
        Follow.objects.filter(target_type="board", target_id=board.pk, user=customer).count() == 1
    )
    html = customer_client.get(f"/forum/{board.slug}/").content.decode()
    assert "Stop following this board" in html

    customer_client.post(f"/notifications/follow/board/{board.pk}/", {"follow": "0"})
    assert not Follow.objects.filter(target_type="board").exists()


def test_visitors_cannot_follow(client, topic_factory, board):
    topic = topic_factory(board=board)

    assert (
        client.post(f"/notifications/follow/topic/{topic.pk}/", {"follow": "1"}).status_code == 302
    )
    response = client.post(f"/notifications/follow/board/{board.pk}/", {"follow": "1"}, **HTMX)
    assert response.status_code == 204
    assert "HX-Redirect" in response
    assert not Follow.objects.filter(target_type="topic").exclude(user=topic.author).exists()
    assert not Follow.objects.filter(target_type="board").exists()


def test_posting_follows_the_topic_by_default(customer, topic_factory, reply_factory):
    topic = topic_factory()

    reply_factory(topic=topic, author=customer)

    assert (
        Follow.objects.get(target_type="topic", target_id=topic.pk, user=customer).reason
        == FollowReason.POSTED
    )


def test_unfollowing_sticks_until_the_member_posts_again(
    customer_client, customer, topic_factory, reply_factory
):
    topic = topic_factory()
    reply_factory(topic=topic, author=customer)
    customer_client.post(f"/notifications/follow/topic/{topic.pk}/", {"follow": "0"})

    assert not Follow.objects.filter(target_type="topic", user=customer).exists()


def test_unread_topics_are_marked_on_the_board_page(
    client, customer, board, topic_factory, reply_factory
):
    read = topic_factory(board=board, title="A topic I have read")
    unread = topic_factory(board=board, title="A topic with news")
    client.force_login(customer)
    client.get(read.get_absolute_url())
    client.get(unread.get_absolute_url())
    reply_factory(topic=unread)

    html = client.get(f"/forum/{board.slug}/").content.decode()

    rows = re.findall(r'<li class="topic-row.*?</li>', html, re.DOTALL)
    news = next(row for row in rows if "A topic with news" in row)
    seen = next(row for row in rows if "A topic I have read" in row)
    assert "topic-row--unread" in news and "badge--new" in news
    assert "topic-row--unread" not in seen and "badge--new" not in seen


def test_visitors_see_no_unread_markers(client, board, topic_factory):
    topic_factory(board=board)

    assert "badge--new" not in client.get(f"/forum/{board.slug}/").content.decode()


def test_the_topic_page_marks_what_is_new_since_the_last_visit(
    client, customer, topic_factory, reply_factory
):
    topic = topic_factory()
    client.force_login(customer)
    client.get(topic.get_absolute_url())
    TopicReadState.objects.update(last_read_at=timezone.now() - timedelta(minutes=1))
    new = reply_factory(topic=topic, body="Fresh news")

    html = client.get(topic.get_absolute_url()).content.decode()

    assert "Jump to what is new since your last visit" in html
    assert f'href="/forum/posts/{new.pk}/"' in html
    assert f'class="forum-post forum-post--new" id="post-{new.pk}"' in html
    # Seen now: the next visit shows nothing new.
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "forum-post--new" not in html


def test_reading_never_moves_the_read_mark_back(customer, topic_factory):
    topic = topic_factory()
    later = timezone.now() + timedelta(hours=1)
    services.topic_mark_read(topic=topic, user=customer, up_to=later)

    services.topic_mark_read(topic=topic, user=customer, up_to=timezone.now())

    assert TopicReadState.objects.get().last_read_at == later


def test_followers_are_kept_for_notifications(customer, topic_factory, reply_factory):
    topic = topic_factory()
    reply_factory(topic=topic, author=customer)

    subscription = Follow.objects.get(target_type="topic", target_id=topic.pk, user=customer)
    assert subscription.last_notified_id is None  # the notifications issue fills this in
    assert Post.objects.filter(topic=topic, created_at__gt=subscription.created_at).exists() in (
        True,
        False,
    )
    assert Follow.objects.filter(target_type="topic", target_id=Topic.objects.get().pk).count() == 2
