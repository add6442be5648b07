"""Q&A in the member's language: tags named in Dutch for Dutch readers; questions and answers
stay in the language they were written in, labelled where the page speaks another."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from taggit.models import Tag

from community.common.models import TagName

pytestmark = pytest.mark.django_db

DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _page(client, url, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def induction():
    tag = Tag.objects.create(name="Induction", slug="induction")
    TagName.objects.create(tag=tag, language="nl", name="Inductie")
    return tag


def test_a_dutch_reader_sees_tags_by_their_dutch_name(client, question_factory, induction):
    question = question_factory(title="Does the pan work on induction?", tags=["Induction"])

    listing = _page(client, "/questions/", **DUTCH)
    detail = _page(client, question.get_absolute_url(), **DUTCH)
    chosen = _page(client, "/questions/?tag=induction", **DUTCH)

    assert ">Inductie</a>" in listing
    assert ">Inductie</a>" in detail
    assert "<strong>Inductie</strong>" in chosen


def test_an_english_reader_sees_the_tags_own_name(client, question_factory, induction):
    question = question_factory(title="Does the pan work on induction?", tags=["Induction"])

    detail = _page(client, question.get_absolute_url(), **ENGLISH)

    assert ">Induction</a>" in detail
    assert "Inductie" not in detail


def test_a_tag_without_a_dutch_name_keeps_its_name(client, question_factory):
    Tag.objects.create(name="Sizing", slug="sizing")
    question = question_factory(title="Which size should I choose?", tags=["Sizing"])

    assert ">Sizing</a>" in _page(client, question.get_absolute_url(), **DUTCH)


def test_a_question_asked_in_dutch_is_labelled_for_english_readers(
    question_factory, answer_factory
):
    with translation.override("nl"):
        question = question_factory(title="Werkt de pan op inductie, ook de kleine?")
    answer_factory(question=question, body="Yes, every size works on induction.")
    reader = Client()

    english = _page(reader, question.get_absolute_url(), **ENGLISH)
    dutch = _page(reader, question.get_absolute_url(), **DUTCH)

    assert question.language == "nl"
    assert english.count("badge--language") == 1  # the question, not the English answer
    assert '<span class="badge badge--language" lang="nl">In het Nederlands</span>' in english
    assert dutch.count("badge--language") == 1  # the answer
    assert '<span class="badge badge--language" lang="en">In English</span>' in dutch


def test_posts_in_the_page_language_carry_no_label(client, question_factory, answer_factory):
    question = question_factory(title="Can the lid go in the oven at 250 degrees?")
    answer_factory(question=question)

    assert "badge--language" not in _page(client, question.get_absolute_url(), **ENGLISH)


def test_the_language_label_costs_no_query(client, question_factory, answer_factory):
    question = question_factory(title="Can the lid go in the oven at 250 degrees?")
    answer_factory(question=question)
    reader = Client()
    reader.cookies["sessionid"] = "none"  # a page of its own, not one kept for visitors
    _page(reader, question.get_absolute_url(), **ENGLISH)
    with CaptureQueriesContext(connection) as english_only:
        _page(reader, question.get_absolute_url(), **ENGLISH)
    with translation.override("nl"):
        for _ in range(3):
            answer_factory(question=question, body="Ja, dat kan zonder problemen.")

    with CaptureQueriesContext(connection) as with_dutch:
        page = _page(reader, question.get_absolute_url(), **ENGLISH)

    assert page.count("In het Nederlands") == 3
    assert len(with_dutch) == len(english_only)
