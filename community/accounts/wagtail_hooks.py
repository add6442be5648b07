from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from community.common.admin_menu import register_admin_view

from . import admin_views
from .permissions import is_community_staff


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_community_staff(request.user)


register_admin_view(
    [path("members/erase/", admin_views.account_erase_view, name="accounts-erase")],
    label=_("Erase an account"),
    icon="user",
    order=900,
    menu_item_class=StaffMenuItem,
)
