"""One Wagtail admin view with its own item in the admin menu, registered in one call."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


def register_admin_view(urls, *, label, icon, order, menu_item_class=MenuItem):
    """Add ``urls`` (``path()`` entries, each with a name) to the Wagtail admin and a menu item
    ``label`` that opens the first of them. ``menu_item_class`` decides who sees the item."""

    def admin_urls():
        return list(urls)

    def menu_item():
        return menu_item_class(label, reverse(urls[0].name), icon_name=icon, order=order)

    hooks.register("register_admin_urls", admin_urls)
    hooks.register("register_admin_menu_item", menu_item)
