"""The photos a member uploaded, rows and files, for their download. They stay with the posts
they belong to when the account is erased (and go out of view with them when asked)."""

import posixpath

from community.accounts.personal_data import register_personal_data

from .models import KeptPhoto, Photo
from .services import kept_photos_drop


def photos(user):
    return Photo.objects.filter(owner=user).values(
        "id",
        "image",
        "alt_text",
        "width",
        "height",
        "target_type__model",
        "target_id",
        "created_at",
    )


def photo_files(user):
    for photo in Photo.objects.filter(owner=user).only("pk", "image"):
        if photo.image:
            yield f"{photo.pk}-{posixpath.basename(photo.image.name)}", photo.image


def kept_photos_erase(erasure) -> None:
    """Photos kept from a form that was sent back belong to no post: they go."""
    kept_photos_drop(KeptPhoto.objects.filter(owner=erasure.user))


def register() -> None:
    register_personal_data("photos", export=photos, files=photo_files)
    register_personal_data("kept_photos", erase=kept_photos_erase)
