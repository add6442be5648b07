"""The demo shows notifications at work without mailing its whole history."""

import io

import pytest
from django.core.management import call_command

from community.notifications.models import Follow, MailPreference, Notification
from qa.enums import NotificationKind

pytestmark = pytest.mark.django_db


def test_the_demo_has_notifications_follows_and_nothing_left_to_mail(client, mailoutbox, demo_site):
    mailoutbox.clear()

    anna = Notification.objects.filter(recipient__username="anna")
    assert anna.filter(kind=NotificationKind.ANSWER_ON_MY_QUESTION).exists()
    assert Follow.objects.filter(user__username="anna", target_type="product").exists()
    assert MailPreference.objects.get(user__username="carla", kind="help_request").enabled
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    # Dated like their posts: not all made "now" by the seeding.
    assert Notification.objects.dates("created_at", "day").count() > 3

    call_command("send_digests", stdout=io.StringIO())
    assert mailoutbox == []

    assert client.login(username="anna", password="community-demo")
    html = client.get("/notifications/").content.decode()
    assert "New answer to your question" in html
