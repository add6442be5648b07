"""Who may do what, for checks shared by every part of the site.

Checks raise: PermissionDenied when the user may know the thing exists, Http404 when not.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import User


def allowed(check, *args, **kwargs) -> bool:
    """Whether ``check`` (any of the apps' check_ functions) lets ``args`` through."""
    try:
        check(*args, **kwargs)
    except (PermissionDenied, Http404):
        return False
    return True


def refusal(check, *args, **kwargs) -> str:
    """Why ``check`` refuses ``args``, to show beside a disabled action; "" when it lets them
    through, or when it answers 404 (the viewer may not know the thing exists)."""
    try:
        check(*args, **kwargs)
    except PermissionDenied as refused:
        return str(refused)
    except Http404:
        return ""
    return ""


def is_community_staff(user) -> bool:
    """Moderators and support agents: staff accounts that are active."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def check_is_community_staff(user: User) -> None:
    if not is_community_staff(user):
        raise PermissionDenied(_("Only the shop's staff can do this."))


def check_can_participate(user: User) -> None:
    """Post, vote or flag: signed-in, active members who are not suspended."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Please sign in first."))
    if is_suspended(user):
        raise PermissionDenied(suspension_notice(user))


def is_suspended(user) -> bool:
    """Whether a moderator's suspension of ``user`` is still running (it ends by itself)."""
    until = getattr(user, "suspended_until", None)
    return bool(until and until > timezone.now())


def suspension_notice(user: User) -> str:
    """What a suspended member reads: until when, and why."""
    return _(
        "Your account is suspended until %(until)s: %(reason)s. Until then you can read, but "
        "not post, vote or report."
    ) % {
        "until": date_format(timezone.localtime(user.suspended_until), "DATETIME_FORMAT"),
        # The sentence goes on after the reason: a full stop the moderator typed would double.
        "reason": user.suspension_reason.rstrip(" .") or _("no reason given"),
    }
