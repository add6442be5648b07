from django.core.files.base import File

from .models import User


def profile_update(
    *,
    user: User,
    display_name: str,
    bio: str,
    avatar: File | bool | None,
    credit_in_articles: bool | None = None,
) -> User:
    """Change a member's public profile.

    ``avatar``: a new (already processed) picture, False to remove it, None to keep it.
    ``credit_in_articles``: whether promoted articles may name them; None keeps it.
    """
    user.display_name = display_name
    user.bio = bio
    if credit_in_articles is not None:
        user.credit_in_articles = credit_in_articles
    old_avatar = user.avatar.name if user.avatar else ""
    if avatar is False:
        user.avatar = None
    elif avatar is not None:
        user.avatar.save("avatar.jpg", avatar, save=False)
    user.full_clean()
    user.save(update_fields=["display_name", "bio", "avatar", "credit_in_articles"])
    new_avatar = user.avatar.name if user.avatar else ""
    if old_avatar and old_avatar != new_avatar:
        user.avatar.storage.delete(old_avatar)
    return user
