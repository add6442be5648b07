"""The forum in the member's language: boards named in Dutch for Dutch readers, and posts that
stay in the language they were written in, labelled where the page speaks another."""

import pytest
from django.test import Client
from django.utils import translation

from forum.models import Post
from tests.conftest import DUTCH, ENGLISH, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(board_factory):
    board = board_factory(name="Tips & tricks", description="Recipes and clever uses.")
    board.name_nl = "Tips en trucs"
    board.description_nl = "Recepten en slimme toepassingen."
    board.save()
    return board


def test_a_dutch_reader_sees_the_boards_dutch_name_and_description(client, board):
    page = page_text(client, "/forum/", **DUTCH)

    assert "Tips en trucs" in page
    assert "Recepten en slimme toepassingen." in page
    assert "Recipes and clever uses." not in page


def test_an_english_reader_sees_the_english_name(client, board):
    page = page_text(client, board.get_absolute_url(), **ENGLISH)

    assert "Tips &amp; tricks" in page
    assert "Tips en trucs" not in page


def test_a_board_without_a_dutch_name_keeps_its_name_in_dutch(client, board_factory):
    board_factory(name="Showcase", description="Show what you made.")

    page = page_text(client, "/forum/", **DUTCH)

    assert "Showcase" in page
    assert "Show what you made." in page


def test_a_reply_is_written_in_the_language_the_member_reads_the_site_in(
    customer_client, topic_factory
):
    topic = topic_factory()

    customer_client.post(
        f"/forum/topics/{topic.pk}/reply/", {"body": "Mooi gedaan, dank je!"}, **DUTCH
    )

    reply = Post.objects.get(body="Mooi gedaan, dank je!")
    assert reply.language == "nl"
    assert topic.first_post.language == "en"


def test_a_post_in_another_language_is_labelled_with_it(topic_factory, reply_factory):
    topic = topic_factory(body="How I seasoned my skillet.")
    with translation.override("nl"):
        reply_factory(topic=topic, body="Zo doe ik het ook.")
    reader = Client()

    english = page_text(reader, topic.get_absolute_url(), **ENGLISH)
    dutch = page_text(reader, topic.get_absolute_url(), **DUTCH)

    assert english.count("badge--language") == 1
    assert '<span class="badge badge--language" lang="nl">In het Nederlands</span>' in english
    assert '<div class="prose" lang="nl">' in english
    assert dutch.count("badge--language") == 1
    assert '<span class="badge badge--language" lang="en">In English</span>' in dutch
