from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class ShopConfig(app_registration.RegisteringAppConfig):
    """The link with the webshop: its products and orders, imported or pushed through an API."""

    name = "shop"
    verbose_name = _("Shop link")
    registers = ("personal_data",)
