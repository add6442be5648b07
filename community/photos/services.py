"""The site's one way to store the photos someone uploaded with a forum post or a review."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.common.storage import StorageUnavailable, storage_delete, storage_writes
from community.common.uploads import ImageUpload, image_variants

from .models import Photo


@dataclass(frozen=True)
class PreparedPhoto:
    """A checked picture whose clean copy and thumbnail are stored already, waiting for the
    row that attaches it to its post (written by ``photos_attach``)."""

    image_name: str
    thumbnail_name: str
    width: int
    height: int
    alt_text: str


def photo_prepare(*, owner: User, upload, alt_text: str) -> PreparedPhoto:
    """Check ``upload``, store a clean copy and a thumbnail, and say where they are.

    Decoding and resizing are slow: call it before the write transaction opens. Raises
    ValidationError with a message for the uploader: not a picture, too big, too many pixels,
    no description; ``StorageUnavailable`` when the media storage fails (nothing is kept).
    """
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise ValidationError(
            _("Please describe the photo in a few words, for people who cannot see it."),
            code="alt_text_missing",
        )
    full, thumbnail = image_variants(
        upload, max_sides=(settings.PHOTO_MAX_SIDE, settings.PHOTO_THUMBNAIL_SIDE)
    )
    # A random name: the uploader's file name can say more than they meant to share.
    name = uuid.uuid4().hex
    files = Photo(owner=owner)
    with storage_writes():
        files.image.save(f"{name}.{full.extension}", full.content, save=False)
        try:
            files.thumbnail.save(f"{name}.{thumbnail.extension}", thumbnail.content, save=False)
        except BaseException:
            storage_delete(files.image.storage, files.image.name)
            raise
    return PreparedPhoto(
        image_name=files.image.name,
        thumbnail_name=files.thumbnail.name,
        width=full.width,
        height=full.height,
        alt_text=alt_text[:250],
    )


@contextmanager
def photos_prepared(
    *, owner: User, photos: Sequence[ImageUpload], limit: int, too_many: str
) -> Iterator[list[PreparedPhoto]]:
    """Check and store ``photos`` (see ``photo_prepare``) for the post about to be written in
    the ``with`` block; if the block fails, their files are removed again.

    ``limit`` is how many photos one post may carry, ``too_many`` the refusal when there are
    more, with %(count)s for the limit. A refused photo refuses them all, with its file name
    (or its number) before the reason.
    """
    _room_check(taken=0, adding=len(photos), limit=limit, too_many=too_many)
    prepared: list[PreparedPhoto] = []
    try:
        for number, photo in enumerate(photos, start=1):
            try:
                prepared.append(
                    photo_prepare(owner=owner, upload=photo.upload, alt_text=photo.alt_text)
                )
            except StorageUnavailable:
                raise  # about the storage, not this photo: shown as it is
            except ValidationError as error:
                name = getattr(photo.upload, "name", "") or _("photo %(number)s") % {
                    "number": number
                }
                raise ValidationError(
                    [f"{name}: {message}" for message in error.messages], code=error.code
                ) from None
        yield prepared
    except BaseException:
        _files_delete(prepared)
        raise


def photos_attach(
    *,
    target: models.Model,
    owner: User,
    photos: Sequence[PreparedPhoto],
    limit: int,
    too_many: str,
) -> list[Photo]:
    """Attach the ``photos`` made by ``photos_prepared`` to ``target``, after the ones it has,
    in their order.

    Forum posts and reviews both attach their photos here, inside the transaction that saves
    ``target``; it only writes rows. ``limit`` and ``too_many`` as for ``photos_prepared``,
    counting the photos ``target`` carries already.
    """
    if not photos:
        return []
    taken = list(
        Photo.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        ).values_list("sort_order", flat=True)
    )
    _room_check(taken=len(taken), adding=len(photos), limit=limit, too_many=too_many)
    last = max(taken, default=0)
    stored = []
    for number, prepared in enumerate(photos, start=1):
        photo = Photo(
            owner=owner,
            image=prepared.image_name,
            thumbnail=prepared.thumbnail_name,
            width=prepared.width,
            height=prepared.height,
            alt_text=prepared.alt_text,
            target_type=ContentType.objects.get_for_model(target),
            target_id=target.pk,
            sort_order=last + number,
        )
        photo.full_clean()
        photo.save()
        stored.append(photo)
    return stored


def _room_check(*, taken: int, adding: int, limit: int, too_many: str) -> None:
    if taken + adding > limit:
        raise ValidationError(too_many % {"count": limit}, code="too_many_photos")


def photos_count(target: models.Model) -> int:
    """How many photos ``target`` carries (one query)."""
    return Photo.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).count()


def photos_remove(*, target: models.Model, photo_ids: Sequence[int]) -> int:
    """Take the photos ``photo_ids`` off ``target`` (others' photos are left alone).

    Their files go once the transaction commits: a refused change (a bad new photo, say)
    rolls the rows back, and their files must still be there. Returns how many went.
    """
    removed = Photo.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        pk__in=list(photo_ids),
    )
    doomed = list(removed)
    removed.delete()
    transaction.on_commit(lambda: _files_delete(doomed))
    return len(doomed)


def _files_delete(photos: Sequence[Photo | PreparedPhoto]) -> None:
    """Remove the files of ``photos`` (whose rows are gone or were never written); a storage
    that fails leaves them behind, logged, and never fails the request."""
    image_storage = Photo._meta.get_field("image").storage
    thumbnail_storage = Photo._meta.get_field("thumbnail").storage
    for photo in photos:
        if isinstance(photo, Photo):
            names = (photo.image.name, photo.thumbnail.name)
        else:
            names = (photo.image_name, photo.thumbnail_name)
        storage_delete(image_storage, names[0])
        storage_delete(thumbnail_storage, names[1])
