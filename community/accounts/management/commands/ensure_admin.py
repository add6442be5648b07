import os
import secrets

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from community.accounts.models import User


class Command(BaseCommand):
    help = (
        "Make sure an administrator account exists and say how to sign in. "
        "ADMIN_USERNAME, ADMIN_EMAIL and ADMIN_PASSWORD choose its details; without "
        "ADMIN_PASSWORD a password is generated and printed once, when the account is made."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        email = os.environ.get("ADMIN_EMAIL", f"{username}@example.com")
        chosen_password = os.environ.get("ADMIN_PASSWORD", "")

        user = User.objects.filter(username=username).first()
        if user is None:
            password = chosen_password or secrets.token_urlsafe(12)
            user = User.objects.create_superuser(username=username, email=email, password=password)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            self._say(username, password, "Created the administrator account.")
        elif chosen_password:
            user.set_password(chosen_password)
            user.save(update_fields=["password"])
            self._say(
                username, chosen_password, "Set the administrator's password from ADMIN_PASSWORD."
            )
        else:
            self.stdout.write(
                f"Administrator account: {username} (its password was printed when it was "
                "created; run again with ADMIN_PASSWORD=... to set a new one)."
            )

    def _say(self, username: str, password: str, what: str) -> None:
        self.stdout.write(self.style.SUCCESS(what))
        self.stdout.write("  Sign in at /admin/ (Wagtail) or /django-admin/ (Django)")
        self.stdout.write(f"  username: {username}")
        self.stdout.write(f"  password: {password}")
