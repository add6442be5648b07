"""A member starts a topic, another replies with a photo, sees it in the gallery, opens the
larger view with the keyboard, and follows the topic without a page reload."""

import io

from PIL import Image
from playwright.sync_api import expect

from forum.models import Board
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
    Image.new("RGB", (800, 600), "orange").save(buffer, format="JPEG")
    return buffer.getvalue()


def test_reply_with_a_photo_and_see_it_in_the_gallery(page, user_factory):
    Board.objects.create(name="Showcase", slug="showcase", is_showcase=True)
    user_factory(username="starter", display_name="Starter Sara")
    user_factory(username="helper", display_name="Helpful Hugo")

    _sign_in(page, "starter")
    page.goto("/forum/")
    page.get_by_role("link", name="Showcase").first.click()
    page.get_by_role("link", name="Show what you made").click()
    page.get_by_label("Title").fill("My first skillet pizza")
    page.get_by_label("Your post").fill("Crispy base, **great** pan.")
    page.get_by_role("button", name="Post your topic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My first skillet pizza")
    topic_url = page.url
    _sign_out(page)

    _sign_in(page, "helper")
    page.goto(topic_url)
    page.get_by_label("Your reply").fill("Mine came out like this!")
    page.locator("#id_photos-0-image").set_input_files(
        {"name": "pizza.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
    )
    page.locator("#id_photos-0-alt_text").fill("An orange pizza in a skillet")
    page.get_by_role("button", name="Post your reply").click()

    reply = page.get_by_role("article", name="Post by Helpful Hugo")
    expect(reply).to_contain_text("Mine came out like this!")
    thumbnail = reply.get_by_role("img", name="An orange pizza in a skillet").first
    expect(thumbnail).to_be_visible()
    # The larger view opens from the keyboard, without JavaScript of its own.
    reply.locator(".gallery__thumb").first.focus()
    page.keyboard.press("Enter")
    larger = page.get_by_role("dialog", name="An orange pizza in a skillet")
    expect(larger).to_be_visible()
    expect(larger.get_by_role("link", name="Open the full picture")).to_be_visible()
    larger.get_by_role("link", name="Close").click()
    expect(larger).to_be_hidden()

    # Posting followed the topic; stopping works in place with htmx.
    page.evaluate("window.__same_page = true")
    page.get_by_role("button", name="Stop following this topic").click()
    expect(page.get_by_role("button", name="Follow this topic")).to_be_visible()
    assert page.evaluate("window.__same_page === true"), "following reloaded the page"

    page.goto("/forum/showcase/")
    expect(page.get_by_role("link", name="My first skillet pizza")).to_be_visible()
