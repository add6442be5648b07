"""A signed-in member's topic page: the posts and the empty reply form are made once for every
member who sees them alike and kept under the page generation; each member's own buttons,
their "new" marks and their token stay theirs, and every change shows on the next request."""

import re

import pytest
from django.test import Client

from community.moderation.services import content_hide
from forum import services
from tests.conftest import page_text

# Each test runs with the local cache and with Redis: what is kept must be made afresh alike.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _member(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _posts(html: str) -> str:
    start = html.index('<ol class="forum-posts">')
    return TOKEN.sub("", html[start : html.index("</ol>", start)])


@pytest.fixture
def topic(topic_factory, reply_factory):
    topic = topic_factory(title="My cast iron pan after a year", body="Seasoned it twice.")
    reply_factory(topic=topic, body="Looks great, what oil did you use?")
    return topic


def test_members_share_the_posts_and_each_gets_a_token_that_works(topic, user_factory):
    first, second = _member(user_factory()), _member(user_factory())
    first_page = page_text(first, topic.get_absolute_url())

    second_page = page_text(second, topic.get_absolute_url())
    token = TOKEN.search(second_page[second_page.index('id="reply"') :]).group(1)
    replied = second.post(
        f"/forum/topics/{topic.pk}/reply/",
        {
            "body": "Flaxseed oil works for me.",
            "csrfmiddlewaretoken": token,
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )

    assert _posts(first_page) == _posts(second_page)
    assert replied.status_code == 302
    assert "Flaxseed oil works for me." in page_text(first, topic.get_absolute_url())


def test_member_a_never_gets_member_bs_buttons(topic, user_factory, reply_factory):
    a_user, b_user = user_factory(), user_factory()
    a, b = _member(a_user), _member(b_user)
    own = reply_factory(topic=topic, author=b_user, body="Mine is rusty already.")

    b_page = page_text(b, topic.get_absolute_url())
    a_page = page_text(a, topic.get_absolute_url())

    assert f'href="/forum/posts/{own.pk}/edit/"' in b_page
    assert f'href="/forum/posts/{own.pk}/edit/"' not in a_page


def test_staff_controls_never_reach_a_member(topic, user_factory, staff_user):
    staff, member = _member(staff_user), _member(user_factory())
    staff_page = page_text(staff, topic.get_absolute_url())
    member_page = page_text(member, topic.get_absolute_url())

    assert 'name="action" value="hide"' in staff_page
    assert 'name="action" value="hide"' not in member_page
    assert 'name="action" value="hide"' in page_text(staff, topic.get_absolute_url())


def test_changes_show_on_the_next_request_for_a_member(topic, user_factory, staff_user):
    reader = _member(user_factory())
    url = topic.get_absolute_url()
    assert "Seasoned it twice." in page_text(reader, url)

    reply = services.reply_create(topic=topic, author=user_factory(), body="Wow, nice colour.")
    assert "Wow, nice colour." in page_text(reader, url)

    services.post_edit(post=reply, editor=reply.author, body="Wow, a lovely black colour.")
    assert "Wow, a lovely black colour." in page_text(reader, url)

    content_hide(item=reply, staff=staff_user, reason="Off topic")
    assert "lovely black colour" not in page_text(reader, url)

    assert 'lang="nl"' in page_text(reader, url, HTTP_ACCEPT_LANGUAGE="nl")
    assert 'lang="en"' in page_text(reader, url)


def test_a_member_sees_their_own_hidden_post_and_others_do_not(
    topic, user_factory, reply_factory, staff_user
):
    author = user_factory()
    hidden = reply_factory(topic=topic, author=author, body="Buy pans at my own shop.")
    content_hide(item=hidden, staff=staff_user, reason="Advertising")
    author_client, other = _member(author), _member(user_factory())

    assert "Buy pans at my own shop." in page_text(author_client, topic.get_absolute_url())
    assert "Buy pans at my own shop." not in page_text(other, topic.get_absolute_url())
    assert "Buy pans at my own shop." in page_text(author_client, topic.get_absolute_url())


def test_posts_new_to_one_member_are_marked_for_them_only(topic, user_factory):
    returning, newcomer = _member(user_factory()), _member(user_factory())
    page_text(returning, topic.get_absolute_url())
    services.reply_create(topic=topic, author=user_factory(), body="Something new here.")

    back = page_text(returning, topic.get_absolute_url())
    first_look = page_text(newcomer, topic.get_absolute_url())

    assert "forum-post--new" in back
    assert "forum-post--new" not in first_look
    assert "Jump to what is new since your last visit" in back
    assert "Jump to what is new since your last visit" not in first_look


def test_a_member_gets_the_kept_topic_in_four_queries(
    topic, user_factory, django_assert_max_num_queries
):
    first, second = _member(user_factory()), _member(user_factory())
    page_text(first, topic.get_absolute_url())
    page_text(second, topic.get_absolute_url())  # where they read up to, kept for next time
    made = page_text(first, topic.get_absolute_url())

    # The session, the user, their summary with the generation, and their own state in the
    # topic (read position, follow, posts of theirs that are not public) in one query: the
    # topic and its public posts are kept reads, the rest is in the kept page.
    with django_assert_max_num_queries(4):
        kept = page_text(second, topic.get_absolute_url())

    assert _posts(kept) == _posts(made)
    assert "Looks great, what oil did you use?" in kept
