"""A member adds a second photo slot on demand, forgets a description, finds both photos kept
on the re-shown form, posts them, and opens and closes the photo viewer with the keyboard."""

import io

from PIL import Image
from playwright.sync_api import expect

from community.photos.models import Photo

from .test_forum_journey import _sign_in


def _jpeg(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), color).save(buffer, format="JPEG")
    return buffer.getvalue()


def _file(name: str, color: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": _jpeg(color)}


def test_add_another_photo_keep_them_after_an_error_and_close_the_viewer_with_escape(
    page, user_factory, topic_factory, settings
):
    settings.FORUM_MAX_PHOTOS = 3
    topic = topic_factory(title="Seasoning a carbon steel pan")
    user_factory(username="poster", display_name="Pia Poster")
    _sign_in(page, "poster")
    page.goto(topic.get_absolute_url())

    # One slot to begin with; "Add another photo" opens the next, up to the limit.
    expect(page.locator("#id_photos-0-image")).to_be_visible()
    expect(page.locator("#id_photos-1-image")).to_be_hidden()
    add = page.get_by_role("button", name="Add another photo")
    page.locator("#id_photos-0-image").set_input_files(_file("pan.jpg", "black"))
    page.get_by_label("What does it show?").first.fill("The pan after seasoning")
    add.click()
    expect(page.locator("#id_photos-1-image")).to_be_focused()
    page.locator("#id_photos-1-image").set_input_files(_file("oil.jpg", "gold"))
    add.click()
    expect(page.locator("#id_photos-2-image")).to_be_focused()
    expect(add).to_be_hidden()  # the limit is reached

    # No description for the second photo: the form comes back with both photos kept.
    page.get_by_label("Your reply").fill("Three rounds of oil did it.")
    page.get_by_role("button", name="Post your reply").click()
    expect(page.get_by_text("describe the photo").first).to_be_visible()
    expect(page.get_by_text("pan.jpg kept")).to_be_visible()
    expect(page.get_by_text("oil.jpg kept")).to_be_visible()
    expect(page.locator("#id_photos-0-alt_text")).to_have_value("The pan after seasoning")
    page.locator("#id_photos-1-alt_text").fill("The oil I used")
    page.get_by_role("button", name="Post your reply").click()

    reply = page.get_by_role("article", name="Post by Pia Poster")
    expect(reply).to_contain_text("Three rounds of oil did it.")
    assert [photo.alt_text for photo in Photo.objects.order_by("sort_order")] == [
        "The pan after seasoning",
        "The oil I used",
    ]

    # The viewer opens from the keyboard, closes with Escape, and the focus goes back.
    thumbnail = reply.locator(".gallery__thumb").nth(1)
    thumbnail.focus()
    page.keyboard.press("Enter")
    viewer = page.get_by_role("dialog", name="The oil I used")
    expect(viewer).to_be_visible()
    expect(viewer.get_by_role("link", name="Close")).to_be_focused()
    caption = viewer.locator("figcaption")
    expect(caption).to_have_text("The oil I used")
    assert caption.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    expect(thumbnail).to_be_focused()
