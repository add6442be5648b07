"""Items of their own in the Wagtail admin menu, each registered in one call: an admin view
(``register_admin_view``) or the list of a snippet model (``register_snippet_menu``)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet


class _AdminViewMenuItem(MenuItem):
    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to is None or self.shown_to(request.user)


def register_admin_view(prefix, urls, *, label, icon, order, shown_to=None):
    """Add ``urls`` (``path()`` entries, each with a name) to the Wagtail admin below
    ``prefix``, and a menu item ``label`` that opens the first of them. ``shown_to`` (a
    function of the user), if given, decides who sees the item; the views check their own
    permission."""

    def admin_urls():
        return [path(prefix, include(list(urls)))]

    def menu_item():
        return _AdminViewMenuItem(
            label, reverse(urls[0].name), icon_name=icon, order=order, shown_to=shown_to
        )

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
