from django.urls import path
from django.utils.translation import gettext_lazy as _

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
