from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The site's own user model, sign-up and sign-in through allauth, and profiles."""

    name = "community.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import profile_data
        from .privacy_views import deletion_cancel_on_sign_in

        profile_data.register()
        user_logged_in.connect(deletion_cancel_on_sign_in, dispatch_uid="account-deletion-cancel")
