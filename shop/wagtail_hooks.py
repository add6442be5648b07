from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.models import ProductPage

from .services import purchases_link_product


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def link_purchases_to_edited_product(request, page):
    """A product added or given a new SKU by an editor picks up the purchases of its SKU."""
    if isinstance(page, ProductPage):
        purchases_link_product(product=page)


class ShopAdminMenuItem(MenuItem):
    """Shown to staff who may see purchases or manage the shop's API tokens."""

    def is_shown(self, request):
        user = request.user
        return user.is_staff and (
            user.has_perm("shop.view_purchase") or user.has_perm("shop.view_shopapitoken")
        )


@hooks.register("register_admin_menu_item")
def register_shop_menu_item():
    return ShopAdminMenuItem(
        _("Shop link"),
        reverse("admin:app_list", kwargs={"app_label": "shop"}),
        icon_name="link",
        order=900,
    )
