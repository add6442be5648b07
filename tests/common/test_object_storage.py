"""Media on S3-compatible object storage, against a real local server (moto's server mode,
tests/common/conftest.py): members' photos and avatars, Wagtail's images and their renditions
and the product manuals are stored in the bucket and served from it; when the storage does
not answer, the member gets a clear "send it again" and nothing half-saved stays behind."""

from __future__ import annotations

import html
import io
import re
import urllib.request
import zipfile

import pytest
from PIL import Image

from community.photos.models import Photo
from community.settings.media_storage import private_storage
from deploy.stack import free_port
from forum.models import Post
from qa.models import Review
from tests.cms.factories import make_document, make_image, make_product
from tests.common.conftest import REGION, media_on_s3
from tests.conftest import image_upload
from tests.forum.conftest import photo_post_data
from tests.qa.reviews.conftest import review_form

# Each test talks to the server over loopback for a second or more.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

STORAGE_DOWN = "We could not store your picture just now"


def _fetch(url: str) -> bytes:
    """What a browser gets for ``url`` (only ever the local server: loopback)."""
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read()


def _picture(data: bytes) -> tuple[str, tuple[int, int]]:
    with Image.open(io.BytesIO(data)) as picture:
        return picture.format, picture.size


def _srcs(page: str, prefix: str) -> list[str]:
    """The addresses of the images and links on ``page`` that start with ``prefix``."""
    found = re.findall(r'(?:src|href)="([^"]+)"', page)
    return [html.unescape(url) for url in found if html.unescape(url).startswith(prefix)]


# SECTION members' uploads are stored in the bucket and served from it


def test_a_forum_reply_photo_is_stored_in_the_bucket_and_shown_from_it(
    customer_client, topic_factory, s3_bucket
):
    topic = topic_factory()

    response = customer_client.post(
        f"/forum/topics/{topic.pk}/reply/",
        {"body": "My pan, seasoned.", **photo_post_data((image_upload(), "A seasoned pan"))},
    )

    assert response.status_code == 302
    photo = Photo.objects.get()
    assert s3_bucket.stored() == sorted([photo.image.name, photo.thumbnail.name])
    page = customer_client.get(response["Location"], follow=True).content.decode()
    shown = _srcs(page, s3_bucket.media_url)
    # The thumbnail, and the full picture it opens.
    assert {url.split("?")[0] for url in shown} == {
        f"{s3_bucket.media_url}{photo.thumbnail.name}",
        f"{s3_bucket.media_url}{photo.image.name}",
    }
    thumbnail = next(url for url in shown if photo.thumbnail.name in url)
    full = next(url for url in shown if photo.image.name in url)
    assert _fetch(thumbnail) == s3_bucket.read(photo.thumbnail.name)
    assert _picture(_fetch(full)) == ("JPEG", (640, 480))


def test_a_review_photo_is_stored_in_the_bucket_and_shown_from_it(
    client, buyer_factory, product, s3_bucket
):
    buyer = buyer_factory(product=product)
    client.force_login(buyer)

    response = client.post(
        f"/reviews/product/{product.pk}/write/",
        {**review_form(), **photo_post_data((image_upload(size=(300, 200)), "On the hob"))},
    )

    assert response.status_code == 302
    review = Review.objects.get()
    photo = Photo.objects.get()
    assert photo.target == review
    page = client.get(review.get_absolute_url()).content.decode()
    (thumbnail,) = (url for url in _srcs(page, s3_bucket.media_url) if "thumbnails" in url)
    assert _picture(_fetch(thumbnail))[0] == "JPEG"
    assert photo.thumbnail.name in thumbnail


def test_an_avatar_is_stored_in_the_bucket_and_the_old_one_removed(
    customer_client, customer, s3_bucket
):
    for color in ("teal", "orange"):
        response = customer_client.post(
            "/accounts/profile/",
            {"display_name": "Kim", "bio": "", "avatar": image_upload(color=color)},
        )
        assert response.status_code == 302

    customer.refresh_from_db()
    assert s3_bucket.stored() == [customer.avatar.name]  # the first avatar went
    page = customer_client.get("/accounts/profile/").content.decode()
    shown = _srcs(page, s3_bucket.media_url)
    assert {url.split("?")[0] for url in shown} == {s3_bucket.media_url + customer.avatar.name}
    assert _picture(_fetch(shown[0])) == ("JPEG", (256, 256))


def test_wagtail_images_their_renditions_and_manuals_are_served_from_the_bucket(client, s3_bucket):
    image = make_image("Skillet")
    manual_text = b"%PDF-1.4\n% the skillet's manual\n%%EOF\n"
    product = make_product(
        title="Skillet", image=image, manuals=[make_document("Care", manual_text)]
    )

    page = client.get(product.url).content.decode()

    renditions = [url for url in _srcs(page, s3_bucket.media_url) if "images/" in url]
    assert renditions, "the product picture is shown from the bucket"
    for url in renditions:
        assert _picture(_fetch(url))[0] in {"PNG", "JPEG", "WEBP"}
    assert any(key.startswith("images/") for key in s3_bucket.stored())
    (manual_link,) = re.findall(r'href="(/documents/[^"]+)"', page)
    download = client.get(manual_link)
    assert download.status_code == 302  # to the bucket's (signed) address
    assert download["Location"].startswith(s3_bucket.media_url)
    assert _fetch(download["Location"]) == manual_text


