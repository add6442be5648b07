"""The site's one way to store the photos someone uploaded with a forum post or a review."""

from __future__ import annotations

import posixpath
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.accounts.models import User
from community.common.models import save_checked
from community.common.storage import StorageUnavailable, storage_delete, storage_writes
from community.common.uploads import ImageUpload, image_variants

from .models import KeptPhoto, Photo


@dataclass(frozen=True)
class PreparedPhoto:
    """A checked picture whose clean copy and thumbnail are stored already, waiting for the
    row that attaches it to its post (written by ``photos_attach``)."""

    image_name: str
    thumbnail_name: str
    width: int
    height: int
    alt_text: str
    # The kept photo it comes from (its files become the photo's when it is attached).
    kept_id: int | None = None


@dataclass(frozen=True)
class KeptUpload:
    """A photo kept from a form that was sent back (``photo_keep``), chosen again by its
    owner with the words that describe it; ``photos_prepared`` takes it beside new uploads."""

    kept: KeptPhoto
    alt_text: str = ""


def photo_prepare(*, owner: User, upload, alt_text: str) -> PreparedPhoto:
    """Check ``upload``, store a clean copy and a thumbnail, and say where they are.

    Decoding and resizing are slow: call it before the write transaction opens. Raises
    ValidationError with a message for the uploader: not a picture, too big, too many pixels,
    no description; ``StorageUnavailable`` when the media storage fails (nothing is kept).
    """
    alt_text = _alt_text_checked(alt_text)
    files, full = _files_store(Photo(owner=owner), upload)
    return PreparedPhoto(
        image_name=files.image.name,
        thumbnail_name=files.thumbnail.name,
        width=full.width,
        height=full.height,
        alt_text=alt_text[:250],
    )


def _alt_text_checked(alt_text: str) -> str:
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise ValidationError(
            _("Please describe the photo in a few words, for people who cannot see it."),
            code="alt_text_missing",
        )
    return alt_text


def _files_store(files: Photo | KeptPhoto, upload):
    """Check ``upload`` and store its clean copy and thumbnail in ``files``'s fields (the row
    is not saved); returns ``files`` and the full copy."""
    full, thumbnail = image_variants(
        upload, max_sides=(settings.PHOTO_MAX_SIDE, settings.PHOTO_THUMBNAIL_SIDE)
    )
    # A random name: the uploader's file name can say more than they meant to share.
    name = uuid.uuid4().hex
    with storage_writes():
        files.image.save(f"{name}.{full.extension}", full.content, save=False)
        try:
            files.thumbnail.save(f"{name}.{thumbnail.extension}", thumbnail.content, save=False)
        except BaseException:
            storage_delete(files.image.storage, files.image.name)
            raise
    return files, full


def photo_keep(*, owner: User, upload) -> KeptPhoto:
    """Keep a photo chosen on a form that was sent back, so that the re-shown form can offer
    it again (``KeptUpload``) instead of asking for the file once more.

    The picture is checked as any upload is (size, pixels, format: ValidationError) and its
    clean copies are stored; the description stays on the form. A member holds at most
    ``PHOTO_KEEP_MAX`` kept photos: older ones go. Call it outside a transaction.
    """
    files, full = _files_store(KeptPhoto(owner=owner), upload)
    name = posixpath.basename(str(getattr(upload, "name", "") or "").replace("\\", "/"))
    try:
        files.width, files.height = full.width, full.height
        files.file_name = " ".join(name.split())[:255]
        files.save()
    except BaseException:
        _files_delete([files])
        raise
    kept_photos_trim(owner=owner)
    return files


def kept_photos_trim(*, owner: User) -> int:
    """Let go of ``owner``'s oldest kept photos beyond ``PHOTO_KEEP_MAX``."""
    surplus = list(
        KeptPhoto.objects.filter(owner=owner).order_by("-created_at", "-pk")[
            settings.PHOTO_KEEP_MAX :
        ]
    )
    return _kept_delete(surplus)


def kept_photos_valid(*, owner: User, tokens) -> dict[str, KeptPhoto]:
    """``owner``'s kept photos among ``tokens`` that may still be attached, by token (one
    query); another member's and expired ones are not among them."""
    tokens = [token for token in tokens if token]
    if not tokens or not getattr(owner, "is_authenticated", False):
        return {}
    fresh_since = timezone.now() - timedelta(hours=settings.PHOTO_KEEP_HOURS)
    return {
        kept.token: kept
        for kept in KeptPhoto.objects.filter(
            owner=owner, token__in=tokens, created_at__gte=fresh_since
        )
    }


