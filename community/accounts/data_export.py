""" "Your data": everything the site holds about a member, as a zip, and the signed link to it.

The zip holds one JSON file per registered kind of personal data (``personal_data``) and the
member's files (avatar, photos) under ``files/``. It is built in the background
(``tasks.personal_data_export``), kept apart from the public media (on local disk, or in a
private bucket) under a random name, and e-mailed as a signed link that works for
``PERSONAL_DATA_EXPORT_LINK_HOURS`` and only for the member it was made for. Old zips are
removed by ``purge_expired_data``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.translation import gettext as _

from community.notifications.mail import Letter, absolute, message_build, recipient_language

from .models import User
from .personal_data import personal_data_kinds

EXPORT_LINK_SALT = "accounts.personal-data-export"


def exports_storage() -> Storage:
    """Where the zips wait to be downloaded, never served by the web server itself: the
    private bucket ``STORAGES["exports"]`` when there is one (PERSONAL_DATA_EXPORT_BUCKET),
    else PERSONAL_DATA_EXPORT_ROOT on local disk."""
    if "exports" in settings.STORAGES:
        return storages["exports"]
    return FileSystemStorage(location=settings.PERSONAL_DATA_EXPORT_ROOT)


def personal_data_archive_build(*, user: User) -> str:
    """Write the member's zip; returns its name in ``exports_storage()``."""
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for kind in personal_data_kinds():
                if kind.export is not None:
                    rows = [dict(row) for row in kind.export(user)]
                    archive.writestr(
                        f"{kind.key}.json",
                        json.dumps(rows, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
                    )
                if kind.files is not None:
                    for name, stored in kind.files(user):
                        with (
                            stored.open("rb") as source,
                            archive.open(f"files/{kind.key}/{name}", "w") as target,
                        ):
                            shutil.copyfileobj(source, target)
        spool.seek(0)
        # The member's id first, so that erasing the account finds their zips.
        return exports_storage().save(f"{user.pk}-{uuid.uuid4().hex}.zip", File(spool))


def export_link_token(*, user: User, name: str) -> str:
    return signing.dumps({"user": user.pk, "name": name}, salt=EXPORT_LINK_SALT)


def export_link_read(token: str) -> tuple[int, str] | None:
    """(member id, zip name) of a link that is genuine and not expired; None otherwise."""
    try:
        payload = signing.loads(
            token, salt=EXPORT_LINK_SALT, max_age=settings.PERSONAL_DATA_EXPORT_LINK_HOURS * 3600
        )
    except signing.BadSignature:  # altered, or expired (SignatureExpired is one)
        return None
    return int(payload["user"]), str(payload["name"])


def personal_data_export_send(*, user: User) -> str:
    """Build the member's zip and e-mail them the link to it (account mail: always sent)."""
    name = personal_data_archive_build(user=user)
    url = absolute(
        reverse(
            "accounts:privacy-download", kwargs={"token": export_link_token(user=user, name=name)}
        )
    )
    hours = settings.PERSONAL_DATA_EXPORT_LINK_HOURS

    def letter() -> Letter:
        return Letter(
            to=user.email,
            subject=_("Your data from %(site)s is ready") % {"site": settings.WAGTAIL_SITE_NAME},
            template="emails/personal_data_export",
            context={"recipient": user, "download_url": url, "link_hours": hours},
        )

    message_build(letter, language=recipient_language(user)).send()
    return name


def _zip_names() -> list[str]:
    try:
        _folders, names = exports_storage().listdir("")
    except FileNotFoundError:
        return []
    return [name for name in names if name.endswith(".zip")]


def exports_erase(erasure) -> None:
    """An erased member's zips go with the account."""
    storage = exports_storage()
    for name in _zip_names():
        if name.startswith(f"{erasure.user.pk}-"):
            storage.delete(name)


def exports_purge(now) -> int:
    """Remove zips older than their links: nobody can download them any more."""
    storage = exports_storage()
    oldest = now - timedelta(hours=settings.PERSONAL_DATA_EXPORT_LINK_HOURS)
    purged = 0
    for name in _zip_names():
        if storage.get_modified_time(name) < oldest:
            storage.delete(name)
            purged += 1
    return purged
