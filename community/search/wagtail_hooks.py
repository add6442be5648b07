from django.urls import path
from django.utils.translation import gettext_lazy as _

from community.accounts.permissions import is_community_staff
from community.common.admin_menu import register_admin_view, register_snippet_menu

from . import admin_views
from .models import SearchSynonym

register_admin_view(
    "search/gaps/",
    [
        path("", admin_views.content_gaps_view, name="search-content-gaps"),
        path("handled/", admin_views.content_gap_handle_view, name="search-content-gap-handled"),
    ],
    label=_("Content gaps"),
    icon="search",
    order=258,
    shown_to=is_community_staff,
)


# Staff keep the groups of phrases customers use for the same thing.
register_snippet_menu(
    SearchSynonym,
    label=_("Search synonyms"),
    icon="resubmit",
    order=259,
    list_display=["__str__", "updated_at"],
    search_fields=["phrases"],
    ordering=["phrases"],
)
