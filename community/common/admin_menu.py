"""Items of their own in the Wagtail admin menu, each registered in one call: an admin view
(``register_admin_view``) or the list of a snippet model (``register_snippet_menu``)."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet


def register_admin_view(urls, *, label, icon, order, menu_item_class=MenuItem):
    """Add ``urls`` (``path()`` entries, each with a name) to the Wagtail admin and a menu item
    ``label`` that opens the first of them. ``menu_item_class`` decides who sees the item."""

    def admin_urls():
        return list(urls)

    def menu_item():
        return menu_item_class(label, reverse(urls[0].name), icon_name=icon, order=order)

    hooks.register("register_admin_urls", admin_urls)
    hooks.register("register_admin_menu_item", menu_item)


def register_snippet_menu(model, *, label, icon, order, **options):
    """Let staff manage ``model`` as a snippet, from a menu item ``label`` of its own rather
    than from the shared "Snippets" menu. ``options`` are the view set's (``list_display``,
    ``search_fields``, ``ordering``, ``panels``, ...)."""
    register_snippet(
        SnippetViewSet(
            model=model,
            menu_label=label,
            icon=icon,
            menu_order=order,
            add_to_admin_menu=True,
            **options,
        )
    )
