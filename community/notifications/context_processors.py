from functools import cached_property

from community.accounts.member_summary import member_summary


class NotificationBell:
    """The header bell's unread count, worked out only when a template asks for it (with
    the rest of the member's summary, in one query)."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def unread(self) -> int:
        return member_summary(self.request).unread_notifications


def notification_bell(request):
    """Values the header needs for the bell (no query for anonymous visitors)."""
    return {"notification_bell": NotificationBell(request)}
