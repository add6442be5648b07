"""The shop's replies to reviews are staff actions, so the audit log keeps each one."""

import pytest

from community.moderation.enums import AuditAction
from community.moderation.models import AuditLogEntry
from qa.models import ReviewReply

pytestmark = pytest.mark.django_db


def test_writing_and_editing_the_reply_are_in_the_audit_log(
    client, product, review_factory, staff_user
):
    review = review_factory(product=product, rating=2, title="Lid rattles")
    client.force_login(staff_user)

    client.post(f"/reviews/{review.pk}/reply/", {"body": "First answer."})
    client.post(f"/reviews/{review.pk}/reply/", {"body": "First answer."})  # unchanged
    client.post(f"/reviews/{review.pk}/reply/", {"body": "Better answer."})

    reply = ReviewReply.objects.get()
    entries = list(AuditLogEntry.objects.order_by("pk"))
    assert [entry.action for entry in entries] == [
        AuditAction.REVIEW_REPLY_CREATE,
        AuditAction.REVIEW_REPLY_EDIT,
    ]
    assert all(entry.actor == staff_user and entry.target_id == reply.pk for entry in entries)
    created, edited = "Replied to a review for the shop", "Edited the shop&#x27;s reply to a review"
    # Each label is once in the action filter's options, and once more per row shown.
    page = client.get("/moderation/audit/", {"action": "review_reply_create"}).content.decode()
    assert page.count(created) == 2 and page.count(edited) == 1
    assert "Reply to “Lid rattles”" in page
    page = client.get("/moderation/audit/", {"action": "review_reply_edit"}).content.decode()
    assert page.count(created) == 1 and page.count(edited) == 2


def test_a_refused_reply_leaves_no_audit_entry(client, product, review_factory, user_factory):
    review = review_factory(product=product, rating=2)
    client.force_login(user_factory(username="notstaff"))

    assert client.post(f"/reviews/{review.pk}/reply/", {"body": "Fake"}).status_code == 403
    assert not AuditLogEntry.objects.exists()
