"""The one image upload path (community.common.uploads), as the photo and avatar services
call it: what survives of a file's metadata, which pictures are accepted, and how much
decoding may happen at once."""

import io
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from community.common import uploads
from community.common.uploads import image_process, image_variants

SECRETS = (b"SECRET-COMMENT", b"SECRET-TEXT", b"SECRET-ZTXT", b"SECRET-ITXT", b"SECRET-XMP")


def _upload(data: bytes, name: str, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = "SECRET-EXIF"  # image description
    exif[0x8825] = {1: "N", 2: (52.0, 22.0, 0.0), 3: "E", 4: (4.0, 53.0, 0.0)}  # GPS
    return exif.tobytes()


def _srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _jpeg_with_metadata() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "teal").save(
        buffer,
        "JPEG",
        comment=b"SECRET-COMMENT",
        exif=_exif(),
        icc_profile=_srgb_profile(),
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>SECRET-XMP</x:xmpmeta>",
    )
    return _upload(buffer.getvalue(), "photo.jpg", "image/jpeg")


def _png_with_text_chunks() -> SimpleUploadedFile:
    text = PngImagePlugin.PngInfo()
    text.add_text("comment", "SECRET-COMMENT")  # tEXt; Pillow reads it as a JPEG comment
    text.add_text("Author", "SECRET-TEXT")
    text.add_text("Software", "SECRET-ZTXT", zip=True)  # zTXt
    text.add_itxt("Description", "SECRET-ITXT", lang="en")  # iTXt
    text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>SECRET-XMP</x:xmpmeta>")
    buffer = io.BytesIO()
    # Without transparency: nothing is flattened, the decoded picture itself is written out.
    Image.new("RGB", (640, 480), "teal").save(
        buffer, "PNG", pnginfo=text, exif=_exif(), icc_profile=_srgb_profile()
    )
    return _upload(buffer.getvalue(), "photo.png", "image/png")


def _assert_no_metadata(data: bytes) -> None:
    for secret in (*SECRETS, b"SECRET-EXIF"):
        assert secret not in data
    with Image.open(io.BytesIO(data)) as stored:
        for key in ("comment", "exif", "icc_profile", "xmp"):
            assert key not in stored.info, key
        assert not stored.getexif()


@pytest.mark.parametrize("picture", [_jpeg_with_metadata, _png_with_text_chunks])
def test_a_photo_keeps_no_comment_text_chunk_profile_exif_or_xmp(picture):
    full, thumbnail = image_variants(picture(), max_sides=(2048, 480))
    for variant in (full, thumbnail):
        _assert_no_metadata(variant.content.read())


@pytest.mark.django_db
@pytest.mark.parametrize("picture", [_jpeg_with_metadata, _png_with_text_chunks])
def test_an_avatar_keeps_no_comment_or_text_chunk(customer_client, customer, picture):
    response = customer_client.post(
        "/accounts/profile/", {"display_name": "", "bio": "", "avatar": picture()}
    )
    assert response.status_code == 302
    customer.refresh_from_db()
    with customer.avatar.open("rb") as stored:
        _assert_no_metadata(stored.read())


def _mpo(first: str = "red", second: str = "blue") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), first).save(
        buffer, "MPO", save_all=True, append_images=[Image.new("RGB", (800, 600), second)]
    )
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"
    return _upload(buffer.getvalue(), "IMG_0001.JPG", "image/jpeg")


def test_a_multi_picture_jpeg_from_a_phone_is_taken_as_its_first_picture():
    full, thumbnail = image_variants(_mpo(), max_sides=(2048, 480))
    with Image.open(full.content) as stored:
        assert stored.format == "JPEG"  # one ordinary picture, not a multi-picture file
        assert stored.size == (800, 600)
        red, green, blue = stored.getpixel((400, 300))
        assert red > 200 and green < 50 and blue < 50  # the first picture, not the second
    assert (thumbnail.width, thumbnail.height) == (480, 360)


@pytest.mark.django_db
def test_a_member_sets_a_multi_picture_jpeg_as_avatar(customer_client, customer):
    response = customer_client.post(
        "/accounts/profile/", {"display_name": "", "bio": "", "avatar": _mpo()}
    )
    assert response.status_code == 302
    customer.refresh_from_db()
    with Image.open(customer.avatar.path) as stored:
        assert (stored.format, stored.size) == ("JPEG", (256, 256))


def test_pillow_refuses_pictures_over_the_upload_limit_everywhere(settings):
    # Editors' images in the admin are decoded by Pillow too; its bomb limit is ours.
    assert settings.UPLOAD_MAX_PIXELS == Image.MAX_IMAGE_PIXELS


def _png(size: tuple[int, int]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return _upload(buffer.getvalue(), "picture.png", "image/png")


def test_a_picture_that_alone_needs_more_than_the_decoding_memory_is_refused(settings):
    settings.IMAGE_DECODE_MEMORY_MB = 1
    with pytest.raises(ValidationError) as refusal:
        image_process(_png((1000, 1000)), max_side=256, square=True)  # 4 MB decoded
    assert refusal.value.code == "image_too_large"
    assert "too large for us to process" in refusal.value.messages[0]
    # A JPEG of the same size decodes at an eighth of its size for an avatar: accepted.
    buffer = io.BytesIO()
    Image.new("RGB", (2048, 2048), "teal").save(buffer, "JPEG")
    avatar = image_process(_upload(buffer.getvalue(), "a.jpg", "image/jpeg"), max_side=256)
    assert (avatar.width, avatar.height) == (256, 256)


@pytest.fixture
def slow_decoding(monkeypatch):
    """Make each decode take a moment, and record how many run at once."""
    running = {"now": 0, "most": 0}
    lock = threading.Lock()
    thumbnail = Image.Image.thumbnail

    def counted(self, *args, **kwargs):
        with lock:
            running["now"] += 1
            running["most"] = max(running["most"], running["now"])
        time.sleep(0.2)
        try:
            return thumbnail(self, *args, **kwargs)
        finally:
            with lock:
                running["now"] -= 1

    monkeypatch.setattr(Image.Image, "thumbnail", counted)
    return running


def _at_once(count: int, work) -> list:
    results: list = []

    def run():
        try:
            results.append(work())
        except ValidationError as error:
            results.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_no_more_than_the_configured_number_of_pictures_are_decoded_at_once(
    settings, slow_decoding
):
    settings.IMAGE_DECODE_CONCURRENCY = 2
    results = _at_once(5, lambda: image_process(_png((300, 200)), max_side=256, square=True))
    assert all(not isinstance(result, ValidationError) for result in results)
    assert slow_decoding["most"] == 2


def test_an_upload_that_waits_too_long_for_its_turn_is_told_to_try_again(
    settings, slow_decoding, monkeypatch
):
    settings.IMAGE_DECODE_CONCURRENCY = 1
    monkeypatch.setattr(uploads._DecodeMemory, "WAIT_SECONDS", 0.05)
    results = _at_once(2, lambda: image_process(_png((300, 200)), max_side=256, square=True))
    refusals = [result for result in results if isinstance(result, ValidationError)]
    assert len(refusals) == 1
    assert refusals[0].code == "busy"
    assert "try again in a minute" in refusals[0].messages[0]
