"""The board list and board pages, and their fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.moderation.services import content_hide
from forum import services
from forum.models import Topic
from forum.views.boards import TOPICS_PER_PAGE

pytestmark = pytest.mark.django_db

# Measured, and the same for 1 and for 40 boards: the boards with their latest post, topic
# and author; and the site navigation (page and site).
BOARD_LIST_QUERIES = 3
# ...plus the session, the user, and the user's and group permissions (Wagtail's user bar).
# ...and the member's unacknowledged moderation warnings (banner; cached after a first look).
BOARD_LIST_QUERIES_SIGNED_IN = 8
# ...the board, the topic count, and the page of topics (authors and latest post joined,
# read state and cover photo in subqueries), and the site navigation (page and site).
BOARD_QUERIES_ANONYMOUS = 5
# ...plus the session, the user, whether they follow the board, and the user's and group
# permissions (Wagtail's user bar).
# ...and the member's unacknowledged moderation warnings (banner; cached after a first look).
BOARD_QUERIES_SIGNED_IN = 11


def test_the_board_list_shows_counts_and_latest_activity(client, board_factory, topic_factory):
    tips = board_factory(name="Tips", sort_order=2)
    start = board_factory(name="Getting started", sort_order=1)
    topic_factory(board=tips, title="Latest tip here", replies=2)

    html = client.get("/forum/").content.decode()

    assert html.index("Getting started") < html.index("Tips")
    assert "Latest tip here" in html
    tips.refresh_from_db()
    assert (tips.topic_count, tips.post_count) == (1, 3)
    assert start.topic_count == 0 and "No posts yet." in html


def test_a_board_lists_pinned_first_then_latest_activity(
    client, board, topic_factory, staff_user, reply_factory
):
    old = topic_factory(board=board, title="Old but active")
    middle = topic_factory(board=board, title="Quiet middle one")
    pinned = topic_factory(board=board, title="Pinned rules")
    now = timezone.now()
    Topic.objects.filter(pk=old.pk).update(last_post_at=now - timedelta(days=9))
    Topic.objects.filter(pk=middle.pk).update(last_post_at=now - timedelta(days=5))
    Topic.objects.filter(pk=pinned.pk).update(last_post_at=now - timedelta(days=30))
    services.topic_set_pinned(topic=pinned, staff=staff_user, pinned=True)
    reply_factory(topic=old)

    html = client.get(f"/forum/{board.slug}/").content.decode()

    titles = ["Pinned rules", "Old but active", "Quiet middle one"]
    assert sorted(titles, key=html.index) == titles


def test_a_board_is_paged(client, board, topic_factory, user_factory):
    author = user_factory()
    for number in range(TOPICS_PER_PAGE + 1):
        topic_factory(board=board, author=author, title=f"Topic number {number:02d}")

    first = client.get(f"/forum/{board.slug}/").content.decode()
    second = client.get(f"/forum/{board.slug}/?page=2").content.decode()

    assert first.count('<li class="topic-row') == TOPICS_PER_PAGE
    assert second.count('<li class="topic-row') == 1
    assert 'rel="next"' in first


def test_hidden_topics_are_not_listed(client, board, topic_factory, staff_user):
    topic = topic_factory(board=board, title="Spam spam spam")
    content_hide(item=topic, staff=staff_user, reason="Spam")

    assert "Spam spam spam" not in client.get(f"/forum/{board.slug}/").content.decode()


def test_an_unknown_board_is_not_found(client):
    assert client.get("/forum/no-such-board/").status_code == 404


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
@pytest.mark.parametrize("count", [1, pytest.param(40, marks=pytest.mark.slow)])
def test_board_list_queries_do_not_grow_with_the_number_of_boards(
    client,
    django_assert_max_num_queries,
    board_factory,
    topic_factory,
    user_factory,
    count,
    signed_in,
):
    author = user_factory()
    for _ in range(count):
        topic_factory(board=board_factory(), author=author, replies=1)
    if signed_in:
        client.force_login(author)
    limit = BOARD_LIST_QUERIES_SIGNED_IN if signed_in else BOARD_LIST_QUERIES

    with django_assert_max_num_queries(limit):
        response = client.get("/forum/")

    assert response.content.decode().count('class="panel forum-board"') == count


@pytest.mark.parametrize("showcase_board", [False, True], ids=["board", "showcase"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
@pytest.mark.parametrize("count", [1, pytest.param(40, marks=pytest.mark.slow)])
def test_board_page_queries_do_not_grow_with_the_number_of_topics(
    client,
    django_assert_max_num_queries,
    board_factory,
    topic_factory,
    user_factory,
    count,
    signed_in,
    showcase_board,
):
    from .conftest import photo

    board = board_factory(is_showcase=showcase_board)
    reader = user_factory()
    for number in range(count):
        topic = topic_factory(
            board=board, replies=1, photos=[photo()] if showcase_board and number < 3 else []
        )
        services.topic_mark_read(topic=topic, user=reader, up_to=timezone.now())
    if signed_in:
        client.force_login(reader)
    limit = BOARD_QUERIES_SIGNED_IN if signed_in else BOARD_QUERIES_ANONYMOUS

    with django_assert_max_num_queries(limit):
        response = client.get(f"/forum/{board.slug}/")

    assert response.status_code == 200
    rows = '<li class="showcase-card">' if showcase_board else '<li class="topic-row'
    assert response.content.decode().count(rows) == min(count, 24 if showcase_board else 25)