def test_pages_still_answer_while_storage_is_down_even_for_a_picture_not_yet_resized(
    client, s3_bucket, settings, monkeypatch
):
    """Links to stored files are made without asking the storage; a rendition that cannot
    be made now is left out of the page rather than failing it."""
    product = make_product(title="Skillet", image=make_image("Skillet"))
    media_on_s3(
        settings, monkeypatch, endpoint=f"http://127.0.0.1:{free_port()}", bucket=s3_bucket.name
    )

    response = client.get(product.url)

    assert response.status_code == 200
    assert "Skillet" in response.content.decode()


def test_your_data_zips_wait_in_a_private_bucket_of_their_own(
    customer_client, customer, topic_factory, s3_bucket, settings, mailoutbox
):
    """Any app server hands out the zip the task worker made, with the member's photo
    read from the media bucket."""
    exports = f"{s3_bucket.name}-exports"
    s3_bucket.client.create_bucket(
        Bucket=exports, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": private_storage(settings.STORAGES["default"], exports),
    }
    customer_client.post(
        f"/forum/topics/{topic_factory().pk}/reply/",
        {"body": "Mine.", **photo_post_data((image_upload(), "My pan"))},
    )
    photo = Photo.objects.get()

    customer_client.post("/accounts/privacy/export/")

    (zip_name,) = (
        item["Key"] for item in s3_bucket.client.list_objects_v2(Bucket=exports)["Contents"]
    )
    assert zip_name.startswith(f"{customer.pk}-") and zip_name.endswith(".zip")
    assert not any(key.endswith(".zip") for key in s3_bucket.stored())
    link = re.search(r"http://testserver(/accounts/privacy/download/[^/\s]+/)", mailoutbox[-1].body)
    download = customer_client.get(link[1])
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    (stored_photo,) = (name for name in archive.namelist() if name.startswith("files/photos/"))
    assert archive.read(stored_photo) == s3_bucket.read(photo.image.name)


# SECTION object storage that does not answer during an upload


def test_a_reply_with_a_photo_while_storage_is_down_is_refused_and_the_text_kept(
    customer_client, topic_factory, s3_unreachable
):
    topic = topic_factory()

    response = customer_client.post(
        f"/forum/topics/{topic.pk}/reply/",
        {"body": "Typed with care.", **photo_post_data((image_upload(), "A pan"))},
    )

    assert response.status_code == 503
    page = response.content.decode()
    assert STORAGE_DOWN in page
    assert "Typed with care." in page
    assert not Post.objects.filter(body="Typed with care.").exists()
    assert not Photo.objects.exists()


def test_a_review_with_a_photo_while_storage_is_down_is_refused_and_nothing_saved(
    client, buyer_factory, product, s3_unreachable
):
    client.force_login(buyer_factory(product=product))

    response = client.post(
        f"/reviews/product/{product.pk}/write/",
        {
            **review_form(title="Kept while storage is away"),
            **photo_post_data((image_upload(), "On the hob")),
        },
    )

    assert response.status_code == 503
    page = response.content.decode()
    assert STORAGE_DOWN in page
    assert 'value="Kept while storage is away"' in page
    assert not Review.objects.exists()
    assert not Photo.objects.exists()


def test_a_new_avatar_while_storage_is_down_is_refused_and_the_profile_unchanged(
    customer_client, customer, s3_unreachable
):
    response = customer_client.post(
        "/accounts/profile/", {"display_name": "Kim", "bio": "Pans!", "avatar": image_upload()}
    )

    page = response.content.decode()
    assert STORAGE_DOWN in page
    assert 'value="Kim"' in page and "Pans!" in page
    customer.refresh_from_db()
    assert (customer.display_name, customer.bio, customer.avatar.name) == ("", "", "")


def test_storage_that_stops_between_two_photos_leaves_no_post_and_no_photo_rows(
    customer_client, topic_factory, s3_server, monkeypatch, caplog
):
    """The first photo is stored, then the storage goes away: the post is refused whole."""
    from storages.backends.s3 import S3Storage

    topic = topic_factory()
    real_save = S3Storage.save
    stored = []

    def save_and_stop_after_the_first_photo(storage, name, content, max_length=None):
        if len(stored) == 2:  # the first photo and its thumbnail are in
            s3_server.stop()
        stored.append(real_save(storage, name, content, max_length=max_length))
        return stored[-1]

    monkeypatch.setattr(S3Storage, "save", save_and_stop_after_the_first_photo)

    response = customer_client.post(
        f"/forum/topics/{topic.pk}/reply/",
        {
            "body": "Two photos.",
            **photo_post_data((image_upload(), "First"), (image_upload(), "Second")),
        },
    )

    assert response.status_code == 503
    page = response.content.decode()
    assert STORAGE_DOWN in page and "Two photos." in page
    assert len(stored) == 2
    assert not Post.objects.filter(body="Two photos.").exists()
    assert not Photo.objects.exists()
    # The first photo's files could not be removed either: they are left, and logged.
    assert "could not remove" in caplog.text
