"""Notifications' part of a member's data: what they were told, what they follow and how they
like to hear. All of it goes when the account is erased; in others' notifications the member
stays the actor, shown as "Former member"."""

from community.accounts.personal_data import Erasure, register_personal_data, rows_delete

from .models import (
    Follow,
    MailPreference,
    MailRecord,
    Notification,
    NotificationPreference,
    NotificationSettings,
)


def notifications(user):
    return Notification.objects.filter(recipient=user).values(
        "id", "kind", "text", "url", "created_at", "read_at", "delivery", "emailed_at"
    )


def follows(user):
    return Follow.objects.filter(user=user).values(
        "target_type", "target_id", "reason", "created_at"
    )


def notification_settings(user):
    preferences = list(NotificationPreference.objects.filter(user=user).values("group", "channel"))
    switches = list(
        NotificationSettings.objects.filter(user=user).values(
            "email_paused", "mail_weekly_cap", "help_requests_per_week"
        )
    )
    mail = list(MailPreference.objects.filter(user=user).values("kind", "enabled", "chosen_at"))
    sent = list(MailRecord.objects.filter(user=user).values("kind", "outcome", "recorded_at"))
    return [{"preferences": preferences, "settings": switches, "mail": mail, "mail_sent": sent}]


def notifications_erase(erasure: Erasure) -> None:
    user = erasure.user
    Notification.objects.filter(recipient=user).delete()
    rows_delete(
        user, Follow, NotificationPreference, NotificationSettings, MailPreference, MailRecord
    )


def register() -> None:
    register_personal_data("notifications", export=notifications, erase=notifications_erase)
    register_personal_data("follows", export=follows)
    register_personal_data("notification_settings", export=notification_settings)
