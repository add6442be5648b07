"""Deleting an account: the member's request, its cooling-off period, and the erasure itself.

A member asks (confirmed by their password, or by a signed e-mail link when they have none);
they are signed out everywhere and have ``ACCOUNT_DELETION_COOLING_OFF_DAYS`` to change their
mind: signing in withdraws the request. After that ``erase_deleted_accounts`` erases the
account. Staff can erase an account at once from the admin.

Erasure keeps the member's row, emptied of everything that says who they were, so that what
they wrote keeps an author ("Former member") and reputation events, votes, reports and audit
entries keep pointing at something. Every part of the site erases its own data through the
registry in ``personal_data``; this module does the member's row, addresses and sessions.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from community.common.storage import storage_delete
from community.moderation.enums import AuditAction
from community.moderation.services import audit_record
from community.notifications.mail import Letter, absolute, message_build, recipient_language

from .models import AccountDeletion, User
from .names import ERASED_USERNAME_PREFIX
from .permissions import check_is_community_staff
from .personal_data import Erasure, personal_data_kinds, rows_delete

DELETION_LINK_SALT = "accounts.account-deletion"
# How long the e-mailed confirmation link for members without a password works.
DELETION_LINK_MAX_AGE = 24 * 3600


def account_deletion_request(*, user: User, remove_posts: bool) -> AccountDeletion:
    """Schedule the member's account for erasure after the cooling-off period and sign them
    out everywhere (signing in again withdraws the request). Asking again restarts it."""
    erase_after = timezone.now() + timedelta(days=settings.ACCOUNT_DELETION_COOLING_OFF_DAYS)
    deletion, _created = AccountDeletion.objects.update_or_create(
        user=user, defaults={"erase_after": erase_after, "remove_posts": remove_posts}
    )
    sessions_end(user=user)
    return deletion


def account_deletion_cancel(*, user: User) -> bool:
    """Withdraw the member's pending request; whether there was one."""
    deleted, _rows = AccountDeletion.objects.filter(
        user=user, user__erased_at__isnull=True
    ).delete()
    return bool(deleted)


def deletion_link_token(*, user: User, remove_posts: bool) -> str:
    """The signed token of the e-mailed link that confirms a request (members who have no
    password: they signed up through another site)."""
    return signing.dumps({"user": user.pk, "remove_posts": remove_posts}, salt=DELETION_LINK_SALT)


def deletion_link_send(*, user: User, remove_posts: bool) -> None:
    """E-mail the member the link that confirms their request (account mail: always sent)."""
    token = deletion_link_token(user=user, remove_posts=remove_posts)
    url = absolute(reverse("accounts:privacy-delete-confirm", kwargs={"token": token}))

    def letter() -> Letter:
        return Letter(
            to=user.email,
            subject=_("Confirm the deletion of your account"),
            template="emails/account_deletion_confirm",
            context={"recipient": user, "confirm_url": url},
        )

    message_build(letter, language=recipient_language(user)).send()


def deletion_link_read(token: str, *, user: User) -> bool | None:
    """``remove_posts`` as the link for ``user`` says it; None when the link is not theirs,
    altered or older than a day."""
    try:
        payload = signing.loads(token, salt=DELETION_LINK_SALT, max_age=DELETION_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("user") != user.pk:
        return None
    return bool(payload.get("remove_posts"))


def accounts_erase_due(*, now=None) -> int:
    """Erase every account whose cooling-off period is over; how many were erased."""
    now = now or timezone.now()
    due = AccountDeletion.objects.filter(erase_after__lte=now, user__erased_at__isnull=True)
    erased = 0
    for deletion in due.select_related("user"):
        account_erase(user=deletion.user, remove_posts=deletion.remove_posts)
        erased += 1
    return erased


def account_erase(*, user: User, remove_posts: bool = False) -> User:
    """Erase the member's personal data now: every registered part erases its own, then the
    member's own row is emptied. Files (the avatar) are removed once the rows are."""
    if user.erased_at is not None:
        return user
    addresses = frozenset(
        address.lower()
        for address in [
            user.email,
            *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
        ]
        if address
    )
    erasure = Erasure(
        user=user,
        addresses=addresses,
        remove_posts=remove_posts,
        placeholder_email=f"{ERASED_USERNAME_PREFIX}{user.pk}@erased.invalid",
    )
    avatar = user.avatar.name if user.avatar else ""
    with transaction.atomic():
        for kind in personal_data_kinds():
            if kind.erase is not None:
                kind.erase(erasure)
    if avatar:
        storage_delete(user.avatar.storage, avatar)
    return user


def account_erase_by_staff(*, staff: User, user: User, remove_posts: bool = False) -> User:
    """Staff erase a member's account at once (the member asked support); the audit log
    keeps who did it, naming the account as it is after the erasure."""
    check_is_community_staff(staff)
    account_erase(user=user, remove_posts=remove_posts)
    audit_record(actor=staff, action=AuditAction.ERASE_ACCOUNT, target=user)
    return user


def account_row_erase(erasure: Erasure) -> None:
    """The member's own row, addresses, linked sign-ins and sessions (runs last)."""
    user = erasure.user
    rows_delete(user, EmailAddress, SocialAccount, UserProfile, AccountDeletion)
    sessions_end(user=user)
    user.username = f"{ERASED_USERNAME_PREFIX}{user.pk}"
    user.first_name = user.last_name = user.email = user.display_name = user.bio = ""
    user.avatar = None
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.credit_in_articles = False
    user.language = ""
    user.suspended_until = None
    user.suspension_reason = ""
    user.last_login = None
    user.erased_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def sessions_end(*, user: User) -> int:
    """Sign the member out on every device: end each stored session that is theirs."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
