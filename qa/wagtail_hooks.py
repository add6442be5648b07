from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .views.promotion import candidate_answers_view


class TagViewSet(SnippetViewSet):
    """Staff decide which tags exist; customers pick from them when they ask."""

    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


register_snippet(TagViewSet)


@hooks.register("register_admin_urls")
def register_candidate_answers_url():
    return [path("kb/candidates/", candidate_answers_view, name="kb-candidate-answers")]


@hooks.register("register_admin_menu_item")
def register_candidate_answers_menu_item():
    return MenuItem(
        _("Candidate answers"), reverse("kb-candidate-answers"), icon_name="help", order=256
    )
