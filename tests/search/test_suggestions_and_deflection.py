from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from cms.enums import Layer
from community.search.models import DeflectionEvent
from community.search.selectors import deflection_count

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _suggest(client, title, **extra):
    return client.get(reverse("search:suggestions"), {"title": title}, **HTMX, **extra)


def test_the_ask_form_asks_for_suggestions_as_the_title_is_typed(customer_client):
    page = customer_client.get(reverse("qa:question-ask")).content.decode()

    assert f'hx-get="{reverse("search:suggestions")}"' in page
    assert "input changed delay:300ms from:#id_title" in page


def test_the_product_pages_ask_form_asks_for_suggestions_too(customer_client, product_factory):
    product = product_factory(title="Waffle iron")

    page = customer_client.get(product.url).content.decode()

    assert "from:#product-ask-title" in page


def test_anonymous_visitors_get_articles_and_answered_questions(
    sections, question_factory, user_factory, article_factory
):
    article_factory(section=sections[Layer.AFTER_BUYING], title="Descaling the waffle iron")
    question_factory(title="Waffle iron sticks, what now?", answers=1)
    question_factory(title="Waffle iron unanswered question")

    response = _suggest(Client(), "waffle iron")

    assert response.status_code == 200
    titles = [hit.title for hit in response.context["suggestions"]]
    assert set(titles) == {"Descaling the waffle iron", "Waffle iron sticks, what now?"}
    page = response.content.decode()
    assert 'target="_blank" rel="noopener"' in page
    assert "<html" not in page


def test_suggestions_are_bounded(question_factory):
    for number in range(8):
        question_factory(title=f"Juicer pulp question {number}", answers=1)

    assert len(_suggest(Client(), "juicer pulp").context["suggestions"]) == 5


def test_a_short_or_odd_title_gets_no_suggestions_and_no_error():
    anonymous = Client()
    for title in ("", "ab", "the of", '"%_<script>', "x" * 3000):
        response = _suggest(anonymous, title)
        assert response.status_code == 200
        assert response.content.strip() == b""


def test_suggestions_are_rate_limited_per_ip(settings):
    settings.SEARCH_SUGGESTIONS_RATE = "3/m"
    anonymous = Client()
    statuses = [_suggest(anonymous, "kettle").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    other_ip = _suggest(anonymous, "kettle", REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200


def test_opening_a_suggestion_and_not_asking_counts_as_deflected(customer_client):
    response = customer_client.get(
        reverse("search:suggestion-open"), {"q": "Kettle Lid", "to": "/kb/some-article/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/kb/some-article/"
    event = DeflectionEvent.objects.get()
    assert (event.query, event.asked_anyway) == ("kettle lid", False)
    DeflectionEvent.objects.update(created_at=event.created_at - timedelta(hours=1))
    assert deflection_count(days=7) == 1


def test_asking_anyway_cancels_the_deflection(customer_client):
    customer_client.get(
        reverse("search:suggestion-open"), {"q": "kettle lid", "to": "/kb/some-article/"}
    )

    response = customer_client.post(
        reverse("qa:question-ask"),
        {"title": "The kettle lid will not close properly", "body": "", "phase": "after"},
    )

    assert response.status_code == 302
    assert DeflectionEvent.objects.get().asked_anyway is True
    DeflectionEvent.objects.update(
        created_at=DeflectionEvent.objects.get().created_at - timedelta(hours=1)
    )
    assert deflection_count(days=7) == 0


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x", ""])
def test_suggestion_and_click_links_only_go_to_our_own_pages(client, target):
    for name in ("search:suggestion-open", "search:click"):
        response = client.get(reverse(name), {"q": "x", "to": target})
        assert response["Location"] == reverse("search")
    assert not DeflectionEvent.objects.exists()


def test_behind_a_proxy_the_limit_counts_each_visitor_not_the_proxy(settings):
    settings.SEARCH_SUGGESTIONS_RATE = "2/m"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    through_proxy = Client(REMOTE_ADDR="10.0.0.1")

    first_visitor = [
        _suggest(through_proxy, "kettle", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code
        for _ in range(3)
    ]
    second_visitor = _suggest(through_proxy, "kettle", HTTP_X_FORWARDED_FOR="198.51.100.4")

    assert first_visitor == [200, 200, 429]
    assert second_visitor.status_code == 200


def test_anonymous_opened_suggestions_create_no_session_rows(settings):
    from django.contrib.sessions.models import Session

    before = Session.objects.count()
    for _number in range(5):
        response = Client().get(
            reverse("search:suggestion-open"), {"q": "kettle lid", "to": "/kb/some-article/"}
        )
        assert response["Location"] == "/kb/some-article/"

    assert Session.objects.count() == before
    assert DeflectionEvent.objects.count() == 5


def test_opened_suggestions_beyond_the_limit_per_address_are_not_recorded(settings):
    settings.SEARCH_DEFLECTION_RATE = "3/h"
    responses = [
        Client().get(reverse("search:suggestion-open"), {"q": "lid", "to": "/kb/some-article/"})
        for _number in range(5)
    ]

    assert [response["Location"] for response in responses] == ["/kb/some-article/"] * 5
    assert DeflectionEvent.objects.count() == 3
    other_address = Client(REMOTE_ADDR="10.0.0.9").get(
        reverse("search:suggestion-open"), {"q": "lid", "to": "/kb/some-article/"}
    )
    assert other_address.status_code == 302
    assert DeflectionEvent.objects.count() == 4
