"""The site's one way to store a photo someone uploaded (forum posts now, reviews later)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.common.uploads import image_variants

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


def photos_move(*, target_from: models.Model, target_to: models.Model) -> int:
    """Attach the photos of one item to another (when posts change hands, e.g. merged)."""
    from_type = ContentType.objects.get_for_model(target_from)
    return Photo.objects.filter(target_type=from_type, target_id=target_from.pk).update(
        target_type=ContentType.objects.get_for_model(target_to), target_id=target_to.pk
    )
