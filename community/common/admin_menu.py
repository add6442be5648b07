"""Items of their own in the Wagtail admin menu, each registered in one call: an admin view
(``register_admin_view``), the list of a snippet model (``register_snippet_menu``), or a menu
of several snippet models' lists (``register_snippet_menu_group``)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup


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


class _SnippetMenuGroup(SnippetViewSetGroup):
    def __init__(self, *, label, icon, order, items):
        self.menu_label = label
        self.menu_icon = icon
        self.menu_order = order
        self.items = items
        super().__init__()


def snippet_menu_entry(model, *, label, icon, **options) -> SnippetViewSet:
    """One snippet model's list in a menu of several (``register_snippet_menu_group``);
    ``options`` as for ``register_snippet_menu``."""
    return SnippetViewSet(model=model, menu_label=label, icon=icon, **options)


def register_snippet_menu_group(*, label, icon, order, entries):
    """Let staff manage several snippet models that belong together from one menu item
    ``label`` that opens onto their lists (``entries``, made with ``snippet_menu_entry``).
    Each entry is shown to those who may see its model; the item to those who see any."""
    register_snippet(_SnippetMenuGroup(label=label, icon=icon, order=order, items=entries))
