from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    """The link with the webshop: its products and orders, imported or pushed through an API."""

    name = "shop"
    label = "shop"
    verbose_name = _("Shop link")

    def ready(self):
        from . import personal_data

        personal_data.register()
