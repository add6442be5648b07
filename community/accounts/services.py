from django.conf import settings
from django.core.exceptions import ValidationError

from community.common.uploads import ImageUpload, image_process

from .models import User
from .names import name_refusal


def profile_update(
    *,
    user: User,
    display_name: str,
    bio: str,
    avatar: ImageUpload | bool | None,
    credit_in_articles: bool | None = None,
) -> User:
    """Change a member's public profile.

    ``avatar``: a newly uploaded picture, False to remove the current one, None to keep it.
    A new picture is checked, made upright, cropped square to ``AVATAR_SIZE`` and stored
    without its metadata under a name of our own. Raises ValidationError, by field, with a
    message for the member when the picture is not one we accept (nothing is changed then).
    ``credit_in_articles``: whether promoted articles may name them; None keeps it.
    A new display name that would pass for the shop's staff (``names.name_refusal``) is
    refused the same way.
    """
    if display_name != user.display_name:
        # A name kept since before it became reserved (a new colleague's) is not taken away.
        refusal = name_refusal(display_name, user=user)
        if refusal:
            raise ValidationError({"display_name": refusal}, code="reserved_name")
    avatar_file = None
    if isinstance(avatar, ImageUpload):
        # Decoded before anything changes, so that a refused picture changes nothing.
        try:
            avatar_file = image_process(avatar.upload, max_side=settings.AVATAR_SIZE, square=True)
        except ValidationError as refusal:
            raise ValidationError({"avatar": refusal.error_list}) from None
    user.display_name = display_name
    user.bio = bio
    if credit_in_articles is not None:
        user.credit_in_articles = credit_in_articles
    old_avatar = user.avatar.name if user.avatar else ""
    if avatar is False:
        user.avatar = None
    elif avatar_file is not None:
        user.avatar.save("avatar.jpg", avatar_file.content, save=False)
    user.full_clean()
    user.save(update_fields=["display_name", "bio", "avatar", "credit_in_articles"])
    new_avatar = user.avatar.name if user.avatar else ""
    if old_avatar and old_avatar != new_avatar:
        user.avatar.storage.delete(old_avatar)
    return user
