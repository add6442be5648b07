"""Demo members of each role, for `manage.py seed_demo`.

Their passwords are public on purpose: the sign-in page lists them in development.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import User

DEMO_PASSWORD = "community-demo"  # noqa: S105 (public on purpose)


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    display_name: str
    bio: str
    password: str = DEMO_PASSWORD
    is_staff: bool = False
    groups: tuple[str, ...] = ()
    address: str = ""  # the member's e-mail address, when not <username>@example.com

    @property
    def email(self) -> str:
        return self.address or f"{self.username}@example.com"


DEMO_ACCOUNTS = [
    DemoAccount(_("Customer"), "anna", "Anna de Vries", "Keen home cook and cyclist."),
    DemoAccount(_("Customer"), "bram", "Bram Jansen", "Buys too many gadgets."),
    DemoAccount(_("Customer"), "carla", "Carla Smit", "Runner, tinkerer, reviewer."),
    DemoAccount(
        _("Staff"),
        "sam",
        "Sam from Support",
        "I answer for the shop's support team.",
        is_staff=True,
        groups=("Moderators",),
    ),
    DemoAccount(
        _("Editor"),
        "eva",
        "Eva (Editor)",
        "I look after the knowledge base.",
        groups=("Editors",),
    ),
]


def member_ensure(account: DemoAccount) -> bool:
    """Make sure the demo member exists with a verified address; True when it was created."""
    user, created = User.objects.get_or_create(
        username=account.username,
        defaults={
            "email": account.email,
            "display_name": account.display_name,
            "bio": account.bio,
            "is_staff": account.is_staff,
        },
    )
    if created:
        user.set_password(account.password)
        user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=account.groups))
    EmailAddress.objects.get_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return created


@transaction.atomic
def seed(stdout) -> None:
    created = sum(member_ensure(account) for account in DEMO_ACCOUNTS)
    stdout.write(f"Demo members: {created} created, {len(DEMO_ACCOUNTS) - created} already there.")
