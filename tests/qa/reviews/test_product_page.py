"""Reviews on the product page: rating summary, the way to write one (or why not), the most
helpful reviews, customers' photos, and schema.org Product with AggregateRating."""

import json
import re

import pytest
from allauth.account.models import EmailAddress

from community.accounts.models import User
from community.common.page_cache import forget_kept_pages
from community.common.uploads import ImageUpload
from community.moderation.services import content_hide
from qa.models import Review
from qa.services import (
    rating_summary_refresh,
    review_helpful_toggle,
)
from tests.conftest import image_upload

pytestmark = pytest.mark.django_db


def _product_json_ld(html: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        entity = json.loads(block)
        if entity.get("@type") == "Product":
            return entity
    raise AssertionError("no Product structured data on the page")


def test_the_summary_shows_average_count_and_a_bar_per_star(client, product, review_factory):
    for rating in (5, 5, 4, 1):
        review_factory(product=product, rating=rating)

    html = client.get(product.url).content.decode()

    assert '<span class="rating-summary__value">3.8</span>' in html
    assert "4 reviews" in html
    assert f'href="/reviews/product/{product.pk}/?stars=5">5 stars</a>' in html
    assert '<rect class="rating-bar__fill" width="50"' in html  # two of four gave five stars
    assert f'href="/reviews/product/{product.pk}/">All 4 reviews</a>' in html


def test_the_most_helpful_three_reviews_are_shown(client, product, review_factory, user_factory):
    reviews = [review_factory(product=product, title=f"Review {n}") for n in range(5)]
    for _ in range(3):
        review_helpful_toggle(review=reviews[4], voter=user_factory())
    review_helpful_toggle(review=reviews[2], voter=user_factory())

    html = client.get(product.url).content.decode()

    shown = re.findall(r'class="review__title"[^>]*><a href="[^"]+">([^<]+)</a>', html)
    assert shown[:2] == ["Review 4", "Review 2"]
    assert len(shown) == 3


def test_customers_photos_show_in_a_gallery(client, product, review_factory):
    review_factory(product=product, photos=[ImageUpload(image_upload(), "Pancakes in it")])

    html = client.get(product.url).content.decode()

    assert "Customers&#x27; photos" in html or "Customers' photos" in html
    assert 'alt="Pancakes in it"' in html


def test_a_visitor_is_invited_to_sign_in_to_review(client, product):
    html = client.get(product.url).content.decode()

    assert "Sign in to write a review" in html
    assert "No reviews yet." in html


def test_a_member_who_did_not_buy_sees_why_they_cannot_review(client, product, user_factory):
    client.force_login(user_factory())

    html = client.get(product.url).content.decode()

    assert "Only customers who bought this product can review it." in html
    assert f"/reviews/product/{product.pk}/write/" not in html


def test_a_buyer_gets_the_write_button_and_after_reviewing_a_link_to_edit(
    client, buyer, product, review_factory
):
    client.force_login(buyer)
    assert (
        f'href="/reviews/product/{product.pk}/write/"' in client.get(product.url).content.decode()
    )

    review = review_factory(product=product, author=buyer)

    html = client.get(product.url).content.decode()
    assert f'href="/reviews/product/{product.pk}/write/"' not in html
    assert f'href="/reviews/{review.pk}/edit/"' in html


def test_structured_data_has_aggregate_rating_and_reviews_of_published_reviews_only(
    client, product, review_factory, staff_user
):
    review_factory(product=product, rating=5, title="Superb", body="Best pan I have ever owned.")
    review_factory(product=product, rating=3, title="Fine")
    hidden = review_factory(product=product, rating=1, title="Spam spam spam")
    content_hide(item=hidden, staff=staff_user, reason="Spam")

    entity = _product_json_ld(client.get(product.url).content.decode())

    assert entity["name"] == "Cast-iron skillet" and entity["sku"] == "SKILLET-28"
    assert entity["brand"] == {"@type": "Brand", "name": "Ferro"}
    assert entity["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.0,
        "reviewCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    names = {review["name"] for review in entity["review"]}
    assert names == {"Superb", "Fine"}
    superb = next(review for review in entity["review"] if review["name"] == "Superb")
    assert superb["reviewBody"] == "Best pan I have ever owned."
    assert superb["reviewRating"]["ratingValue"] == 5
    assert superb["author"]["@type"] == "Person"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", superb["datePublished"])


def test_structured_data_has_no_aggregate_rating_without_reviews(client, product):
    entity = _product_json_ld(client.get(product.url).content.decode())

    assert "aggregateRating" not in entity and "review" not in entity


def _bulk_reviews(product, count: int) -> None:
    """``count`` published reviews by as many authors, made fast, with the summary recounted."""
    users = User.objects.bulk_create(
        [User(username=f"bulk{n}", email=f"bulk{n}@example.com") for n in range(count)]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )
    Review.objects.bulk_create(
        [
            Review(
                product=product,
                author=user,
                rating=n % 5 + 1,
                title=f"Review {n}",
                body="Solid pan, heats evenly.",
                body_rendered="<p>Solid pan, heats evenly.</p>",
                helpful_count=n % 7,
            )
            for n, user in enumerate(users)
        ]
    )
    rating_summary_refresh(product_id=product.pk)


@pytest.mark.parametrize("count", [1, pytest.param(1000, marks=pytest.mark.slow)])
def test_the_product_page_costs_the_same_queries_for_1_and_1000_reviews(
    count, client, buyer, product, django_assert_max_num_queries
):
    _bulk_reviews(product, count)
    client.force_login(buyer)

    with django_assert_max_num_queries(45):
        response = client.get(product.url)

    assert response.status_code == 200
    assert f"{count} review" in response.content.decode()


@pytest.mark.parametrize("count", [1, pytest.param(1000, marks=pytest.mark.slow)])
def test_the_product_page_query_count_does_not_grow_with_reviews(
    count, client, product, django_assert_num_queries
):
    """The exact count: the same number with 1 and with 1,000 reviews."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(product.url)  # warm caches that are not about reviews (site root, ...)
    forget_kept_pages()  # but count the page's own work, not a page kept for visitors
    with CaptureQueriesContext(connection) as without_reviews:
        client.get(product.url)
    _bulk_reviews(product, count)

    with django_assert_num_queries(len(without_reviews) + 3):
        client.get(product.url)
