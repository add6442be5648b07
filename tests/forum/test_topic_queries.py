"""The topic page runs a fixed number of queries however many posts and photos it has."""

import pytest

from forum import services

from .conftest import photo

pytestmark = pytest.mark.django_db

# Measured, and the same for 1 and for 40 replies: the topic (board, author, product and
# first post joined), the post count, the page of posts (authors and quoted posts joined),
# their photos, the topic's tags, and the site navigation (page and site).
# ...and the page generation, read first (community/common/page_cache.py).
TOPIC_QUERIES_ANONYMOUS = 8
# ...plus the session, the user, whether they follow it, their read state, the first post
# that is new to them (on a later visit), marking the page read (an update, or on the first
# visit an insert in a savepoint: three statements), and the user's and group permissions
# (Wagtail's user bar).
# ...and the member's unacknowledged moderation warnings (banner; cached after a first look).
TOPIC_QUERIES_SIGNED_IN = 17


@pytest.mark.parametrize("visit", ["first", "again"])
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
@pytest.mark.parametrize("count", [1, pytest.param(40, marks=pytest.mark.slow)])
def test_topic_page_queries_do_not_grow_with_the_number_of_posts(
    client,
    django_assert_max_num_queries,
    topic_factory,
    user_factory,
    count,
    signed_in,
    visit,
    warm_related_content,
):
    topic = topic_factory(photos=[photo()])
    reader = user_factory()
    authors = [user_factory() for _ in range(3)]
    previous = topic.first_post
    for number in range(count):
        previous = services.reply_create(
            topic=topic,
            author=authors[number % 3],
            body=f"Reply {number}",
            quoted=previous,
            photos=[photo(), photo()] if number % 2 else [],
        )
    if signed_in:
        client.force_login(reader)
        if visit == "again":
            client.get(topic.get_absolute_url())
            services.reply_create(topic=topic, author=authors[0], body="Something new")
    limit = TOPIC_QUERIES_SIGNED_IN if signed_in else TOPIC_QUERIES_ANONYMOUS
    warm_related_content("topic", topic)

    with django_assert_max_num_queries(limit):
        response = client.get(topic.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('class="gallery"') >= 1
