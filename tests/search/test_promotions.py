"""Editors' promoted results (Wagtail's "Promoted search results"): first on the results page,
labelled, not repeated below, and only while the page they point to is live and public."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from cms.enums import Layer
from community.common.page_cache import forget_kept_pages

pytestmark = pytest.mark.django_db

PROMOTIONS_URL = "/admin/searchpicks/"


def _promote(query: str, page=None, *, description="", order=0, **link):
    return SearchPromotion.objects.create(
        query=Query.get(query), page=page, description=description, sort_order=order, **link
    )


def _search(client, query: str, **filters):
    return client.get(reverse("search"), {"q": query, **filters})


def _promoted_titles(response) -> list[str]:
    return [result.title for result in response.context["promoted"]]


def _hit_titles(response) -> list[str]:
    return [hit.title for hit in response.context["hits"]]


def test_a_promoted_page_comes_first_labelled_with_its_description_and_only_once(
    client, article_factory, question_factory
):
    returns = article_factory(title="How to return a product", layer=Layer.AFTER_BUYING)
    question_factory(title="Can I return a pan I have used?")
    _promote("Return ", returns, description="Thirty days, with the label from your e-mail.")

    response = _search(client, "return")

    assert _promoted_titles(response) == ["How to return a product"]
    assert _hit_titles(response) == ["Can I return a pan I have used?"]
    page = response.content.decode()
    promoted_at = page.index("Thirty days, with the label from your e-mail.")
    assert page.index(">Recommended</span>") < promoted_at < page.index("Can I return a pan")
    assert page.count("How to return a product</a>") == 1


def test_a_promotion_shows_for_a_query_the_search_finds_nothing_for(client, article_factory):
    warranty = article_factory(title="What the warranty covers", layer=Layer.AFTER_BUYING)
    _promote("guarantee", warranty)

    response = _search(client, "Guarantee")

    assert _promoted_titles(response) == ["What the warranty covers"]
    assert "Nothing found" not in response.content.decode()


def test_promotions_of_draft_and_private_pages_are_not_shown(client, article_factory):
    draft = article_factory(title="Returns policy draft", live=False)
    private = article_factory(title="Returns for staff only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = article_factory(title="How to return a product")
    for order, page in enumerate((draft, private, public)):
        _promote("returns", page, order=order)

    response = _search(client, "returns")

    assert _promoted_titles(response) == ["How to return a product"]
    page = response.content.decode()
    assert "Returns policy draft" not in page
    assert "Returns for staff only" not in page


def test_an_external_link_can_be_promoted(client):
    _promote(
        "opening hours",
        external_link_url="https://shop.example.com/contact",
        external_link_text="Customer service opening hours",
    )

    page = _search(client, "opening hours").content.decode()

    assert 'href="https://shop.example.com/contact"' in page
    assert "Customer service opening hours" in page


def test_promotions_are_in_the_editors_order(client, article_factory):
    first = article_factory(title="Start here")
    second = article_factory(title="Then this")
    _promote("kettle", second, order=1)
    _promote("kettle", first, order=0)

    assert _promoted_titles(_search(client, "kettle")) == ["Start here", "Then this"]


def test_a_filtered_search_shows_what_it_asks_for_without_promotions(
    client, article_factory, question_factory
):
    returns = article_factory(title="How to return a product")
    question_factory(title="Can I return a pan I have used?")
    _promote("return", returns)

    response = _search(client, "return", type="question")

    assert response.context["promoted"] == []
    assert "Recommended" not in response.content.decode()


def test_the_search_page_takes_the_same_queries_however_many_promotions(
    client, article_factory, django_assert_max_num_queries
):
    articles = [article_factory(title=f"Descaling guide {n}") for n in range(4)]
    _promote("descaling", articles[0])
    _search(client, "descaling")  # the first search fills caches the others use
    # A change to the site: the same search is made afresh, as after the promotions below.
    forget_kept_pages()
    with CaptureQueriesContext(connection) as one_promotion:
        _search(client, "descaling")
    for order, article in enumerate(articles[1:], start=1):
        _promote("descaling", article, order=order)
    _promote("descaling", external_link_url="https://example.com/", external_link_text="Elsewhere")

    with django_assert_max_num_queries(len(one_promotion)):
        response = _search(client, "descaling")

    assert len(response.context["promoted"]) == 5


def test_a_promoted_page_opens_through_the_click_counter(client, article_factory):
    returns = article_factory(title="How to return a product")
    _promote("returns", returns)

    link = _search(client, "returns").context["promoted"][0].link

    assert link.startswith(reverse("search:click") + "?")
    assert client.get(link)["Location"] == returns.url


@pytest.mark.parametrize("group", ["Moderators", "Editors"])
def test_staff_and_editors_manage_promoted_results(client, user_factory, article_factory, group):
    article = article_factory(title="How to return a product")
    member = user_factory(username="manager")
    member.groups.add(Group.objects.get(name=group))
    client.force_login(member)

    assert client.get(PROMOTIONS_URL).status_code == 200
    response = client.post(
        PROMOTIONS_URL + "add/",
        {
            "query_string": "refund",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(article.pk),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "All about refunds.",
            "editors_picks-0-ORDER": "1",
            "editors_picks-0-DELETE": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert _promoted_titles(_search(client, "refund")) == ["How to return a product"]


def test_customers_cannot_reach_promoted_results_in_the_admin(customer_client):
    response = customer_client.get(PROMOTIONS_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_users_without_the_permission_cannot_add_promotions(client, staff_user):
    client.force_login(staff_user)  # may use the admin (tests/search/conftest.py), no more

    response = client.get(PROMOTIONS_URL + "add/")

    assert response.status_code in (302, 403)
    assert not SearchPromotion.objects.exists()
