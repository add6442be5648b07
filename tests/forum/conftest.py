import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from community.common.uploads import ImageUpload
from forum import services
from forum.models import Board
from tests.conftest import image_upload


@pytest.fixture
def board_factory(db):
    def make(*, name=None, slug=None, is_showcase=False, sort_order=0, description=""):
        count = Board.objects.count() + 1
        name = name or f"Board {count}"
        return Board.objects.create(
            name=name,
            slug=slug or f"board-{count}",
            is_showcase=is_showcase,
            sort_order=sort_order,
            description=description,
        )

    return make


@pytest.fixture
def board(board_factory):
    return board_factory(name="Tips and tricks", slug="tips")


@pytest.fixture
def showcase(board_factory):
    return board_factory(name="Showcase", slug="showcase", is_showcase=True)


@pytest.fixture
def topic_factory(user_factory, board_factory):
    def make(
        *,
        board=None,
        author=None,
        title=None,
        body="This is how I did it.",
        product=None,
        replies=0,
        photos=(),
    ):
        author = author or user_factory()
        topic = services.topic_create(
            board=board or board_factory(),
            author=author,
            title=title or f"A topic started by member {author.pk}",
            body=body,
            product=product,
            photos=list(photos),
        )
        for number in range(replies):
            services.reply_create(
                topic=topic, author=user_factory(), body=f"Reply number {number + 1}."
            )
        topic.refresh_from_db()
        return topic

    return make


@pytest.fixture
def reply_factory(user_factory):
    def make(*, topic, author=None, body="Nice, thanks for sharing!", photos=()):
        return services.reply_create(
            topic=topic, author=author or user_factory(), body=body, photos=list(photos)
        )

    return make


@pytest.fixture
def anonymous():
    return Client()


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
