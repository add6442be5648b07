from django.urls import path
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.common.admin_menu import register_admin_view

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


register_admin_view(
    [path("kb/candidates/", candidate_answers_view, name="kb-candidate-answers")],
    label=_("Candidate answers"),
    icon="help",
    order=256,
)
