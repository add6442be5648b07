from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The site's own user model, sign-up and sign-in through allauth, and profiles."""

    name = "community.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
