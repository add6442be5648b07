"""A buyer reviews a product with stars and a photo; another customer marks it helpful
without a page reload; staff reply publicly, and the reply shows under the review."""

import io
from datetime import timedelta

from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from shop.models import Purchase
from tests.conftest import PASSWORD


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()


def _sign_out(page):
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_a_buyer_reviews_others_find_it_helpful_and_the_shop_replies(
    page, user_factory, product_factory
):
    # A transactional test that ran just before (tests/qa, when run first) leaves the database
    # emptied of the pages the migrations made: product_factory puts them back first.
    product = product_factory(title="Cast-iron skillet", sku="SKL-28")
    buyer = user_factory(username="buyer", display_name="Bea Buyer")
    Purchase.objects.create(
        order_id="B-1",
        email=buyer.email,
        sku=product.sku,
        product=product,
        ordered_at=timezone.now() - timedelta(days=12),
        delivered_at=timezone.now() - timedelta(days=10),
    )
    user_factory(username="reader", display_name="Rita Reader")
    user_factory(username="support", display_name="Sam Support", is_staff=True)

    _sign_in(page, "buyer")
    page.goto(product.url)
    page.get_by_role("link", name="Write a review").click()
    page.get_by_label("4 stars – good").check()
    page.get_by_label("Title").fill("Sears like a dream")
    page.get_by_label("Your review").fill("Heats evenly and keeps the heat when the steak goes in.")
    page.get_by_label("Pros").fill("Even heat\nOven safe")
    page.locator("#id_photos-0-image").set_input_files(
        {"name": "steak.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
    )
    page.locator("#id_photos-0-alt_text").fill("A steak in the skillet")
    page.get_by_role("button", name="Post your review").click()

    review = page.get_by_role("article", name="Sears like a dream")
    expect(review).to_contain_text("Verified buyer")
    expect(review.get_by_role("img", name="4 out of 5 stars")).to_be_visible()
    expect(review.get_by_role("img", name="A steak in the skillet")).to_be_visible()
    _sign_out(page)

    _sign_in(page, "reader")
    page.goto(product.url)
    expect(
        page.get_by_text("Only customers who bought this product can review it.")
    ).to_be_visible()
    page.evaluate("window.__same_page = true")
    card = page.get_by_role("article", name="Sears like a dream")
    card.get_by_role("button", name="Helpful").click()
    expect(card.get_by_text("1 person found this helpful")).to_be_visible()
    assert page.evaluate("window.__same_page === true"), "marking helpful reloaded the page"
    _sign_out(page)

    _sign_in(page, "support")
    page.goto("/reviews/staff/unanswered/")
    page.get_by_role("link", name="Reply").click()
    page.get_by_label("Reply from the shop").fill("Thank you, Bea! Enjoy your steaks.")
    page.get_by_role("button", name="Publish the reply").click()
    reply = page.get_by_role("region", name="Reply from the shop")
    expect(reply).to_contain_text("Thank you, Bea! Enjoy your steaks.")
    expect(reply).to_contain_text("Sam Support")
