"""The account's own part of a member's data: profile, addresses, linked sign-ins, avatar.

Its eraser runs last (``deletion.account_row_erase``): the others still see the addresses."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.utils.translation import gettext_lazy as _

from community.common.retention import register_retention_purge

from .data_export import exports_erase, exports_purge
from .deletion import account_row_erase
from .models import User
from .personal_data import register_personal_data


def profile(user: User):
    return User.objects.filter(pk=user.pk).values(
        "username",
        "display_name",
        "first_name",
        "last_name",
        "email",
        "bio",
        "avatar",
        "credit_in_articles",
        "language",
        "reputation",
        "date_joined",
        "last_login",
        "suspended_until",
        "suspension_reason",
    )


def email_addresses(user: User):
    return EmailAddress.objects.filter(user=user).values("email", "verified", "primary")


def social_accounts(user: User):
    return SocialAccount.objects.filter(user=user).values(
        "provider", "uid", "date_joined", "last_login", "extra_data"
    )


def avatar_files(user: User):
    if user.avatar:
        yield "avatar.jpg", user.avatar


def register() -> None:
    register_personal_data("profile", export=profile, files=avatar_files, position=0)
    register_personal_data("email_addresses", export=email_addresses, position=0)
    register_personal_data("social_accounts", export=social_accounts, position=0)
    register_personal_data("exports", erase=exports_erase)
    register_personal_data("account", erase=account_row_erase, position=1000)
    register_retention_purge("data-exports", exports_purge, label=_("“Your data” downloads"))
