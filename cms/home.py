"""The home page: an editable welcome, the site's sections, and what apps add (sections.py)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from community.notifications.selectors import notifications_for

from .member_parts import (
    KnownViewRestrictions,
    known_route,
    note_view_restrictions,
    read_generation_first,
    remember_route,
)
from .sections import HOME_PAGE, compose
from .translation import route_elsewhere

UNREAD_SHOWN = 5


class HomePage(KnownViewRestrictions, Page):
    """The site's front door: an editable welcome that leads to every section."""

    intro = RichTextField(
        _("intro"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("A short welcome shown at the top of the home page."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # A member's product page or article is kept under the page generation: read it
        # before routing reads the page it is kept for (its serve() would be too late).
        read_generation_first(request)
        found = self._route(request, path_components)
        # Wagtail checks the page's view restrictions next: known under the generation.
        note_view_restrictions(request, found[0])
        return found

    def _route(self, request, path_components):
        found = known_route(self, request, path_components)
        if found is not None:
            return found
        # Wagtail routes from the home page in the active language (the site's root page's
        # translation): an address that tree has no page for is looked up in the others.
        try:
            found = super().route(request, path_components)
        except Http404:
            found = route_elsewhere(self, request, path_components) if path_components else None
            if found is None:
                raise
            return found  # not remembered: another tree's depths need not match this one's
        remember_route(self, request, path_components, found)
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(compose(HOME_PAGE, self, request))
        if request.user.is_authenticated:
            # The member's newest unread notifications greet them (one query).
            context["unread_notifications"] = list(
                notifications_for(user=request.user).filter(read_at__isnull=True)[:UNREAD_SHOWN]
            )
        return context
