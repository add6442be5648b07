from django.utils.functional import SimpleLazyObject

from community.accounts.permissions import is_community_staff, is_suspended, suspension_notice

from . import selectors
from .enums import FlagReason


def moderation(request):
    """Whether the viewer is staff (the one staff check), the staff's queue count, and a
    member's suspension and warnings, for the page frame.

    Each is worked out only when a template asks: the header asks for the count for staff
    only, and the banners read the user row that is loaded anyway (warnings come from the
    cache after the first page).
    """
    user = request.user

    def queue_count() -> int:
        return selectors.queue_count() if is_community_staff(user) else 0

    def warnings() -> list:
        return selectors.open_warnings(user) if user.is_authenticated else []

    return {
        "FLAG_REASONS": FlagReason.choices,
        "IS_COMMUNITY_STAFF": SimpleLazyObject(lambda: is_community_staff(user)),
        "MODERATION_QUEUE_COUNT": SimpleLazyObject(queue_count),
        "SUSPENSION_NOTICE": SimpleLazyObject(
            lambda: suspension_notice(user) if user.is_authenticated and is_suspended(user) else ""
        ),
        "MODERATION_WARNINGS": SimpleLazyObject(warnings),
    }
