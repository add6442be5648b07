from django.conf import settings
from django.core.exceptions import ValidationError

from community.common.models import save_checked
from community.common.storage import StorageUnavailable, storage_delete, storage_writes
from community.common.transactions import write_transaction
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
    language: str | None = None,
) -> User:
    """Change a member's public profile.

    ``avatar``: a newly uploaded picture, False to remove the current one, None to keep it.
    A new picture is checked, made upright, cropped square to ``AVATAR_SIZE`` and stored
    without its metadata under a name of our own. Raises ValidationError, by field, with a
    message for the member when the picture is not one we accept or the media storage fails
    (nothing is changed then).
    ``credit_in_articles``: whether promoted articles may name them; None keeps it.
    ``language``: the language of the e-mails they get (a code of LANGUAGES); None keeps it.
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
    old_avatar = user.avatar.name if user.avatar else ""
    if avatar is False:
        user.avatar = None
    elif avatar_file is not None:
        # Stored before the write transaction opens, and removed again if the row fails.
        try:
            with storage_writes():
                user.avatar.save("avatar.jpg", avatar_file.content, save=False)
        except StorageUnavailable as refusal:
            raise ValidationError({"avatar": refusal.error_list}) from refusal
    new_avatar = user.avatar.name if user.avatar else ""
    try:
        _profile_store(
            user=user,
            display_name=display_name,
            bio=bio,
            credit_in_articles=credit_in_articles,
            language=language,
        )
    except BaseException:
        if new_avatar and new_avatar != old_avatar:
            storage_delete(user.avatar.storage, new_avatar)
        raise
    if old_avatar and old_avatar != new_avatar:
        storage_delete(user.avatar.storage, old_avatar)
    return user


@write_transaction
def _profile_store(
    *,
    user: User,
    display_name: str,
    bio: str,
    credit_in_articles: bool | None,
    language: str | None,
) -> None:
    user.display_name = display_name
    user.bio = bio
    if credit_in_articles is not None:
        user.credit_in_articles = credit_in_articles
    if language is not None:
        user.language = language
    save_checked(
        user, update_fields=["display_name", "bio", "avatar", "credit_in_articles", "language"]
    )


def language_remember(*, user: User, language: str | None) -> None:
    """Keep ``language`` (a browser's, say ``nl-be``) as the member's e-mail language when the
    site speaks it, or its main language (``nl``); otherwise leave theirs as it is."""
    if not language:
        return
    known = {code for code, _name in settings.LANGUAGES}
    for candidate in (language.lower(), language.lower().split("-")[0]):
        if candidate in known:
            if user.language != candidate:
                user.language = candidate
                user.save(update_fields=["language"])
            return
