"""Warnings and suspensions: suspended members read but do not post, vote or report."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.moderation import services
from community.moderation.enums import AuditAction
from community.moderation.models import AuditLogEntry, MemberWarning
from forum.models import Post
from qa.models import Answer, QuestionVote

pytestmark = pytest.mark.django_db

DECIDE = reverse("moderation:decide")


@pytest.fixture
def suspended(user_factory, staff_user):
    member = user_factory(username="suspended-member")
    services.user_suspend(user=member, staff=staff_user, days=3, reason="Repeated spam")
    return member


def test_staff_suspend_an_author_from_the_queue(
    question_factory, answer_factory, user_factory, staff_client, staff_user
):
    answer = answer_factory(question=question_factory())
    services.flag_create(flagger=user_factory(), target=answer, reason="rude")
    staff_client.post(
        DECIDE,
        {
            "row_action": f"suspend:answer:{answer.pk}",
            f"reason-answer:{answer.pk}": "Insults",
            f"days-answer:{answer.pk}": "7",
        },
    )
    author = answer.author
    author.refresh_from_db()
    assert timezone.now() + timedelta(days=6) < author.suspended_until
    assert author.suspension_reason == "Insults"
    entry = AuditLogEntry.objects.get(action=AuditAction.SUSPEND)
    assert (entry.actor, entry.target) == (staff_user, author)
    assert "Insults" in entry.reason


def test_suspending_needs_days_and_a_reason(question_factory, staff_client):
    question = question_factory()
    response = staff_client.post(
        DECIDE, {"row_action": f"suspend:question:{question.pk}"}, follow=True
    )
    page = response.content.decode()
    assert "Please give a reason" in page and "Please say for how many days." in page
    question.author.refresh_from_db()
    assert question.author.suspended_until is None


def test_staff_cannot_be_suspended(staff_user, user_factory):
    other_staff = user_factory(is_staff=True)
    with pytest.raises(Exception, match="Staff accounts cannot"):
        services.user_suspend(user=other_staff, staff=staff_user, days=1, reason="x")


def test_members_cannot_suspend(user_factory):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.user_suspend(user=user_factory(), staff=user_factory(), days=1, reason="x")


def test_a_suspended_member_reads_and_sees_why_and_until_when(
    suspended, question_factory, client_for
):
    question = question_factory()
    response = client_for(suspended).get(question.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your account is suspended until" in page and "Repeated spam" in page


def test_a_suspended_member_cannot_answer(suspended, question_factory, client_for):
    question = question_factory()
    response = client_for(suspended).post(
        reverse("qa:answer-create", args=[question.pk]), {"body": "My typed answer text"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Your account is suspended until" in page
    assert not Answer.objects.exists()


def test_a_suspended_member_cannot_ask_vote_report_or_reply(
    suspended, question_factory, answer_factory, topic_factory, client_for
):
    browser = client_for(suspended)
    question = question_factory()
    response = browser.post(
        reverse("qa:question-ask"),
        {
            "title": "Does the lid fit the 28 cm pan?",
            "body": "Asking for a friend",
            "phase": "before",
        },
    )
    assert "Your account is suspended until" in response.content.decode()
    response = browser.post(reverse("qa:question-vote", args=[question.pk]), {"value": "1"})
    assert response.status_code == 403
    assert not QuestionVote.objects.exists()
    response = browser.post(
        reverse("moderation:flag", args=["question", question.pk]), {"reason": "spam"}
    )
    assert response.status_code == 403
    assert "Your account is suspended until" in response.content.decode()
    topic = topic_factory()
    response = browser.post(reverse("forum:reply-create", args=[topic.pk]), {"body": "My reply"})
    assert "Your account is suspended until" in response.content.decode()
    assert Post.objects.filter(author=suspended).count() == 0


def test_a_suspension_ends_by_itself(suspended, question_factory, client_for):
    type(suspended).objects.filter(pk=suspended.pk).update(
        suspended_until=timezone.now() - timedelta(minutes=1)
    )
    question = question_factory()
    response = client_for(suspended).post(
        reverse("qa:answer-create", args=[question.pk]), {"body": "Back again with an answer"}
    )
    assert response.status_code == 302
    assert Answer.objects.filter(author=suspended).exists()
    page = client_for(suspended).get(question.get_absolute_url()).content.decode()
    assert "Your account is suspended" not in page


def test_staff_lift_a_suspension_from_the_queue(
    suspended, question_factory, staff_client, staff_user
):
    question = question_factory(author=None)
    from qa.models import Question

    Question.objects.filter(pk=question.pk).update(author=suspended)
    services.flag_create(flagger=staff_user, target=question, reason="spam")
    response = staff_client.post(
        DECIDE, {"row_action": f"unsuspend:question:{question.pk}"}, follow=True
    )
    assert "may take part again" in response.content.decode()
    suspended.refresh_from_db()
    assert suspended.suspended_until is None
    assert AuditLogEntry.objects.filter(action=AuditAction.UNSUSPEND).exists()


def test_a_warned_member_sees_the_warning_until_they_acknowledge_it(
    question_factory, staff_client, client_for, staff_user
):
    question = question_factory()
    staff_client.post(
        DECIDE,
        {
            "row_action": f"warn:question:{question.pk}",
            f"reason-question:{question.pk}": "Please stay polite",
        },
    )
    warning = MemberWarning.objects.get()
    assert (warning.user, warning.issued_by) == (question.author, staff_user)
    assert AuditLogEntry.objects.filter(action=AuditAction.WARN).exists()
    browser = client_for(question.author)
    assert "Please stay polite" in browser.get("/questions/").content.decode()
    response = browser.post(
        reverse("moderation:warning-acknowledge", args=[warning.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Please stay polite" not in browser.get("/questions/").content.decode()
    warning.refresh_from_db()
    assert warning.acknowledged_at is not None


def test_only_the_warned_member_acknowledges_their_warning(user_factory, staff_user, client_for):
    member = user_factory()
    warning = services.user_warn(user=member, staff=staff_user, reason="Off-topic posts")
    response = client_for(user_factory()).post(
        reverse("moderation:warning-acknowledge", args=[warning.pk])
    )
    assert response.status_code == 404
    warning.refresh_from_db()
    assert warning.acknowledged_at is None


def test_warning_without_a_reason_is_refused(question_factory, staff_client):
    question = question_factory()
    response = staff_client.post(
        DECIDE, {"row_action": f"warn:question:{question.pk}"}, follow=True
    )
    assert "Please give a reason" in response.content.decode()
    assert not MemberWarning.objects.exists()


def test_the_queue_shows_an_authors_suspension_and_earlier_warnings(
    suspended, question_factory, staff_client, staff_user
):
    question = question_factory()
    from qa.models import Question

    Question.objects.filter(pk=question.pk).update(author=suspended)
    services.user_warn(user=suspended, staff=staff_user, reason="First warning")
    services.flag_create(flagger=staff_user, target=question, reason="spam")
    page = staff_client.get(reverse("moderation:queue")).content.decode()
    assert "suspended until" in page
    assert "1 earlier warning" in page
