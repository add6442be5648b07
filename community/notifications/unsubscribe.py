"""The signed one-click unsubscribe link in every notification e-mail and digest."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from community.accounts.models import User

from . import registry
from .enums import DIGEST_CHANNELS
from .mail import absolute

UNSUBSCRIBE_SALT = "community.notifications.unsubscribe"
# A one-click unsubscribe names what it turns off: every non-essential e-mail, one group of
# notifications, one digest, or one kind of e-mail.
UNSUBSCRIBE_ALL = "all"


def unsubscribe_scopes() -> frozenset[str]:
    """Every scope a one-click unsubscribe can name (groups and kinds are registered at
    start-up; essential kinds of e-mail cannot be unsubscribed from)."""
    mail_kinds = [kind.key for kind in registry.mail_kinds() if kind.switchable]
    return frozenset({UNSUBSCRIBE_ALL, *registry.group_keys(), *DIGEST_CHANNELS, *mail_kinds})


def unsubscribe_token(*, user: User, scope: str) -> str:
    """A signed, non-expiring token that turns off one kind of e-mail (or all) for ``user``."""
    if scope not in unsubscribe_scopes():
        raise ValueError(f"Not something one can unsubscribe from: {scope!r}")
    return signing.dumps({"user": user.pk, "scope": scope}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user: User, scope: str) -> str:
    token = unsubscribe_token(user=user, scope=scope)
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": token}))


def unsubscribe_target(token: str) -> tuple[User, str]:
    """The member and scope a token names; raises signing.BadSignature if it was tampered with
    (or names nobody)."""
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(payload, dict) or payload.get("scope") not in unsubscribe_scopes():
        raise signing.BadSignature("Unknown unsubscribe scope.")
    user = User.objects.filter(pk=payload.get("user")).first()
    if user is None:
        raise signing.BadSignature("The member is gone.")
    return user, payload["scope"]
