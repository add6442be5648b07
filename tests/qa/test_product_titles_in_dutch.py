"""Questions and reviews name their product (an English page of the catalogue) by its Dutch
title to a member who reads the site in Dutch, where a live Dutch translation exists; in
English otherwise. The title is joined to the rows: no query more for any number of them."""

import pytest

from tests.conftest import DUTCH, ENGLISH, page_text
from tests.qa.test_listing import LIST_QUERIES

pytestmark = pytest.mark.django_db


def test_a_dutch_reader_sees_the_products_dutch_title_in_the_question_list(
    client, question_factory, skillet
):
    question_factory(title="Does the skillet work on induction?", product=skillet)

    listing = page_text(client, "/questions/", **DUTCH)

    assert f'?product={skillet.pk}">Gietijzeren koekenpan</a>' in listing
    assert "Cast-iron skillet" not in listing


def test_an_english_reader_sees_the_english_title_in_the_question_list(
    client, question_factory, skillet
):
    question_factory(title="Does the skillet work on induction?", product=skillet)

    listing = page_text(client, "/questions/", **ENGLISH)

    assert f'?product={skillet.pk}">Cast-iron skillet</a>' in listing
    assert "Gietijzeren koekenpan" not in listing


def test_a_product_without_a_live_dutch_translation_keeps_its_title(
    client, question_factory, product_factory, translate_page
):
    kettle = product_factory(title="Whistling kettle")
    translate_page(kettle, publish=False, title="Fluitketel")
    question_factory(title="Is the whistle loud?", product=kettle)
    question_factory(title="A question about no product?")

    listing = page_text(client, "/questions/", **DUTCH)

    assert ">Whistling kettle</a>" in listing
    assert "Fluitketel" not in listing
    assert "A question about no product?" in listing


def test_the_list_narrowed_to_a_product_names_it_in_dutch(client, question_factory, skillet):
    question_factory(title="Does the skillet work on induction?", product=skillet)

    listing = page_text(client, f"/questions/?product={skillet.pk}", **DUTCH)

    assert "<strong>Gietijzeren koekenpan</strong>" in listing


def test_the_question_page_names_and_links_its_product_in_the_readers_language(
    client, question_factory, skillet
):
    question = question_factory(title="Does the skillet work on induction?", product=skillet)

    dutch = page_text(client, question.get_absolute_url(), **DUTCH)
    english = page_text(client, question.get_absolute_url(), **ENGLISH)

    assert f'<a href="{skillet.url}">Gietijzeren koekenpan</a>' in dutch
    assert "Cast-iron skillet" not in dutch
    assert f'<a href="{skillet.url}">Cast-iron skillet</a>' in english
    assert "Gietijzeren koekenpan" not in english


def test_the_review_list_and_a_review_name_the_product_in_dutch(client, review_factory, skillet):
    review = review_factory(product=skillet, title="Heats evenly")

    reviews = page_text(client, f"/reviews/product/{skillet.pk}/", **DUTCH)
    one = page_text(client, review.get_absolute_url(), **DUTCH)
    english = page_text(client, f"/reviews/product/{skillet.pk}/", **ENGLISH)

    assert "Gietijzeren koekenpan" in reviews
    assert "Cast-iron skillet" not in reviews
    assert "Gietijzeren koekenpan" in one
    assert "Cast-iron skillet" not in one
    assert "Cast-iron skillet" in english
    assert "Gietijzeren koekenpan" not in english


def test_a_members_profile_names_the_products_of_their_posts_in_dutch(
    client, question_factory, review_factory, skillet
):
    review = review_factory(product=skillet)
    question_factory(author=review.author, title="Does it rust?", product=skillet)
    profile = f"/users/{review.author.username}/"

    questions = page_text(client, f"{profile}?tab=questions", **DUTCH)
    reviews = page_text(client, f"{profile}?tab=reviews", **DUTCH)

    assert "Gietijzeren koekenpan" in questions
    assert "Gietijzeren koekenpan" in reviews
    assert "Cast-iron skillet" not in questions + reviews


def test_the_ask_form_names_the_products_in_dutch_and_keeps_the_original(client, customer, skillet):
    client.force_login(customer)

    form = page_text(client, "/questions/ask/", **DUTCH)

    assert f'<option value="{skillet.pk}">Gietijzeren koekenpan</option>' in form
    assert "Cast-iron skillet" not in form


@pytest.mark.parametrize("count", [1, 5])
def test_the_dutch_titles_cost_no_query_more_for_any_number_of_products(
    client, django_assert_max_num_queries, question_factory, product_factory, translate_page, count
):
    for number in range(count):
        product = product_factory(title=f"Pan {number}")
        translate_page(product, title=f"Pan {number} in het Nederlands")
        question_factory(title=f"Does pan {number} fit?", product=product)

    # As many as an English reader's list: the titles come with the rows.
    with django_assert_max_num_queries(LIST_QUERIES):
        listing = page_text(client, "/questions/", **DUTCH)

    assert listing.count(" in het Nederlands</a>") == count


def test_the_review_form_names_the_product_in_dutch(client, buyer_factory, skillet):
    client.force_login(buyer_factory(product=skillet))

    form = page_text(client, f"/reviews/product/{skillet.pk}/write/", **DUTCH)

    assert "<strong>Gietijzeren koekenpan</strong>" in form
    assert "Cast-iron skillet" not in form


def test_a_refused_reviewer_is_told_about_the_product_in_dutch(client, customer, skillet):
    client.force_login(customer)  # never bought it

    response = client.get(f"/reviews/product/{skillet.pk}/write/", **DUTCH)

    assert response.status_code == 403
    assert "Gietijzeren koekenpan" in response.content.decode()
    assert "Cast-iron skillet" not in response.content.decode()


def test_editing_a_review_names_the_product_in_dutch(client, review_factory, skillet):
    review = review_factory(product=skillet)
    client.force_login(review.author)

    form = page_text(client, f"/reviews/{review.pk}/edit/", **DUTCH)

    assert "<strong>Gietijzeren koekenpan</strong>" in form


def test_the_staff_queue_names_the_products_in_dutch(client, review_factory, staff_user, skillet):
    review_factory(product=skillet)
    client.force_login(staff_user)

    queue = page_text(client, "/reviews/staff/unanswered/", **DUTCH)

    assert ">Gietijzeren koekenpan</a>" in queue
