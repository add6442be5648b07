from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class AccountsConfig(app_registration.RegisteringAppConfig):
    """The site's own user model, sign-up and sign-in through allauth, and profiles."""

    name = "community.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    registers = ("profile_data",)

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .privacy_views import deletion_cancel_on_sign_in

        super().ready()
        user_logged_in.connect(deletion_cancel_on_sign_in, dispatch_uid="account-deletion-cancel")
