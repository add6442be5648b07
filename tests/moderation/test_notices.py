"""Anyone can send a notice of illegal content; it reaches the queue marked as such, and its
sender hears that it arrived and what was decided."""

from io import StringIO
from smtplib import SMTPException

import pytest
from django.core.management import call_command
from django.urls import reverse

from community.moderation.enums import (
    ContentStatus,
    DecisionGround,
    NoticeResolution,
)
from community.moderation.models import DecisionStatement, IllegalContentNotice
from community.moderation.notifications import NOTICE_KIND
from community.notifications.models import Notification

pytestmark = pytest.mark.django_db

QUEUE = "/moderation/"
DECIDE = "/moderation/decide/"


def notice_url(item, kind="answer"):
    return reverse("moderation:notice", args=[kind, item.pk])


def sent(**fields):
    return {
        "explanation": "It sells counterfeit kettles under our brand.",
        "law": "Trademark law",
        "good_faith": "on",
        **fields,
    }


@pytest.fixture
def answer(question_factory, answer_factory):
    return answer_factory(question=question_factory())


def test_every_public_post_links_to_the_notice_form(answer, anonymous):
    page = anonymous.get(answer.question.get_absolute_url()).content.decode()

    assert notice_url(answer) in page
    assert notice_url(answer.question, "question") in page
    assert anonymous.get(notice_url(answer)).status_code == 200


def test_an_anonymous_visitor_sends_a_notice_and_hears_the_decision_by_e_mail(
    answer, anonymous, staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(
            notice_url(answer),
            sent(email="visitor@example.org", wants_decision="on"),
            follow=True,
        )

    assert "Your notice reached the moderators" in response.content.decode()
    notice = IllegalContentNotice.objects.get()
    assert (notice.sender, notice.email, notice.law) == (
        None,
        "visitor@example.org",
        "Trademark law",
    )
    assert [message.to for message in mailoutbox] == [["visitor@example.org"]]
    assert "We received your notice" in mailoutbox[0].subject

    queue = staff_client.get(QUEUE).content.decode()
    assert "Notice of illegal content" in queue
    assert "It sells counterfeit kettles under our brand." in queue

    token = f"answer:{answer.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            DECIDE, {"row_action": f"delete:{token}", f"reason-{token}": "Counterfeit goods"}
        )

    notice.refresh_from_db()
    assert notice.resolution == NoticeResolution.ACTED
    to_sender = [message for message in mailoutbox if message.to == ["visitor@example.org"]]
    assert len(to_sender) == 2
    assert "Decision on your notice" in to_sender[1].subject
    assert "removed or hidden" in to_sender[1].body
    statement = DecisionStatement.objects.get()
    assert statement.prompted_by_notice
    assert statement.ground == DecisionGround.ILLEGAL
    assert statement.reported_at == notice.created_at


def test_a_confirmation_that_failed_goes_out_with_the_next_run(
    answer, anonymous, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(notice_url(answer), sent(email="visitor@example.org"))
    monkeypatch.undo()
    assert mailoutbox == []

    output = StringIO()
    call_command("send_notice_emails", stdout=output)
    assert "sent 1" in output.getvalue()
    assert [message.to for message in mailoutbox] == [["visitor@example.org"]]
    assert "We received your notice" in mailoutbox[0].subject

    call_command("send_notice_emails", stdout=StringIO())  # nothing is sent twice
    assert len(mailoutbox) == 1


def test_a_visitor_without_an_address_gets_no_mail(
    answer, anonymous, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(notice_url(answer), sent())

    assert IllegalContentNotice.objects.get().email == ""
    assert mailoutbox == []


def test_a_signed_in_sender_hears_on_the_site(answer, customer, customer_client, staff_user):
    from community.moderation import services

    response = customer_client.get(notice_url(answer)).content.decode()
    assert 'name="email"' not in response  # members hear back by notification

    customer_client.post(notice_url(answer), sent())
    services.content_approve(item=answer, staff=staff_user)  # nothing illegal in it

    notice = IllegalContentNotice.objects.get()
    assert (notice.sender, notice.resolution) == (customer, NoticeResolution.DECLINED)
    texts = list(
        Notification.objects.filter(recipient=customer, kind=NOTICE_KIND)
        .order_by("pk")
        .values_list("text", flat=True)
    )
    assert len(texts) == 2
    assert "We received your notice" in texts[0]
    assert "found no reason to act" in texts[1]


@pytest.mark.parametrize(
    ("fields", "field_error"),
    [
        ({"explanation": "  "}, "Please explain why the content is illegal."),
        ({"good_faith": ""}, "Please confirm that your notice is accurate and in good faith."),
        ({"wants_decision": "on"}, "Give an e-mail address to hear the decision."),
        ({"email": "not an address"}, "Enter a valid email address."),
    ],
)
def test_a_notice_with_bad_input_is_refused_and_keeps_the_text(
    fields, field_error, answer, anonymous
):
    response = anonymous.post(notice_url(answer), sent(**{"law": "Article 5", **fields}))

    page = response.content.decode()
    assert response.status_code == 400
    assert field_error in page
    assert "Article 5" in page
    assert not IllegalContentNotice.objects.exists()


def test_anonymous_notices_are_rate_limited_per_address(answer, anonymous, settings):
    settings.MODERATION_RATE_NOTICE = "1/h"
    anonymous.post(notice_url(answer), sent())

    response = anonymous.post(notice_url(answer), sent(law="Second try, same address"))

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "You have sent many notices in a short time." in page
    assert "Second try, same address" in page
    assert IllegalContentNotice.objects.count() == 1


def test_notices_are_only_for_public_posts(answer, anonymous, staff_user):
    from community.moderation import services

    services.content_hide(item=answer, staff=staff_user, reason="Spam")

    assert anonymous.get(notice_url(answer)).status_code == 404
    assert anonymous.post(notice_url(answer), sent()).status_code == 404
    assert anonymous.get(reverse("moderation:notice", args=["nothing", 1])).status_code == 404


def test_the_queue_filters_notices(answer, question_factory, user_factory, anonymous, staff_client):
    from community.moderation import services

    reported = question_factory(title="Only reported, not noticed")
    services.flag_create(flagger=user_factory(), target=reported, reason="spam")
    anonymous.post(notice_url(answer), sent())

    page = staff_client.get(QUEUE, {"reason": "notice"}).content.decode()

    assert f"queue-answer-{answer.pk}" in page
    assert "Only reported, not noticed" not in page
    assert answer.status == ContentStatus.PUBLISHED  # a notice alone hides nothing