def kept_photos_purge(now: datetime) -> int:
    """Kept photos nobody attached within ``PHOTO_KEEP_HOURS``, rows and files."""
    expired = list(
        KeptPhoto.objects.filter(created_at__lt=now - timedelta(hours=settings.PHOTO_KEEP_HOURS))
    )
    return _kept_delete(expired)


def kept_photos_drop(kept) -> int:
    """Delete the kept photos ``kept`` (rows and files); returns how many went."""
    return _kept_delete(list(kept))


def _kept_delete(kept: Sequence[KeptPhoto]) -> int:
    """Delete the rows of ``kept`` that are still there, and the files of those only: a row
    gone meanwhile may have been attached (``_kept_claim``), its files now a photo's."""
    deleted = []
    for item in kept:
        count, _by_model = KeptPhoto.objects.filter(pk=item.pk).delete()
        if count:
            deleted.append(item)
    _files_delete(deleted)
    return len(deleted)


@contextmanager
def photos_prepared(
    *, owner: User, photos: Sequence[ImageUpload | KeptUpload], limit: int, too_many: str
) -> Iterator[list[PreparedPhoto]]:
    """Check and store ``photos`` (see ``photo_prepare``) for the post about to be written in
    the ``with`` block; if the block fails, their files are removed again. Kept photos
    (``KeptUpload``) are stored already: they are taken as they are, and stay kept when the
    block fails.

    ``limit`` is how many photos one post may carry, ``too_many`` the refusal when there are
    more, with %(count)s for the limit. A refused photo refuses them all, with its file name
    (or its number) before the reason.
    """
    _room_check(taken=0, adding=len(photos), limit=limit, too_many=too_many)
    prepared: list[PreparedPhoto] = []
    try:
        for number, photo in enumerate(photos, start=1):
            try:
                if isinstance(photo, KeptUpload):
                    prepared.append(_kept_prepared(photo))
                    continue
                prepared.append(
                    photo_prepare(owner=owner, upload=photo.upload, alt_text=photo.alt_text)
                )
            except StorageUnavailable:
                raise  # about the storage, not this photo: shown as it is
            except ValidationError as error:
                name = _photo_name(photo) or _("photo %(number)s") % {"number": number}
                raise ValidationError(
                    [f"{name}: {message}" for message in error.messages], code=error.code
                ) from None
        yield prepared
    except BaseException:
        _files_delete([photo for photo in prepared if photo.kept_id is None])
        raise


def _photo_name(photo: ImageUpload | KeptUpload) -> str:
    if isinstance(photo, KeptUpload):
        return photo.kept.file_name
    return getattr(photo.upload, "name", "") or ""


def _kept_prepared(photo: KeptUpload) -> PreparedPhoto:
    kept = photo.kept
    return PreparedPhoto(
        image_name=kept.image.name,
        thumbnail_name=kept.thumbnail.name,
        width=kept.width,
        height=kept.height,
        alt_text=_alt_text_checked(photo.alt_text)[:250],
        kept_id=kept.pk,
    )


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
    counting the photos ``target`` carries already. Kept photos are claimed here: their rows
    go in the same transaction, and a kept photo that is gone meanwhile (attached from another
    tab, expired and purged) or is not ``owner``'s refuses them all.
    """
    if not photos:
        return []
    _kept_claim(owner=owner, kept_ids=[p.kept_id for p in photos if p.kept_id is not None])
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
        save_checked(photo)
        stored.append(photo)
    return stored


def _kept_claim(*, owner: User, kept_ids: list[int]) -> None:
    if not kept_ids:
        return
    claimed, _rows = KeptPhoto.objects.filter(owner=owner, pk__in=kept_ids).delete()
    if claimed != len(set(kept_ids)):
        raise ValidationError(_kept_gone_message(), code="kept_photo_gone")


def _kept_gone_message() -> str:
    return _("A photo you chose earlier is no longer available. Please choose it again.")


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


def _files_delete(photos: Sequence[Photo | KeptPhoto | PreparedPhoto]) -> None:
    """Remove the files of ``photos`` (whose rows are gone or were never written); a storage
    that fails leaves them behind, logged, and never fails the request."""
    image_storage = Photo._meta.get_field("image").storage
    thumbnail_storage = Photo._meta.get_field("thumbnail").storage
    for photo in photos:
        if isinstance(photo, Photo | KeptPhoto):
            names = (photo.image.name, photo.thumbnail.name)
        else:
            names = (photo.image_name, photo.thumbnail_name)
        storage_delete(image_storage, names[0])
        storage_delete(thumbnail_storage, names[1])
