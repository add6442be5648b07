"""A topic about a product names it by its Dutch title to a member who reads the site in
Dutch, where a live Dutch translation exists; the topic form offers the products so named."""

import pytest

from tests.conftest import DUTCH, ENGLISH, page_text

pytestmark = pytest.mark.django_db


def test_a_topic_names_its_product_in_the_readers_language(client, topic_factory, skillet):
    topic = topic_factory(title="My skillet after ten years", product=skillet)

    dutch = page_text(client, topic.get_absolute_url(), **DUTCH)
    english = page_text(client, topic.get_absolute_url(), **ENGLISH)

    assert f'<a href="{skillet.url}">Gietijzeren koekenpan</a>' in dutch
    assert "Cast-iron skillet" not in dutch
    assert f'<a href="{skillet.url}">Cast-iron skillet</a>' in english
    assert "Gietijzeren koekenpan" not in english


def test_a_topic_about_a_product_without_a_dutch_translation_keeps_its_title(
    client, topic_factory, product_factory
):
    kettle = product_factory(title="Whistling kettle")
    topic = topic_factory(title="My kettle collection", product=kettle)

    assert ">Whistling kettle</a>" in page_text(client, topic.get_absolute_url(), **DUTCH)


def test_the_topic_form_offers_the_products_by_their_dutch_titles(
    client, customer, board, skillet, product_factory
):
    product_factory(title="Whistling kettle")
    client.force_login(customer)

    form = page_text(client, f"/forum/{board.slug}/new/", **DUTCH)

    assert f'<option value="{skillet.pk}">Gietijzeren koekenpan</option>' in form
    assert ">Whistling kettle</option>" in form
    assert "Cast-iron skillet" not in form


def test_a_topic_posted_from_the_dutch_form_is_about_the_original_product(
    client, customer, board, skillet
):
    client.force_login(customer)

    response = client.post(
        f"/forum/{board.slug}/new/",
        {
            "title": "Seasoning my new skillet",
            "body": "This is how I did it.",
            "product": skillet.pk,
        },
        **DUTCH,
    )

    assert response.status_code == 302
    assert board.topics.get().product_id == skillet.pk
