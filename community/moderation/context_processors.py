from django.utils.functional import SimpleLazyObject

from community.accounts.member_summary import member_summary
from community.accounts.permissions import is_community_staff, is_suspended, suspension_notice

from . import selectors
from .enums import FlagReason


def moderation(request):
    """Whether the viewer is staff (the one staff check), the staff's queue count, and a
    member's suspension and warnings, for the page frame.

    Each is worked out only when a template asks: the header asks for the count for staff
    only, and the banners read the user row that is loaded anyway; the warnings are read
    only when the member's summary says one waits.
    """
    user = request.user

    def warnings() -> list:
        return selectors.open_warnings(user) if member_summary(request).has_open_warnings else []

    return {
        "FLAG_REASONS": FlagReason.choices,
        "IS_COMMUNITY_STAFF": SimpleLazyObject(lambda: is_community_staff(user)),
        "MODERATION_QUEUE_COUNT": SimpleLazyObject(
            lambda: member_summary(request).moderation_queue
        ),
        "SUSPENSION_NOTICE": SimpleLazyObject(
            lambda: suspension_notice(user) if user.is_authenticated and is_suspended(user) else ""
        ),
        "MODERATION_WARNINGS": SimpleLazyObject(warnings),
    }
