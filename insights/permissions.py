"""Who may see Insights: the shop's staff, and whoever holds the "view insights" permission
(the Editors and Moderators groups). Checks raise PermissionDenied."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from community.accounts.permissions import is_community_staff

VIEW_PERMISSION = "insights.view_insights"


def can_view_insights(user) -> bool:
    return is_community_staff(user) or bool(
        user.is_authenticated and user.is_active and user.has_perm(VIEW_PERMISSION)
    )


def check_can_view_insights(user) -> None:
    if not can_view_insights(user):
        raise PermissionDenied(_("Only the shop's staff and editors can see Insights."))
