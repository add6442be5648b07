from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from community.common.admin_menu import register_admin_view

from . import admin_views
from .permissions import is_community_staff

register_admin_view(
    "members/erase/",
    [path("", admin_views.account_erase_view, name="accounts-erase")],
    label=_("Erase an account"),
    icon="user",
    order=900,
    shown_to=is_community_staff,
)


@hooks.register("get_avatar_url")
def avatar_from_the_profile(user, size):
    """The admin shows the avatar the member chose on the site (Wagtail's default picture
    otherwise; never one fetched from an outside host)."""
    avatar = getattr(user, "avatar", None)
    return avatar.url if avatar else None
