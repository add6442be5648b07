from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.accounts.permissions import is_community_staff
from community.common.admin_menu import register_admin_view

from . import admin_views
from .models import SearchSynonym


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_community_staff(request.user)


register_admin_view(
    [
        path("search/gaps/", admin_views.content_gaps_view, name="search-content-gaps"),
        path(
            "search/gaps/handled/",
            admin_views.content_gap_handle_view,
            name="search-content-gap-handled",
        ),
    ],
    label=_("Content gaps"),
    icon="search",
    order=258,
    menu_item_class=StaffMenuItem,
)


class SearchSynonymViewSet(SnippetViewSet):
    """Staff keep the groups of phrases customers use for the same thing."""

    model = SearchSynonym
    icon = "resubmit"
    menu_label = _("Search synonyms")
    menu_order = 259
    add_to_admin_menu = True
    list_display = ["__str__", "updated_at"]
    search_fields = ["phrases"]
    ordering = ["phrases"]


register_snippet(SearchSynonymViewSet)
