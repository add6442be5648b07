"""Who may do what, for checks shared by every part of the site.

Checks raise: PermissionDenied when the user may know the thing exists, Http404 when not.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import User


def is_community_staff(user) -> bool:
    """Moderators and support agents: staff accounts that are active."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def check_is_community_staff(user: User) -> None:
    if not is_community_staff(user):
        raise PermissionDenied(_("Only the shop's staff can do this."))


def check_can_participate(user: User) -> None:
    """Post, vote or flag: signed-in, active members."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied(_("Please sign in first."))
