"""The header search box's type-ahead, as the browser's htmx asks for it while one types."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.enums import Layer
from community.moderation.enums import ContentStatus
from community.search.models import SearchQueryLog

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _typeahead(client, q, **extra):
    return client.get(reverse("search:typeahead"), {"q": q}, **HTMX, **extra)


def _titles(response) -> list[str]:
    return [hit.title for hit in response.context["hits"]]


def test_every_page_asks_for_the_type_ahead_as_one_types(client):
    page = client.get("/").content.decode()

    assert f'hx-get="{reverse("search:typeahead")}"' in page
    assert 'hx-trigger="input changed delay:200ms"' in page
    assert 'action="/search/"' in page  # without JavaScript: the plain search
    assert "js/typeahead.js" in page


def test_the_first_results_come_with_their_kind_and_link(
    sections, article_factory, question_factory, topic_factory
):
    article = article_factory(section=sections[Layer.AFTER_BUYING], title="Descaling the kettle")
    question = question_factory(title="Kettle descaling with vinegar?", answers=1)
    topic_factory(title="My kettle descaling routine")

    response = _typeahead(Client(), "kettle descal")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert 'role="listbox"' in page
    assert page.count('role="option"') == 4  # three results and "See all results"
    assert f'href="{article.url}"' in page
    assert f'href="{question.get_absolute_url()}"' in page
    assert ">Article</span>" in page
    assert ">Question</span>" in page
    assert 'href="/search/?q=kettle+descal"' in page
    assert 'data-status="3 suggestions.' in page


def test_a_half_typed_last_word_is_completed_from_public_titles(question_factory):
    question_factory(title="Cast iron skillet seasoning")

    assert _titles(_typeahead(Client(), "cast ir")) == ["Cast iron skillet seasoning"]
    assert _titles(_typeahead(Client(), "skil")) == ["Cast iron skillet seasoning"]


def test_at_most_five_results(question_factory):
    for number in range(8):
        question_factory(title=f"Juicer pulp question {number}")

    response = _typeahead(Client(), "juicer pulp")

    assert len(response.context["hits"]) == 5
    assert 'data-status="5 suggestions.' in response.content.decode()


@pytest.mark.parametrize("typed", ["", "k", " k ", "the", '"%_<script>', "x" * 3000])
def test_too_short_or_odd_input_gets_an_empty_answer_and_no_error(question_factory, typed):
    question_factory(title="Kettle lid stuck")

    response = _typeahead(Client(), typed)

    assert response.status_code == 200
    assert response.content.strip() == b""


def test_hidden_held_deleted_and_draft_content_never_appears(unpublished_zebras, question_factory):
    question_factory(title="Zebra pattern visible question")

    response = _typeahead(Client(), "zebra patt")

    assert _titles(response) == ["Zebra pattern visible question"]
    assert "hidden" not in response.content.decode().lower()


def test_an_item_hidden_after_its_query_was_cached_does_not_come_back(question_factory):
    question = question_factory(title="Waffle iron sticking")
    visitor = Client()
    assert _titles(_typeahead(visitor, "waffle")) == ["Waffle iron sticking"]

    question.status = ContentStatus.HIDDEN
    question.save()

    assert _titles(_typeahead(visitor, "waffle")) == []
    assert _titles(_typeahead(visitor, "Waffle ")) == []  # the same normalised query


def test_the_type_ahead_is_not_logged_as_a_search(question_factory):
    question_factory(title="Kettle lid stuck")

    for typed in ("ke", "kett", "kettle", "kettle lid"):
        assert _typeahead(Client(), typed).status_code == 200

    assert not SearchQueryLog.objects.exists()
    Client().get(reverse("search"), {"q": "kettle lid"})  # submitting the search does count
    assert SearchQueryLog.objects.get().query == "kettle lid"


def test_the_type_ahead_is_rate_limited_per_address(settings, question_factory):
    settings.SEARCH_TYPEAHEAD_RATE = "3/m"
    question_factory(title="Kettle lid stuck")
    visitor = Client()

    statuses = [_typeahead(visitor, "kettle").status_code for _ in range(4)]
    refused = _typeahead(visitor, "kettle")

    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.content == b""
    assert _typeahead(visitor, "kettle", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_only_get_is_answered(client):
    assert client.post(reverse("search:typeahead"), {"q": "kettle"}).status_code == 405
