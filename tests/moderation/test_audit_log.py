"""Every staff action is in the audit log: who, what, when, why; staff filter it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.moderation import services
from community.moderation.enums import AuditAction
from community.moderation.models import AuditLogEntry
from community.moderation.services import content_hide
from qa import services as qa_services

pytestmark = pytest.mark.django_db

AUDIT = reverse("moderation:audit-log")


def test_only_staff_read_the_audit_log(anonymous, customer_client, staff_client):
    assert anonymous.get(AUDIT).status_code == 302
    assert customer_client.get(AUDIT).status_code == 403
    assert staff_client.get(AUDIT).status_code == 200


def test_the_log_shows_who_did_what_when_and_why(
    question_factory, staff_user, staff_client, user_factory
):
    question = question_factory(title="Which size fits the oven?")
    qa_services.question_set_locked(
        question=question, staff=staff_user, locked=True, reason="Heated argument"
    )
    services.user_suspend(
        user=user_factory(username="spammy"), staff=staff_user, days=2, reason="Ads"
    )
    page = staff_client.get(AUDIT).content.decode()
    assert "Which size fits the oven?" in page and "Heated argument" in page
    assert "Locked" in page and "Suspended the member" in page and "spammy" in page
    assert staff_user.public_name in page


def test_the_log_filters_by_action_staff_item_and_date(
    question_factory, staff_user, staff_client, user_factory
):
    other_staff = user_factory(username="otherstaff", is_staff=True)
    first = question_factory(title="First question locked by staffer")
    second = question_factory(title="Second question hidden by otherstaff")
    qa_services.question_set_locked(question=first, staff=staff_user, locked=True)
    content_hide(item=second, staff=other_staff, reason="Spam")
    services.user_warn(user=user_factory(username="warnedone"), staff=staff_user, reason="Be nice")
    page = staff_client.get(AUDIT, {"action": "hide"}).content.decode()
    assert "Second question" in page and "First question" not in page
    page = staff_client.get(AUDIT, {"actor": staff_user.pk}).content.decode()
    assert "First question" in page and "Second question" not in page
    page = staff_client.get(AUDIT, {"kind": "member"}).content.decode()
    assert "warnedone" in page and "First question" not in page
    page = staff_client.get(AUDIT, {"kind": "question"}).content.decode()
    assert "warnedone" not in page and "First question" in page
    AuditLogEntry.objects.filter(target_id=first.pk, action=AuditAction.LOCK).update(
        created_at=timezone.now() - timedelta(days=10)
    )
    today = timezone.localdate().isoformat()
    page = staff_client.get(AUDIT, {"since": today}).content.decode()
    assert "First question" not in page and "Second question" in page
    old = (timezone.localdate() - timedelta(days=5)).isoformat()
    page = staff_client.get(AUDIT, {"until": old}).content.decode()
    assert "First question" in page and "Second question" not in page


def test_a_reversed_date_range_is_explained(staff_client):
    response = staff_client.get(AUDIT, {"since": "2026-05-02", "until": "2026-05-01"})
    assert "The start date is after the end date." in response.content.decode()


def test_entries_link_to_the_item(question_factory, staff_user, staff_client):
    question = question_factory()
    entry = services.audit_record(actor=staff_user, action=AuditAction.LOCK, target=question)
    response = staff_client.get(
        reverse("moderation:item", args=[entry.target_type_id, entry.target_id])
    )
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()


def test_links_to_hidden_items_stay_hidden_from_others(
    question_factory, staff_user, client_for, user_factory
):
    question = question_factory()
    entry = services.content_hide(item=question, staff=staff_user, reason="x")
    entry = AuditLogEntry.objects.get(target_id=question.pk)
    url = reverse("moderation:item", args=[entry.target_type_id, entry.target_id])
    assert client_for(user_factory()).get(url).status_code == 404
    assert client_for(question.author).get(url).status_code == 302


def test_queue_decisions_are_logged(question_factory, answer_factory, user_factory, staff_user):
    question = question_factory()
    answer = answer_factory(question=question)
    services.content_delete(item=answer, staff=staff_user, reason="Illegal")
    services.content_restore(item=answer, staff=staff_user)
    services.content_hide(item=question, staff=staff_user, reason="Off-topic")
    actions = list(AuditLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [AuditAction.DELETE, AuditAction.RESTORE, AuditAction.HIDE]


@pytest.mark.slow
def test_the_audit_log_takes_the_same_queries_for_one_or_many_entries(
    question_factory, staff_user, staff_client, django_assert_max_num_queries
):
    for count in (1, 30):
        while AuditLogEntry.objects.count() < count:
            qa_services.question_set_locked(
                question=question_factory(), staff=staff_user, locked=True, reason="r"
            )
        staff_client.get(AUDIT)
        with django_assert_max_num_queries(11):
            assert staff_client.get(AUDIT).status_code == 200
