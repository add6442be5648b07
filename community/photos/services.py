"""The site's one way to store the photos someone uploaded with a forum post or a review."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.common.uploads import ImageUpload, image_variants

from .models import Photo


def photo_create(
    *, owner: User, upload, alt_text: str, target: models.Model, sort_order: int = 0
) -> Photo:
    """Check ``upload``, store a clean copy and a thumbnail, and attach them to ``target``.

    Call it inside the transaction that saves ``target``. Raises ValidationError with a message
    for the uploader: not a picture, too big, too many pixels, no description.
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
    photo = Photo(
        owner=owner,
        width=full.width,
        height=full.height,
        alt_text=alt_text[:250],
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        sort_order=sort_order,
    )
    photo.image.save(f"{name}.{full.extension}", full.content, save=False)
    photo.thumbnail.save(f"{name}.{thumbnail.extension}", thumbnail.content, save=False)
    photo.full_clean()
    photo.save()
    return photo


def photos_attach(
    *,
    target: models.Model,
    owner: User,
    photos: Sequence[ImageUpload],
    limit: int,
    too_many: str,
) -> list[Photo]:
    """Store ``photos`` with ``target``, after the ones it has, in their order.

    Forum posts and reviews both attach their photos here, inside the transaction that saves
    ``target``. ``limit`` is how many photos ``target`` may carry in all; ``too_many`` the
    refusal when there would be more, with %(count)s for the limit. A refused photo refuses
    them all, with its file name (or its number) before the reason, and the files stored so
    far are removed (the transaction drops their rows).
    """
    if not photos:
        return []
    taken = list(
        Photo.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        ).values_list("sort_order", flat=True)
    )
    if len(taken) + len(photos) > limit:
        raise ValidationError(too_many % {"count": limit}, code="too_many_photos")
    last = max(taken, default=0)
    stored: list[Photo] = []
    for number, photo in enumerate(photos, start=1):
        try:
            stored.append(
                photo_create(
                    owner=owner,
                    upload=photo.upload,
                    alt_text=photo.alt_text,
                    target=target,
                    sort_order=last + number,
                )
            )
        except ValidationError as error:
            _files_delete(stored)
            name = getattr(photo.upload, "name", "") or _("photo %(number)s") % {"number": number}
            raise ValidationError(
                [f"{name}: {message}" for message in error.messages], code=error.code
            ) from None
    return stored


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


def _files_delete(photos: Sequence[Photo]) -> None:
    for photo in photos:
        photo.image.delete(save=False)
        photo.thumbnail.delete(save=False)
