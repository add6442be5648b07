"""Fixtures every test may use. Factories take keyword options and make only what is asked."""

from __future__ import annotations

import io
import itertools
import os
import tempfile

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.accounts.models import User

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test in a file of this run's own instead of shared-cache memory.

    Threads of a shared-cache memory database lock each other out at once ("database table
    is locked") instead of waiting, so tests of concurrent writes could not run on it. The
    file is named after the process, so simultaneous test runs never share it.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = os.path.join(tempfile.gettempdir(), f"community-test-{os.getpid()}.sqlite3")
        database.setdefault("TEST", {})["NAME"] = name


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Fill Django's content-type cache once, as a running site has it after its first
    request: a page's query count then does not depend on which test ran first."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    with django_db_blocker.unblock():
        ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Every test gets its own media folder and an empty cache (rate limits live there)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user_factory(db):
    def make(
        *,
        username: str | None = None,
        email: str | None = None,
        verified: bool = True,
        is_staff: bool = False,
        is_superuser: bool = False,
        password: str = PASSWORD,
        **fields,
    ) -> User:
        n = next(_counter)
        username = username or f"member{n}"
        email = email or f"{username}@example.com"
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            is_staff=is_staff,
            is_superuser=is_superuser,
            **fields,
        )
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def customer(user_factory):
    return user_factory(username="customer")


@pytest.fixture
def staff_user(user_factory):
    return user_factory(username="staffer", is_staff=True)


@pytest.fixture
def customer_client(client, customer):
    client.force_login(customer)
    return client


def image_upload(
    *,
    name: str = "photo.jpg",
    size: tuple[int, int] = (640, 480),
    image_format: str = "JPEG",
    exif: bytes | None = None,
    color: str = "teal",
) -> SimpleUploadedFile:
    """A real image file as a browser would upload it."""
    buffer = io.BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif else {}
    image.save(buffer, format=image_format, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
