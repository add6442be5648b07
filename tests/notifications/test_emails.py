"""E-mail: per event at once or in digests, from background tasks, never breaking a post."""

from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from community.notifications import emails, services
from community.notifications.enums import Channel, KindGroup
from community.notifications.models import (
    Follow,
    MailClaim,
    Notification,
    NotificationPreference,
)
from qa.enums import NotificationGroup, NotificationKind
from qa.models import Answer

pytestmark = pytest.mark.django_db


def _choose(user, group, channel):
    NotificationPreference.objects.update_or_create(
        user=user, group=group, defaults={"channel": channel}
    )


def test_an_answer_is_e_mailed_to_the_asker_at_once_in_text_and_html(
    client, helper, asker, question, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(helper)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/answer/", {"body": "Yes it fits."})

    assert response.status_code == 302
    answer = Answer.objects.get()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [asker.email]
    assert message.subject == f"New answer to “{question.title}”"
    link = f"http://testserver{question.get_absolute_url()}#answer-{answer.pk}"
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert link in html
    assert "Webshop Community" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.body
    assert Notification.objects.get().emailed_at is not None


def test_each_notification_is_e_mailed_once_even_if_the_task_runs_again(
    asker, question, answer_to, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_to(question)

    sent_again = emails.notification_emails_send(
        kind=NotificationKind.ANSWER_ON_MY_QUESTION, event_key=f"answer:{answer.pk}"
    )

    assert sent_again == 0
    assert len(mailoutbox) == 1


def test_members_who_chose_on_site_only_get_no_e_mail_but_see_it(
    asker, question, answer_to, mailoutbox, django_capture_on_commit_callbacks
):
    _choose(asker, NotificationGroup.MY_QUESTIONS, Channel.ON_SITE)

    with django_capture_on_commit_callbacks(execute=True):
        answer_to(question)

    assert mailoutbox == []
    assert Notification.objects.get(recipient=asker).delivery == Channel.ON_SITE


def test_a_failing_mail_server_leaves_the_answer_saved_and_is_retried_later(
    client,
    helper,
    asker,
    question,
    mailoutbox,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    def refuse(*args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    client.force_login(helper)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/answer/", {"body": "Yes it fits."})

    assert response.status_code == 302
    assert Answer.objects.filter(question=question).count() == 1
    notification = Notification.objects.get(recipient=asker)
    assert notification.emailed_at is None
    assert notification.email_attempts == 1

    monkeypatch.undo()
    call_command("send_digests")

    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_task_backend_that_is_down_never_breaks_the_post(
    client, helper, question, monkeypatch, django_capture_on_commit_callbacks
):
    class UnreachableQueue:
        name = "send_notification_emails"

        def enqueue(self, *args, **kwargs):
            raise ConnectionError("queue unavailable")

    monkeypatch.setattr(
        "community.notifications.tasks.send_notification_emails", UnreachableQueue()
    )
    client.force_login(helper)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/answer/", {"body": "Yes it fits."})

    assert response.status_code == 302
    assert Answer.objects.filter(question=question).exists()


@pytest.mark.slow
def test_answering_a_question_with_1000_followers_sends_no_e_mail_in_the_request(
    settings,
    client,
    helper,
    question,
    user_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    from django.contrib.auth.hashers import make_password

    from community.accounts.models import User

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    password = make_password(None)
    followers = User.objects.bulk_create(
        User(username=f"fan{number}", email=f"fan{number}@example.com", password=password)
        for number in range(1000)
    )
    Follow.objects.bulk_create(
        Follow(user=user, target_type="question", target_id=question.pk) for user in followers
    )
    NotificationPreference.objects.bulk_create(
        NotificationPreference(user=user, group=KindGroup.FOLLOWING, channel=Channel.IMMEDIATE)
        for user in followers
    )
    client.force_login(helper)

    from django_tasks import default_task_backend

    default_task_backend.clear()
    # The answer and its own rows; the followers' notifications and e-mails come after.
    # (45: the answer's writes to shown tables each move the visitor page generation on.)
    with (
        django_capture_on_commit_callbacks(execute=True),
        django_assert_max_num_queries(45),
    ):
        response = client.post(f"/questions/{question.pk}/answer/", {"body": "Yes it fits."})

    assert response.status_code == 302
    assert mailoutbox == []
    # The followers are told after the response, by one task for the post.
    followers_told = Notification.objects.filter(kind=NotificationKind.FOLLOWED_QUESTION_ANSWER)
    assert followers_told.count() == 0
    announced = list(default_task_backend.results)
    assert [result.task.name for result in announced].count("content_announce_task") == 1
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for result in announced:
            result.task.call(*result.args, **result.kwargs)
    assert followers_told.count() == 1000
    assert mailoutbox == []
    queued = list(default_task_backend.results)
    assert [result.task.name for result in queued].count("send_notification_emails") == 2
    # One task per kind of the event (the asker's answer, the followers' answer), not per person.
    for result in queued:
        result.task.call(*result.args, **result.kwargs)
    assert len(mailoutbox) == 1001


# SECTION digests


def test_digest_members_get_one_digest_and_running_twice_sends_nothing_more(
    asker, question, answer_to, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    _choose(asker, NotificationGroup.MY_QUESTIONS, Channel.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        answer_to(question)
        answer_to(question, author=user_factory(), body="Another answer.")
    assert mailoutbox == []

    call_command("send_digests")
    call_command("send_digests")

    assert len(mailoutbox) == 1
    digest = mailoutbox[0]
    assert digest.to == [asker.email]
    assert "daily digest" in digest.subject
    assert digest.body.count(question.title) == 2
    assert "New answer to your question" in digest.alternatives[0][0]
    assert "List-Unsubscribe" in digest.extra_headers


def test_the_next_daily_digest_waits_a_day(asker, question, answer_to, user_factory, mailoutbox):
    _choose(asker, NotificationGroup.MY_QUESTIONS, Channel.DAILY)
    answer_to(question)
    emails.digests_send_due()
    answer_to(question, author=user_factory(), body="A later answer.")

    assert emails.digests_send_due() == 0
    assert emails.digests_send_due(now=timezone.now() + timedelta(hours=24)) == 1
    assert len(mailoutbox) == 2


def test_two_overlapping_runs_send_one_digest(asker, question, answer_to, mailoutbox):
    """The second run starts before the first has marked anything: the claim stops it."""
    from community.notifications.models import NotificationSettings

    _choose(asker, NotificationGroup.MY_QUESTIONS, Channel.WEEKLY)
    answer_to(question)
    now = timezone.now()
    services._settings_row(asker)
    # The first run claims the member, as a run in another process would have a moment ago.
    claimed = NotificationSettings.objects.filter(user=asker, weekly_digest_at__isnull=True).update(
        weekly_digest_at=now
    )
    assert claimed == 1

    assert emails.digests_send_due(now=now) == 0
    assert mailoutbox == []


def test_a_failed_digest_is_sent_by_the_next_run(
    asker, question, answer_to, mailoutbox, monkeypatch
):
    _choose(asker, NotificationGroup.MY_QUESTIONS, Channel.DAILY)
    answer_to(question)

    def refuse(*args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    assert emails.digests_send_due() == 0
    monkeypatch.undo()

    assert emails.digests_send_due() == 1
    assert len(mailoutbox) == 1


def test_following_and_mentions_default_to_the_daily_digest(
    user_factory, question, answer_to, mailoutbox, django_capture_on_commit_callbacks
):
    follower = user_factory()
    services.follow_add(user=follower, target=question)
    anna = user_factory(username="anna")

    with django_capture_on_commit_callbacks(execute=True):
        answer_to(question, body="Ask @anna, she has one.")

    assert [message.to for message in mailoutbox] == [[question.author.email]]
    deliveries = dict(Notification.objects.values_list("recipient_id", "delivery"))
    assert deliveries[follower.pk] == Channel.DAILY
    assert deliveries[anna.pk] == Channel.DAILY


def test_with_a_worker_the_digest_task_is_queued_once_and_requeues_itself(settings):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()

    call_command("send_digests", "--schedule")

    [queued] = default_task_backend.results
    assert queued.task.name == "send_due_digests"
    assert queued.task.run_after is None
    queued.task.call()
    later = default_task_backend.results[-1]
    assert len(default_task_backend.results) == 2
    assert later.task.run_after > timezone.now() + timedelta(minutes=59)


def test_switching_a_group_to_on_site_only_drops_its_waiting_digest_items(
    asker, question, answer_to, mailoutbox
):
    _choose(asker, NotificationGroup.MY_QUESTIONS, Channel.DAILY)
    answer_to(question)

    services.notification_settings_save(
        user=asker,
        channels={NotificationGroup.MY_QUESTIONS: Channel.ON_SITE},
        email_paused=False,
        help_requests_per_week=1,
    )

    assert emails.digests_send_due() == 0
    assert mailoutbox == []
    assert Notification.objects.get().delivery == Channel.ON_SITE


# SECTION claims of runs that died


class WorkerDied(BaseException):
    """The process sending e-mail is killed between claiming and sending."""


def _die(*args, **kwargs):
    raise WorkerDied


def test_an_e_mail_claimed_by_a_run_that_died_is_sent_once_the_claim_is_stale(
    asker, question, answer_to, mailoutbox, monkeypatch, settings
):
    answer = answer_to(question)  # the e-mail task has not run yet
    monkeypatch.setattr("community.notifications.emails.deliver", _die)
    with pytest.raises(WorkerDied):
        emails.notification_emails_send(
            kind=NotificationKind.ANSWER_ON_MY_QUESTION, event_key=f"answer:{answer.pk}"
        )
    monkeypatch.undo()

    # A fresh claim may belong to a run that is still sending: nobody else sends it.
    call_command("send_digests")
    assert mailoutbox == []

    MailClaim.objects.update(
        claimed_at=F("claimed_at") - timedelta(minutes=settings.MAIL_STALE_CLAIM_MINUTES + 1)
    )
    call_command("send_digests")

    assert [message.to for message in mailoutbox] == [[asker.email]]
    notification = Notification.objects.get(recipient=asker)
    assert notification.emailed_at is not None
    assert notification.email_attempts == 2
    assert not MailClaim.objects.exists()


def test_while_a_run_holds_an_e_mails_claim_the_events_task_does_not_send_it_again(
    asker, question, answer_to, mailoutbox, monkeypatch, settings
):
    answer = answer_to(question)  # the e-mail task has not run yet
    event = {"kind": NotificationKind.ANSWER_ON_MY_QUESTION, "event_key": f"answer:{answer.pk}"}
    monkeypatch.setattr("community.notifications.emails.deliver", _die)
    with pytest.raises(WorkerDied):
        emails.notification_emails_send(**event)
    monkeypatch.undo()

    # The event's task runs again while the first run may still be sending: it passes over.
    assert emails.notification_emails_send(**event) == 0
    assert mailoutbox == []
    assert MailClaim.objects.count() == 1

    MailClaim.objects.update(
        claimed_at=F("claimed_at") - timedelta(minutes=settings.MAIL_STALE_CLAIM_MINUTES + 1)
    )
    assert emails.notification_emails_send(**event) == 1
    assert emails.notification_emails_send(**event) == 0
    assert [message.to for message in mailoutbox] == [[asker.email]]
    assert Notification.objects.get(recipient=asker).email_attempts == 2
    assert not MailClaim.objects.exists()


def test_a_digest_whose_run_died_is_sent_once_its_claim_is_stale(
    asker, question, answer_to, mailoutbox, monkeypatch, settings
):
    _choose(asker, NotificationGroup.MY_QUESTIONS, Channel.DAILY)
    answer_to(question)
    monkeypatch.setattr("community.notifications.emails.deliver", _die)
    with pytest.raises(WorkerDied):
        emails.digests_send_due()
    monkeypatch.undo()
    stale_after = timedelta(minutes=settings.MAIL_STALE_CLAIM_MINUTES)

    assert emails.digests_send_due(now=timezone.now() + stale_after / 2) == 0
    assert mailoutbox == []
    assert emails.digests_send_due(now=timezone.now() + stale_after + timedelta(minutes=1)) == 1
    assert len(mailoutbox) == 1
    assert "daily digest" in mailoutbox[0].subject
    assert not MailClaim.objects.exists()
