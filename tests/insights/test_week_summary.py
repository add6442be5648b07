"""The dashboard's panel (this week against last week) and the weekly e-mail to staff who
opt in, sent once per week through the one mail path."""

from datetime import timedelta

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail.message import EmailMultiAlternatives
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community.common.periods import week_start
from insights.models import SummaryEmail, SummarySubscription
from insights.services import summary_emails_send_due
from qa.models import Question

from .conftest import at


def _ask(question_factory, when):
    question = question_factory()
    Question.objects.filter(pk=question.pk).update(created_at=when)
    return question


def test_the_dashboard_compares_this_week_with_last_week(staff_client, question_factory):
    monday = week_start(timezone.localdate())
    _ask(question_factory, at(monday, 0.5))
    for day in (1, 2):
        _ask(question_factory, at(monday - timedelta(days=day), 9))
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Insights: this week so far and last week" in html
    row = html.split("Questions asked</th>", 1)[1].split("</tr>", 1)[0]
    assert row.replace(" ", "") == "<td>1</td><td>2</td>"


def test_customers_admin_home_has_no_panel(client, user_factory):
    user = user_factory(username="writer")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Insights: this week" not in html


def test_staff_opt_in_from_the_page_and_get_last_week_once(
    staff_client, insights_staff, question_factory
):
    staff_client.post(reverse("insights-summary-email"), {"on": "1"})
    assert SummarySubscription.objects.filter(user=insights_staff).exists()
    last_monday = week_start(timezone.localdate()) - timedelta(days=7)
    for hours in (9, 10, 11):
        _ask(question_factory, at(last_monday, hours))

    call_command("send_insights_summaries")
    call_command("send_insights_summaries")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [insights_staff.email]
    assert last_monday.isoformat() in message.subject
    assert "Questions asked: 3" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert SummaryEmail.objects.get().sent_at is not None

    stop = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    assert staff_client.post(stop).status_code == 200
    assert not SummarySubscription.objects.exists()


def test_only_subscribers_who_may_still_see_insights_get_it(user_factory):
    former = user_factory(username="former")
    SummarySubscription.objects.create(user=former)
    run = summary_emails_send_due()
    assert (run.sent, run.skipped) == (0, 1)
    assert mail.outbox == []


def test_a_failed_summary_is_tried_again_by_the_next_run(insights_staff, monkeypatch):
    SummarySubscription.objects.create(user=insights_staff)
    original = EmailMultiAlternatives.send
    monkeypatch.setattr(EmailMultiAlternatives, "send", lambda self: 1 / 0)
    assert summary_emails_send_due().failed == 1
    monkeypatch.setattr(EmailMultiAlternatives, "send", original)
    assert summary_emails_send_due(now=timezone.now() + timedelta(minutes=1)).sent == 1
    assert len(mail.outbox) == 1
    assert SummaryEmail.objects.get().attempts == 2


def test_a_bad_stop_link_says_so(client, db):
    response = client.get(reverse("insights:summary-stop", args=["nonsense"]))
    assert response.status_code == 400
