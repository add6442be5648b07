"""What must hold when things go wrong: a cache that missed a change, hostile text, posts hidden
before their e-mail went out, an actor browsing in another language, forged links."""

import base64
import json

import pytest
from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client

from community.moderation.services import content_hide
from community.notifications import emails, unsubscribe
from community.notifications.enums import Channel
from community.notifications.enums import NotificationKind as FloorKind
from community.notifications.models import (
    Notification,
    NotificationPreference,
    NotificationSettings,
)
from qa.enums import NotificationGroup, NotificationKind
from qa.models import Answer

pytestmark = pytest.mark.django_db


def test_the_bell_counts_a_new_notification_even_where_the_cache_missed_the_change(
    client, helper, asker, question, monkeypatch, django_capture_on_commit_callbacks
):
    """Another app server or gunicorn worker keeps its own memory cache, which no write
    here can clear: the bell must not depend on it."""
    client.force_login(asker)
    assert "Notifications, 0 unread" in client.get("/notifications/").content.decode()
    monkeypatch.setattr(LocMemCache, "delete", lambda *args, **kwargs: None)
    monkeypatch.setattr(LocMemCache, "delete_many", lambda *args, **kwargs: None)
    client.force_login(helper)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/answer/", {"body": "Yes it fits."})

    assert response.status_code == 302
    assert Answer.objects.filter(question=question).count() == 1
    client.force_login(asker)
    page = client.get("/notifications/")
    assert page.status_code == 200
    assert "Notifications, 1 unread" in page.content.decode()


def test_user_text_is_escaped_in_the_list_and_the_html_e_mail(
    client, ask, asker, answer_to, mailoutbox, django_capture_on_commit_callbacks
):
    hostile = 'Fits? <script>alert("x")</script> <img src=x onerror=alert(1)>'
    question = ask(title=hostile)
    with django_capture_on_commit_callbacks(execute=True):
        answer_to(question)

    html = mailoutbox[0].alternatives[0][0]
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert hostile in mailoutbox[0].body  # the plain-text part is text, not markup
    client.force_login(asker)
    page = client.get("/notifications/").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page


def test_e_mails_are_in_the_site_language_whatever_the_actor_browses_in(
    client, helper, asker, question, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(helper)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/answer/", {"body": "Ja, hij past."})

    assert response.status_code == 302
    message = mailoutbox[0]
    assert message.to == [asker.email]
    assert message.subject == f"New answer to “{question.title}”"
    assert "Open it on the site:" in message.body
    assert '<html lang="en">' in message.alternatives[0][0]


def test_e_mails_are_in_the_recipients_own_language(
    client, helper, asker, question, mailoutbox, django_capture_on_commit_callbacks
):
    asker.language = "nl"
    asker.save(update_fields=["language"])
    client.force_login(helper)  # who browses in English
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/questions/{question.pk}/answer/", {"body": "Yes, it fits."})

    message = mailoutbox[0]
    assert message.to == [asker.email]
    assert message.subject == f"Nieuw antwoord op “{question.title}”"
    assert '<html lang="nl">' in message.alternatives[0][0]


def test_an_answer_hidden_before_its_e_mail_went_out_is_not_e_mailed(
    asker, question, answer_to, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    answer = answer_to(question)  # the e-mail task has not run yet (a busy worker)
    content_hide(item=answer, staff=staff_user, reason="Spam")

    sent = emails.notification_emails_send(
        kind=NotificationKind.ANSWER_ON_MY_QUESTION, event_key=f"answer:{answer.pk}"
    )

    assert sent == 0
    assert asker.email not in [address for message in mailoutbox for address in message.to]
    # Its author still hears of the moderator's decision.
    assert Notification.objects.filter(
        recipient=answer.author, kind=FloorKind.MODERATION_DECISION
    ).exists()


def test_a_digest_leaves_out_posts_hidden_since(
    asker, question, answer_to, user_factory, staff_user, mailoutbox
):
    NotificationPreference.objects.create(
        user=asker, group=NotificationGroup.MY_QUESTIONS, channel=Channel.DAILY
    )
    spam = answer_to(question, author=user_factory(), body="Buy cheap kettles here.")
    answer_to(question, body="Yes, it fits under most taps.")
    content_hide(item=spam, staff=staff_user, reason="Spam")

    emails.digests_send_due()

    digests = [message for message in mailoutbox if message.to == [asker.email]]
    assert len(digests) == 1
    assert "1 new" in digests[0].subject
    assert f"#answer-{spam.pk}" not in digests[0].body


def test_a_notification_switched_to_the_site_only_meanwhile_is_not_claimed(
    asker, question, answer_to
):
    answer_to(question)
    notification = Notification.objects.get(recipient=asker)
    assert notification.delivery == Channel.IMMEDIATE
    # The member unsubscribes between the task reading its list and sending this one.
    Notification.objects.filter(pk=notification.pk).update(delivery=Channel.ON_SITE)

    assert emails._claim(notification) is False


def test_one_members_unsubscribe_signature_does_not_work_for_another(customer, user_factory):
    other = user_factory()
    token = unsubscribe.unsubscribe_token(user=customer, scope=unsubscribe.UNSUBSCRIBE_ALL)
    _payload, timestamp, signature = token.split(":")
    other_payload = (
        base64.urlsafe_b64encode(json.dumps({"user": other.pk, "scope": "all"}).encode())
        .decode()
        .rstrip("=")
    )

    response = Client().post(f"/notifications/unsubscribe/{other_payload}:{timestamp}:{signature}/")

    assert response.status_code == 400
    assert not NotificationSettings.objects.filter(email_paused=True).exists()
    # The member's own link still works.
    assert Client().post(f"/notifications/unsubscribe/{token}/").status_code == 200
    assert NotificationSettings.objects.get(user=customer).email_paused is True
