from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Board


class BoardViewSet(SnippetViewSet):
    """Staff create, describe and order the forum's boards."""

    model = Board
    icon = "folder-open-inverse"
    menu_label = _("Forum boards")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order", "is_showcase", "topic_count", "post_count"]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("is_showcase"),
    ]


register_snippet(BoardViewSet)
