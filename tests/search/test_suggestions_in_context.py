"""Suggestions while asking know the product and the phase (before/after buying) chosen in the
form: that product's articles and answered questions first, the phase's preferred."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.enums import Layer
from community.common.buying_phase import Phase
from community.moderation.services import content_hide

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _suggested(title, client=None, **context) -> list[str]:
    response = (client or Client()).get(
        reverse("search:suggestions"), {"title": title, **context}, **HTMX
    )
    assert response.status_code == 200
    return [hit.title for hit in response.context["suggestions"]]


@pytest.fixture
def two_grills(product_factory, question_factory):
    """Two products with similar answered questions; B's matches the typed words better."""
    grill_a = product_factory(title="Kamado grill", sku="GRILL-A")
    grill_b = product_factory(title="Kettle grill", sku="GRILL-B")
    question_factory(title="Grill grate rusts after rain", product=grill_a, answers=1)
    question_factory(title="Grill grate rusts after rain overnight", product=grill_b, answers=1)
    return grill_a, grill_b


def test_the_products_answered_question_comes_before_another_products(two_grills):
    grill_a, grill_b = two_grills
    typed = "grill grate rusts after rain overnight"

    assert _suggested(typed)[0] == "Grill grate rusts after rain overnight"
    on_a = _suggested(typed, product=grill_a.pk)
    assert on_a == ["Grill grate rusts after rain", "Grill grate rusts after rain overnight"]
    assert _suggested(typed, product=grill_b.pk)[0] == "Grill grate rusts after rain overnight"


def test_the_products_own_article_comes_first(two_grills, article_factory):
    grill_a, grill_b = two_grills
    article_factory(title="Grill grate care: rust after rain", products=[grill_a])

    on_a = _suggested("grill grate rusts after rain overnight", product=grill_a.pk)

    assert set(on_a[:2]) == {"Grill grate care: rust after rain", "Grill grate rusts after rain"}
    assert on_a[2] == "Grill grate rusts after rain overnight"  # the rest still follow


def test_the_chosen_phase_is_preferred(question_factory):
    question_factory(
        title="Espresso machine pump noise, is it loud?",
        phase=Phase.BEFORE_PURCHASE,
        answers=1,
    )
    question_factory(title="Espresso machine pump noise", phase=Phase.AFTER_PURCHASE, answers=1)
    typed = "espresso machine pump noise loud"

    assert _suggested(typed, phase="before")[0] == "Espresso machine pump noise, is it loud?"
    assert _suggested(typed, phase="after")[0] == "Espresso machine pump noise"


def test_an_article_of_the_phase_is_preferred(sections, article_factory):
    article_factory(
        section=sections[Layer.BEFORE_BUYING], title="Choosing a milk frother wand for foam"
    )
    article_factory(section=sections[Layer.AFTER_BUYING], title="Milk frother wand foam")
    typed = "milk frother wand foam"

    assert _suggested(typed, phase="before")[0] == "Choosing a milk frother wand for foam"
    assert _suggested(typed, phase="after")[0] == "Milk frother wand foam"


def test_odd_product_and_phase_values_are_ignored(two_grills):
    typed = "grill grate rusts after rain overnight"
    plain = _suggested(typed)

    for context in (
        {"product": "abc"},
        {"product": "-3"},
        {"product": "99999999999999999999999"},
        {"product": "424242"},  # no such product
        {"phase": "<script>"},
        {"phase": "during"},
    ):
        assert _suggested(typed, **context) == plain


def test_hidden_and_held_questions_of_the_product_are_never_suggested(
    two_grills, question_factory, staff_user, settings
):
    grill_a, _grill_b = two_grills
    hidden = question_factory(
        title="Grill grate rusts after rain, spam", product=grill_a, answers=1
    )
    content_hide(item=hidden, staff=staff_user, reason="Spam")
    settings.MODERATION_HOLD_FIRST_POSTS = 1
    question_factory(title="Grill grate rusts after rain, held", product=grill_a)

    anonymous = _suggested("grill grate rusts after rain", product=grill_a.pk)
    member_client = Client()
    member_client.force_login(hidden.author)
    member = _suggested("grill grate rusts after rain", member_client, product=grill_a.pk)

    assert anonymous == member
    assert not [title for title in anonymous if "spam" in title or "held" in title]


def test_the_ask_forms_send_their_product_and_phase_along(customer_client, product_factory):
    product = product_factory(title="Waffle iron")

    for page_url in (reverse("qa:question-ask") + f"?product={product.pk}", product.url):
        page = customer_client.get(page_url).content.decode()
        assert 'hx-include="#' in page and ', closest form"' in page
        assert 'hx-params="title,product,phase"' in page
        assert "change from:closest form" in page
