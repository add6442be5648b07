from functools import cached_property

from . import selectors


class NotificationBell:
    """The header bell's unread count, worked out only when a template asks for it."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self) -> int:
        if not self.user.is_authenticated:
            return 0
        return selectors.unread_count(user=self.user)


def notification_bell(request):
    """Values the header needs for the bell (no query for anonymous visitors)."""
    return {"notification_bell": NotificationBell(request.user)}
