from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from community.accounts.permissions import is_community_staff

from . import admin_views


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [
        path("search/gaps/", admin_views.content_gaps_view, name="search-content-gaps"),
        path(
            "search/gaps/handled/",
            admin_views.content_gap_handle_view,
            name="search-content-gap-handled",
        ),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_community_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_content_gaps_menu_item():
    return StaffMenuItem(
        _("Content gaps"), reverse("search-content-gaps"), icon_name="search", order=258
    )
