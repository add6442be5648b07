"""Search names products in the reader's language: the product filter's choices and a product
found, by their Dutch titles for a member who reads the site in Dutch."""

import pytest
from django.urls import reverse

from tests.conftest import DUTCH, ENGLISH

pytestmark = pytest.mark.django_db


def test_the_product_filter_names_and_sorts_the_products_in_dutch(client, skillet, product_factory):
    product_factory(title="Dutch oven")  # no translation: its own title, sorted among them

    response = client.get(reverse("search"), {"q": "skillet"}, **DUTCH)

    choices = dict(response.context["product_choices"])
    assert choices[skillet.pk] == "Gietijzeren koekenpan"
    assert [title for _pk, title in response.context["product_choices"]] == [
        "Dutch oven",
        "Gietijzeren koekenpan",
    ]
    english = client.get(reverse("search"), {"q": "skillet"}, **ENGLISH)
    assert dict(english.context["product_choices"])[skillet.pk] == "Cast-iron skillet"


def test_a_product_found_is_titled_in_the_readers_language(client, skillet):
    dutch = client.get(reverse("search"), {"q": "cast iron skillet"}, **DUTCH)
    english = client.get(reverse("search"), {"q": "cast iron skillet"}, **ENGLISH)

    assert [hit.title for hit in dutch.context["hits"]] == ["Gietijzeren koekenpan"]
    assert 'class="search-result__title"><a href="/search/click/' in dutch.content.decode()
    assert ">Gietijzeren koekenpan</a></h2>" in dutch.content.decode()
    assert [hit.title for hit in english.context["hits"]] == ["Cast-iron skillet"]


def test_the_typeahead_names_a_product_in_the_readers_language_fresh_or_kept(client, skillet):
    """The first suggestion for what was typed and the kept one after it alike."""
    typeahead = reverse("search:typeahead")
    htmx = {"HTTP_HX_REQUEST": "true"}

    for _ in range(2):  # made afresh, then from the kept ranking
        dutch = client.get(typeahead, {"q": "cast iron skil"}, **htmx, **DUTCH).content.decode()
        english = client.get(typeahead, {"q": "cast iron skil"}, **htmx, **ENGLISH)
        assert "Gietijzeren koekenpan" in dutch
        assert "Cast-iron skillet" not in dutch
        assert "Cast-iron skillet" in english.content.decode()
