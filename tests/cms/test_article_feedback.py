import pytest
from django.test import Client
from django.urls import reverse

from cms.enums import Layer
from cms.models import ArticleFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(article_factory, knowledge_base):
    index, sections = knowledge_base
    return article_factory(section=sections[Layer.AFTER_BUYING], title="Descaling the kettle")


def _vote(client, article, helpful, comment="", htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        article.url + "feedback/", {"helpful": helpful, "comment": comment}, headers=headers
    )


def test_every_article_asks_whether_it_was_helpful(client, article):
    html = client.get(article.url).content.decode()
    assert "Was this helpful?" in html
    assert f'action="{article.url}feedback/"' in html


def test_a_member_counts_once_per_article(customer_client, customer, article):
    assert _vote(customer_client, article, "yes").status_code == 302
    _vote(customer_client, article, "no")
    feedback = ArticleFeedback.objects.get()
    assert feedback.user == customer and feedback.helpful
    assert "Glad it helped" in customer_client.get(article.url).content.decode()


def test_an_anonymous_visitor_counts_once_per_session(article):
    first, second = Client(), Client()
    _vote(first, article, "no")
    _vote(first, article, "yes")
    _vote(second, article, "yes")
    assert ArticleFeedback.objects.count() == 2
    assert ArticleFeedback.objects.filter(helpful=False, user=None).count() == 1


def test_no_then_an_optional_comment_is_stored(client, article):
    response = _vote(client, article, "no", htmx=True)
    html = response.content.decode()
    assert response.status_code == 200 and 'name="comment"' in html
    response = _vote(client, article, "no", comment="  Which   citric acid? ", htmx=True)
    assert "the editors will use your comment" in response.content.decode()
    feedback = ArticleFeedback.objects.get()
    assert not feedback.helpful and feedback.comment == "Which citric acid?"
    _vote(client, article, "no", comment="Overwrite?")
    feedback.refresh_from_db()
    assert feedback.comment == "Which citric acid?"


def test_bad_input_changes_nothing(client, article):
    assert _vote(client, article, "maybe").status_code == 302
    assert _vote(client, article, "no", comment="x" * 301).status_code == 302
    assert not ArticleFeedback.objects.exists()


def test_a_yes_vote_keeps_no_comment(customer_client, article):
    _vote(customer_client, article, "yes", comment="Great")
    assert ArticleFeedback.objects.get().comment == ""


def test_editors_see_the_counts_in_the_admin(client, user_factory, article):
    for helpful in ("yes", "no", "no"):
        _vote(Client(), article, helpful, comment="Too short" if helpful == "no" else "")
    client.force_login(user_factory(username="editor", is_superuser=True, is_staff=True))
    html = client.get(reverse("kb-article-feedback")).content.decode()
    assert "Descaling the kettle" in html
    assert '<td class="yes-count">1</td>' in html
    assert '<td class="no-count">2</td>' in html
    assert "Too short" in html


def test_customers_cannot_see_the_feedback_report(customer_client):
    assert customer_client.get(reverse("kb-article-feedback")).status_code in (302, 403)


def test_anonymous_votes_create_no_session_rows(article):
    from django.contrib.sessions.models import Session

    before = Session.objects.count()
    for _number in range(5):
        _vote(Client(), article, "no")

    assert Session.objects.count() == before
    assert ArticleFeedback.objects.filter(helpful=False, user=None).count() == 5


def test_an_anonymous_visitor_still_sees_and_completes_their_own_answer(article):
    visitor = Client()
    _vote(visitor, article, "no")
    _vote(visitor, article, "no", comment="Which citric acid?")

    assert ArticleFeedback.objects.get().comment == "Which citric acid?"
    assert "the editors will use your comment" in visitor.get(article.url).content.decode()


def test_anonymous_votes_beyond_the_limit_per_address_are_refused(article, settings):
    settings.KB_FEEDBACK_RATE_ADDRESS = "3/h"
    for _number in range(3):
        assert _vote(Client(), article, "no").status_code == 302

    refused = _vote(Client(), article, "no", htmx=True)

    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "try again later" in refused.content.decode()
    assert ArticleFeedback.objects.count() == 3


def test_members_are_not_held_by_the_anonymous_limit(customer_client, article, settings):
    settings.KB_FEEDBACK_RATE_ADDRESS = "1/h"
    _vote(Client(), article, "no")

    assert _vote(customer_client, article, "yes").status_code == 302
    assert ArticleFeedback.objects.filter(user__isnull=False).count() == 1
