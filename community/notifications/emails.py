"""The notification e-mails: one per event, or a digest; plain text and HTML from templates."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from community.accounts.models import User

from . import registry
from .enums import Channel
from .models import Notification


def absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else f"{settings.SITE_URL}{path}"


def unsubscribe_url(*, user: User, scope: str) -> str:
    from .services import unsubscribe_token

    token = unsubscribe_token(user=user, scope=scope)
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": token}))


def notification_subject(notification: Notification) -> str:
    return str(registry.kind(notification.kind).email_subject % {"text": notification.text})


def in_site_language(build):
    """Build e-mails in the site's language, not in that of whoever caused the event.

    The in-process task backend runs inside the actor's request, with the actor's language
    active; members have no language preference of their own yet, so the site's applies.
    """

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return build(*args, **kwargs)

    return wrapper


@in_site_language
def notification_message(notification: Notification, *, connection=None) -> EmailMultiAlternatives:
    """The e-mail about one notification, with a direct link and one-click unsubscribe."""
    recipient = notification.recipient
    group = registry.kind(notification.kind).group
    context = _frame_context(recipient=recipient, scope=group) | {
        "notification": notification,
        # Straight to the post: it opens without signing in when it is public.
        "link": absolute(notification.url),
        "group_label": registry.group(group).label,
    }
    return _message(
        subject=notification_subject(notification),
        template="emails/notification",
        context=context,
        recipient=recipient,
        connection=connection,
    )


@in_site_language
def digest_message(
    *, recipient: User, notifications: Sequence[Notification], period: str, connection=None
) -> EmailMultiAlternatives:
    """The daily or weekly digest: every waiting notification, grouped by kind."""
    sections: dict[str, list[Notification]] = {}
    for notification in notifications:
        sections.setdefault(notification.get_kind_display(), []).append(notification)
    context = _frame_context(recipient=recipient, scope=period) | {
        "sections": [
            {
                "title": title,
                "items": [
                    {
                        "notification": item,
                        "link": absolute(item.url),
                    }
                    for item in items
                ],
            }
            for title, items in sections.items()
        ],
        "heading": _("Your daily digest") if period == Channel.DAILY else _("Your weekly digest"),
        "count": len(notifications),
        "list_url": absolute(reverse("notifications:list")),
    }
    if period == Channel.DAILY:
        subject = _("Your daily digest: %(count)s new at %(site)s")
    else:
        subject = _("Your weekly digest: %(count)s new at %(site)s")
    return _message(
        subject=subject % {"count": len(notifications), "site": settings.WAGTAIL_SITE_NAME},
        template="emails/digest",
        context=context,
        recipient=recipient,
        connection=connection,
    )


def _frame_context(*, recipient: User, scope: str) -> dict:
    from .services import UNSUBSCRIBE_ALL

    return {
        "recipient": recipient,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": settings.SITE_URL,
        "settings_url": absolute(reverse("notifications:settings")),
        "unsubscribe_url": unsubscribe_url(user=recipient, scope=scope),
        "unsubscribe_all_url": unsubscribe_url(user=recipient, scope=UNSUBSCRIBE_ALL),
    }


def _message(
    *, subject: str, template: str, context: dict, recipient: User, connection
) -> EmailMultiAlternatives:
    context = context | {"subject": subject}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        connection=connection,
        headers={
            # RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" button that POSTs.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
