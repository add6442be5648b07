"""Who may flag and who may be warned or suspended. Each check raises when refused."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from community.accounts.permissions import check_can_participate, is_community_staff

from .enums import ContentStatus


def check_can_flag(user, target) -> None:
    """Signed-in, not suspended members report public posts by others."""
    check_can_participate(user)
    if target.status != ContentStatus.PUBLISHED:
        if not (is_community_staff(user) or target.author_id == user.pk):
            raise Http404
        raise PermissionDenied(_("Only public posts can be reported."))
    if target.author_id == user.pk:
        raise PermissionDenied(_("You cannot report your own post."))


def check_can_be_sanctioned(staff, member) -> None:
    """Warnings and suspensions are for members; staff accounts are managed elsewhere."""
    if member.pk == staff.pk:
        raise PermissionDenied(_("You cannot warn or suspend yourself."))
    if is_community_staff(member):
        raise PermissionDenied(_("Staff accounts cannot be warned or suspended here."))
