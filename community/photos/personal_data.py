"""The photos a member uploaded, rows and files, for their download. They stay with the posts
they belong to when the account is erased (and go out of view with them when asked)."""

import posixpath

from community.accounts.personal_data import register_personal_data

from .models import Photo


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


def register() -> None:
    register_personal_data("photos", export=photos, files=photo_files)
