"""Numbers in addresses and forms that no row can have (beyond the database's integer range)
find nothing, exactly as a word in their place does; they never make the database fail."""

import pytest
from django.test import Client
from django.urls import reverse

from community.common.views import query_int

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("2147483647", 2**31 - 1),
        ("2147483648", None),
        (HUGE, None),
        ("0", None),
        ("-3", None),
        ("²", None),
        ("1e3", None),
        ("twelve", None),
        ("", None),
        (None, None),
    ],
)
def test_a_number_from_a_request_is_a_storable_positive_whole_number_or_none(value, expected):
    assert query_int(value) == expected


def test_the_question_list_for_a_huge_product_number_lists_as_for_a_word(
    client, question_factory, product
):
    question_factory(title="Does the lid fit the 28 cm pan?", product=product)

    huge = client.get(f"/questions/?product={HUGE}")
    word = client.get("/questions/?product=pan")

    assert huge.status_code == word.status_code == 200
    assert "Does the lid fit the 28 cm pan?" in huge.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        f"/questions/ask/?product={HUGE}",
        f"/search/?q=pan&product={HUGE}",
        f"/users/leaderboard/?product={HUGE}",
        f"/forum/general/new/?product={HUGE}",
    ],
)
def test_other_pages_with_a_huge_product_number_open(customer_client, board_factory, url):
    board_factory(name="General", slug="general")
    assert customer_client.get(url).status_code == 200


def test_reviews_filtered_by_a_huge_star_count_are_all_reviews(client, product):
    response = client.get(f"/reviews/product/{product.pk}/?stars={HUGE}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        f"/questions/{HUGE}/",
        f"/answers/{HUGE}/edit/",
        f"/reviews/product/{HUGE}/",
        f"/forum/topics/{HUGE}/",
        f"/forum/posts/{HUGE}/",
        f"/notifications/{HUGE}/open/",
    ],
)
def test_an_address_with_a_huge_id_is_not_found(customer_client, url):
    assert customer_client.get(url).status_code == 404


def test_following_something_with_a_huge_id_is_not_found(customer_client):
    response = customer_client.post(f"/notifications/follow/question/{HUGE}/", {"follow": "1"})
    assert response.status_code == 404


def test_a_moderator_deciding_on_a_huge_id_is_told_to_tick_an_item(staff_user):
    staff = Client()
    staff.force_login(staff_user)
    response = staff.post(
        reverse("moderation:decide"),
        {"items": [f"question:{HUGE}"], "action": "approve"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Please tick at least one item." in response.content.decode()
