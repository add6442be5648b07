"""Helpers for forum tests: photos as a browser uploads them (fixtures shared with other
folders are in tests/conftest.py)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.common.uploads import ImageUpload
from tests.conftest import image_upload


@pytest.fixture
def showcase(board_factory):
    return board_factory(name="Showcase", slug="showcase", is_showcase=True)


def photo(*, alt: str = "A teal square", **options) -> ImageUpload:
    return ImageUpload(image_upload(**options), alt)


def photo_post_data(*files_and_alts, total=None) -> dict:
    """The photo slots of a post form as a browser sends them."""
    data = {
        "photos-TOTAL_FORMS": str(total if total is not None else max(len(files_and_alts), 1)),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "6",
    }
    for index, (upload, alt) in enumerate(files_and_alts):
        if upload is not None:
            data[f"photos-{index}-image"] = upload
        data[f"photos-{index}-alt_text"] = alt
    return data


def png_bytes(size=(10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def upload_of(content: bytes, name: str, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
