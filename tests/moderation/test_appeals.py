"""A member appeals a decision once; another staff member upholds or reverses it."""

import pytest
from django.urls import reverse

from community.moderation import services
from community.moderation.enums import AppealOutcome, AuditAction, ContentStatus
from community.moderation.models import Appeal, AuditLogEntry, DecisionStatement
from community.moderation.notifications import APPEAL_KIND
from community.notifications.models import Notification

pytestmark = pytest.mark.django_db

APPEALS = "/moderation/appeals/"


@pytest.fixture
def other_staff(user_factory):
    return user_factory(username="colleague", is_staff=True)


@pytest.fixture
def hidden_answer(staff_user, question_factory, answer_factory):
    answer = answer_factory(question=question_factory())
    services.content_hide(item=answer, staff=staff_user, reason="Looks like spam")
    return answer


def statement_of(item) -> DecisionStatement:
    return DecisionStatement.objects.get(target_id=item.pk)


def test_a_member_appeals_a_decision_once(hidden_answer, client_for):
    statement = statement_of(hidden_answer)
    author = client_for(hidden_answer.author)

    response = author.post(
        statement.get_absolute_url(), {"text": "It was a real answer."}, follow=True
    )

    assert "Your appeal was sent" in response.content.decode()
    appeal = Appeal.objects.get()
    assert (appeal.statement, appeal.member, appeal.text) == (
        statement,
        hidden_answer.author,
        "It was a real answer.",
    )
    assert author.post(statement.get_absolute_url(), {"text": "Again!"}).status_code == 403
    assert Appeal.objects.count() == 1
    assert "Waiting for a moderator" in author.get("/moderation/decisions/").content.decode()


def test_an_empty_appeal_is_refused_with_a_clear_error(hidden_answer, client_for):
    response = client_for(hidden_answer.author).post(
        statement_of(hidden_answer).get_absolute_url(), {"text": "   "}
    )

    assert response.status_code == 400
    assert "Please say why you think the decision is wrong." in response.content.decode()
    assert not Appeal.objects.exists()


def test_nobody_else_appeals_someone_elses_decision(hidden_answer, client_for, user_factory):
    response = client_for(user_factory()).post(
        statement_of(hidden_answer).get_absolute_url(), {"text": "Unfair!"}
    )

    assert response.status_code == 404
    assert not Appeal.objects.exists()


def test_customers_cannot_see_the_appeal_queue(customer_client, staff_client):
    assert customer_client.get(APPEALS).status_code == 403
    assert customer_client.post(f"{APPEALS}1/decide/", {}).status_code == 403
    assert staff_client.get(APPEALS).status_code == 200


def test_the_staff_member_who_decided_cannot_decide_the_appeal(
    hidden_answer, staff_client, client_for
):
    statement = statement_of(hidden_answer)
    client_for(hidden_answer.author).post(statement.get_absolute_url(), {"text": "Please!"})
    appeal = Appeal.objects.get()

    queue = staff_client.get(APPEALS).content.decode()
    assert "You made this decision: another staff member decides the appeal." in queue
    response = staff_client.post(
        reverse("moderation:appeal-decide", args=[appeal.pk]),
        {"outcome": AppealOutcome.REVERSED, "reason": "Fine by me"},
        follow=True,
    )

    assert "another staff member decides the appeal" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.is_open
    hidden_answer.refresh_from_db()
    assert hidden_answer.status == ContentStatus.HIDDEN


def test_another_staff_member_reverses_and_the_post_comes_back(
    hidden_answer, other_staff, client_for
):
    statement = statement_of(hidden_answer)
    client_for(hidden_answer.author).post(statement.get_absolute_url(), {"text": "Please!"})
    appeal = Appeal.objects.get()

    colleague = client_for(other_staff)
    assert "Please!" in colleague.get(APPEALS).content.decode()
    colleague.post(
        reverse("moderation:appeal-decide", args=[appeal.pk]),
        {"outcome": AppealOutcome.REVERSED, "reason": "A real answer after all"},
    )

    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_by) == (AppealOutcome.REVERSED, other_staff)
    hidden_answer.refresh_from_db()
    assert hidden_answer.status == ContentStatus.PUBLISHED
    audit = AuditLogEntry.objects.filter(actor=other_staff).values_list("action", flat=True)
    assert set(audit) == {AuditAction.RESTORE, AuditAction.APPEAL_REVERSE}
    note = Notification.objects.get(recipient=hidden_answer.author, kind=APPEAL_KIND)
    assert "A real answer after all" in note.text
    page = client_for(hidden_answer.author).get(statement.get_absolute_url()).content.decode()
    assert "Reversed: the decision was undone" in page


def test_an_upheld_appeal_leaves_the_decision_and_is_audited(
    hidden_answer, other_staff, client_for
):
    client_for(hidden_answer.author).post(
        statement_of(hidden_answer).get_absolute_url(), {"text": "Please!"}
    )
    appeal = Appeal.objects.get()

    response = client_for(other_staff).post(
        reverse("moderation:appeal-decide", args=[appeal.pk]),
        {"outcome": AppealOutcome.UPHELD, "reason": ""},
        follow=True,
    )
    assert "Please give a reason" in response.content.decode()  # a reason is needed
    client_for(other_staff).post(
        reverse("moderation:appeal-decide", args=[appeal.pk]),
        {"outcome": AppealOutcome.UPHELD, "reason": "Spam indeed"},
    )

    hidden_answer.refresh_from_db()
    assert hidden_answer.status == ContentStatus.HIDDEN
    assert AuditLogEntry.objects.filter(
        actor=other_staff, action=AuditAction.APPEAL_UPHOLD, reason="Spam indeed"
    ).exists()
    again = client_for(other_staff).post(
        reverse("moderation:appeal-decide", args=[appeal.pk]),
        {"outcome": AppealOutcome.REVERSED, "reason": "Changed my mind"},
        follow=True,
    )
    assert "This appeal has been decided already." in again.content.decode()
    appeal.refresh_from_db()
    assert appeal.outcome == AppealOutcome.UPHELD  # decided once


def test_reversing_a_suspension_lifts_it(staff_user, other_staff, user_factory, client_for):
    member = user_factory()
    services.user_suspend(user=member, staff=staff_user, days=7, reason="Spam wave")
    statement = DecisionStatement.objects.get(member=member)
    client_for(member).post(statement.get_absolute_url(), {"text": "Not me, a hacked account"})

    client_for(other_staff).post(
        reverse("moderation:appeal-decide", args=[Appeal.objects.get().pk]),
        {"outcome": AppealOutcome.REVERSED, "reason": "Account was hacked"},
    )

    member.refresh_from_db()
    assert member.suspended_until is None
