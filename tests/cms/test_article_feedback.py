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
