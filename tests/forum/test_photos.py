"""Photos on posts: what is accepted, what is refused (clearly, keeping the text), and how
they are cleaned and shown."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from community.photos.models import Photo
from community.photos.services import photo_prepare
from forum.models import Post, Topic
from tests.conftest import image_upload

from .conftest import photo_post_data, upload_of

pytestmark = pytest.mark.django_db

KEPT = "browsers cannot keep chosen files"


def _gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0), 3: "E", 4: (4.0, 53.0, 0.0)}  # GPS
    return exif.tobytes()


def _reply(client, topic, *photos, body="Look at this!", total=None):
    return client.post(
        f"/forum/topics/{topic.pk}/reply/",
        {"body": body, **photo_post_data(*photos, total=total)},
    )


def test_a_reply_carries_photos_shown_in_a_gallery(customer_client, topic_factory):
    topic = topic_factory()

    response = _reply(
        customer_client,
        topic,
        (image_upload(name="a.jpg"), "The pan on the hob"),
        (image_upload(name="b.png", image_format="PNG"), "The lid"),
        (image_upload(name="c.webp", image_format="WEBP"), "The handle"),
    )

    assert response.status_code == 302
    post = Post.objects.get(body="Look at this!")
    photos = list(Photo.objects.order_by("sort_order"))
    assert [p.alt_text for p in photos] == ["The pan on the hob", "The lid", "The handle"]
    assert all(p.target == post for p in photos)
    html = customer_client.get(response["Location"], follow=True).content.decode()
    for photo in photos:
        assert f'href="#photo-{photo.pk}"' in html  # thumbnail opens the larger view
        assert f'src="{photo.thumbnail.url}" alt="{photo.alt_text}"' in html
        assert f'id="photo-{photo.pk}"' in html
        assert f'href="{photo.image.url}"' in html  # and the full picture


def test_a_new_topic_can_carry_photos(customer_client, board):
    response = customer_client.post(
        f"/forum/{board.slug}/new/",
        {
            "title": "My first loaf",
            "body": "Crusty.",
            **photo_post_data((image_upload(), "A loaf of bread")),
        },
    )

    assert response.status_code == 302
    assert Photo.objects.get().target == Topic.objects.get().first_post


def test_photos_lose_their_location_and_stand_upright(customer_client, topic_factory):
    topic = topic_factory()

    _reply(customer_client, topic, (image_upload(size=(400, 200), exif=_gps_exif()), "Pan"))

    photo = Photo.objects.get()
    for field in (photo.image, photo.thumbnail):
        with Image.open(field.path) as stored:
            assert not stored.getexif()
            assert "exif" not in stored.info
    assert (photo.width, photo.height) == (200, 400)  # turned by its orientation


def test_photos_get_a_thumbnail_and_a_random_name(customer_client, topic_factory, settings):
    settings.PHOTO_THUMBNAIL_SIDE = 100
    topic = topic_factory()

    _reply(customer_client, topic, (image_upload(name="my-home-address.jpg"), "Pan"))

    photo = Photo.objects.get()
    with Image.open(photo.thumbnail.path) as thumbnail:
        assert max(thumbnail.size) == 100
    assert "my-home-address" not in photo.image.name


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (upload_of(b"just some text, not a picture", "photo.jpg"), "not a picture we can read"),
        (
            upload_of(
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                "drawing.svg",
                "image/svg+xml",
            ),
            "not a picture we can read",
        ),
        (
            upload_of(b"GIF89a" + b"\x00" * 40, "anim.gif", "image/gif"),
            "not a picture we can read",
        ),
    ],
    ids=["text-named-jpg", "svg", "gif"],
)
def test_files_that_are_not_accepted_pictures_are_refused_and_the_text_kept(
    customer_client, topic_factory, upload, message
):
    topic = topic_factory()

    response = _reply(customer_client, topic, (upload, "Something"), body="My careful words")

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "My careful words" in html
    assert KEPT in html
    assert not Post.objects.filter(body="My careful words").exists()
    assert not Photo.objects.exists()


def test_a_file_over_the_size_limit_is_refused(customer_client, topic_factory, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    topic = topic_factory()

    response = _reply(
        customer_client, topic, (image_upload(size=(800, 800)), "Big"), body="Words kept"
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "the largest we accept is" in html
    assert "Words kept" in html and KEPT in html


def test_a_picture_with_too_many_pixels_is_refused(customer_client, topic_factory, settings):
    settings.UPLOAD_MAX_PIXELS = 100 * 100
    topic = topic_factory()

    response = _reply(customer_client, topic, (image_upload(size=(200, 200)), "Wide"))

    assert response.status_code == 400
    assert "200 × 200 pixels, which is more than we accept" in response.content.decode()
    assert not Photo.objects.exists()


def test_a_decompression_bomb_is_refused(customer_client, topic_factory, monkeypatch):
    # A tiny file that claims a huge canvas: Pillow's own bomb guard must refuse it.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50 * 50)
    topic = topic_factory()
    buffer = io.BytesIO()
    Image.new("1", (400, 400)).save(buffer, format="PNG")
    bomb = upload_of(buffer.getvalue(), "bomb.png", "image/png")

    response = _reply(customer_client, topic, (bomb, "Bomb"), body="Kept text")

    html = response.content.decode()
    assert response.status_code == 400
    assert "too large to process" in html or "more than we accept" in html
    assert "Kept text" in html


def test_more_photos_than_allowed_are_refused(customer_client, topic_factory, settings):
    settings.FORUM_MAX_PHOTOS = 2
    topic = topic_factory()

    response = _reply(
        customer_client,
        topic,
        *[(image_upload(name=f"{n}.jpg"), f"Photo {n}") for n in range(3)],
        body="Three photos",
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 2 photos" in html
    assert "Three photos" in html
    assert not Photo.objects.exists()


def test_a_photo_without_a_description_is_refused(customer_client, topic_factory):
    topic = topic_factory()

    response = _reply(customer_client, topic, (image_upload(), "  "), body="No alt")

    html = response.content.decode()
    assert response.status_code == 400
    assert "describe the photo" in html
    # The picture itself was fine: it is kept for the next sending, not lost.
    assert "No alt" in html and "photo.jpg kept" in html and KEPT not in html
    assert not Post.objects.filter(body="No alt").exists()


def test_one_bad_photo_among_good_ones_saves_nothing(customer_client, topic_factory, settings):
    topic = topic_factory()

    response = _reply(
        customer_client,
        topic,
        (image_upload(), "Good"),
        (upload_of(b"nope", "bad.jpg"), "Bad"),
    )

    assert response.status_code == 400
    assert "bad.jpg" in response.content.decode()
    assert not Photo.objects.exists()
    assert topic.posts.count() == 1
    assert not [path for path in (settings.MEDIA_ROOT / "photos").rglob("*") if path.is_file()]


def test_the_photo_service_refuses_a_missing_description(customer, topic_factory):
    topic_factory()

    with pytest.raises(ValidationError):
        photo_prepare(owner=customer, upload=image_upload(), alt_text="")


def test_an_iphone_heic_photo_is_accepted_and_stored_as_jpeg(customer_client, topic_factory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "orange").save(buffer, format="HEIF")
    heic = SimpleUploadedFile("IMG_0001.HEIC", buffer.getvalue(), content_type="image/heic")

    response = _reply(customer_client, topic_factory(), (heic, "Sunset over the barbecue"))

    assert response.status_code == 302
    photo = Photo.objects.get()
    with Image.open(photo.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (800, 600)


def test_a_disk_that_cannot_take_the_photo_refuses_the_post_and_keeps_the_text(
    customer_client, topic_factory, settings
):
    """Local media storage failing (a full or read-only disk) is met as object storage
    that does not answer: "send it again", the text kept, nothing saved."""
    topic = topic_factory()
    settings.MEDIA_ROOT.parent.mkdir(parents=True, exist_ok=True)
    settings.MEDIA_ROOT.write_text("a file where the media folder should be")

    response = _reply(customer_client, topic, (image_upload(), "A pan"), body="Kept for later.")

    assert response.status_code == 503
    page = response.content.decode()
    assert "We could not store your picture just now" in page
    assert "Kept for later." in page
    assert topic.posts.count() == 1
    assert not Photo.objects.exists()
