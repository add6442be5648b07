"""Q&A in the member's language: tags named in Dutch for Dutch readers; questions and answers
stay in the language they were written in, labelled where the page speaks another."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from taggit.models import Tag

from community.common.models import TagName
from tests.conftest import DUTCH, ENGLISH, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def induction():
    tag = Tag.objects.create(name="Induction", slug="induction")
    TagName.objects.create(tag=tag, language="nl", name="Inductie")
    return tag


def test_a_dutch_reader_sees_tags_by_their_dutch_name(client, question_factory, induction):
    question = question_factory(title="Does the pan work on induction?", tags=["Induction"])

    listing = page_text(client, "/questions/", **DUTCH)
    detail = page_text(client, question.get_absolute_url(), **DUTCH)
    chosen = page_text(client, "/questions/?tag=induction", **DUTCH)

    assert ">Inductie</a>" in listing
    assert ">Inductie</a>" in detail
    assert "<strong>Inductie</strong>" in chosen


def test_an_english_reader_sees_the_tags_own_name(client, question_factory, induction):
    question = question_factory(title="Does the pan work on induction?", tags=["Induction"])

    detail = page_text(client, question.get_absolute_url(), **ENGLISH)

    assert ">Induction</a>" in detail
    assert "Inductie" not in detail


def test_a_tag_without_a_dutch_name_keeps_its_name(client, question_factory):
    Tag.objects.create(name="Sizing", slug="sizing")
    question = question_factory(title="Which size should I choose?", tags=["Sizing"])

    assert ">Sizing</a>" in page_text(client, question.get_absolute_url(), **DUTCH)


def test_a_question_asked_in_dutch_is_labelled_for_english_readers(
    question_factory, answer_factory
):
    with translation.override("nl"):
        question = question_factory(title="Werkt de pan op inductie, ook de kleine?")
    answer_factory(question=question, body="Yes, every size works on induction.")
    reader = Client()

    english = page_text(reader, question.get_absolute_url(), **ENGLISH)
    dutch = page_text(reader, question.get_absolute_url(), **DUTCH)

    assert question.language == "nl"
    assert english.count("badge--language") == 1  # the question, not the English answer
    assert '<span class="badge badge--language" lang="nl">In het Nederlands</span>' in english
    assert dutch.count("badge--language") == 1  # the answer
    assert '<span class="badge badge--language" lang="en">In English</span>' in dutch


def test_posts_in_the_page_language_carry_no_label(client, question_factory, answer_factory):
    question = question_factory(title="Can the lid go in the oven at 250 degrees?")
    answer_factory(question=question)

    assert "badge--language" not in page_text(client, question.get_absolute_url(), **ENGLISH)


def test_the_language_label_costs_no_query(client, question_factory, answer_factory):
    question = question_factory(title="Can the lid go in the oven at 250 degrees?")
    answer_factory(question=question)
    reader = Client()
    reader.cookies["sessionid"] = "none"  # a page of its own, not one kept for visitors
    page_text(reader, question.get_absolute_url(), **ENGLISH)
    answer_factory(question=question)  # each page below is made after a change
    with CaptureQueriesContext(connection) as english_only:
        page_text(reader, question.get_absolute_url(), **ENGLISH)
    with translation.override("nl"):
        for _ in range(3):
            answer_factory(question=question, body="Ja, dat kan zonder problemen.")

    with CaptureQueriesContext(connection) as with_dutch:
        page = page_text(reader, question.get_absolute_url(), **ENGLISH)

    assert page.count("In het Nederlands") == 3
    assert len(with_dutch) == len(english_only)
