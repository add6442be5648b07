from django.utils.translation import gettext_lazy as _

from community.common.admin_menu import register_snippet_menu

from .models import Board

# Staff create, describe and order the forum's boards.
register_snippet_menu(
    Board,
    label=_("Forum boards"),
    icon="folder-open-inverse",
    order=270,
    list_display=["name", "slug", "sort_order", "is_showcase", "topic_count", "post_count"],
    search_fields=["name", "description"],
    ordering=["sort_order", "name"],
    panels=Board.panels_of("name", "slug", "description", "sort_order", "is_showcase"),
)
