"""Who hears about suggested edits, what the audit log keeps of staff deciding them, and what a
suspended member or an asker is (not) offered on the question page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.accounts.models import User
from community.moderation.enums import AuditAction
from community.moderation.models import AuditLogEntry
from community.notifications.models import Notification
from qa import services
from qa.enums import NotificationKind
from qa.models import SuggestedEdit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def thresholds(settings):
    settings.REPUTATION_PRIVILEGE_THRESHOLDS = {
        **settings.REPUTATION_PRIVILEGE_THRESHOLDS,
        "suggest_edits": 100,
        "edit_others": 1000,
        "close_votes": 250,
    }


def _with_reputation(user: User, points: int) -> User:
    User.objects.filter(pk=user.pk).update(reputation=points)
    user.refresh_from_db()
    return user


@pytest.fixture
def author(user_factory):
    return user_factory(username="asker")


@pytest.fixture
def question(author, question_factory):
    return question_factory(author=author, title="Does the lid fit the pan?", body="First line.")


@pytest.fixture
def answerer(user_factory):
    return user_factory(username="answerer")


@pytest.fixture
def answer(question, answerer, answer_factory):
    return answer_factory(question=question, author=answerer, body="It fits fine, yes.")


@pytest.fixture
def suggester(user_factory):
    return _with_reputation(user_factory(username="helper"), 100)


def _suggest(item, suggester) -> SuggestedEdit:
    if item.__class__.__name__ == "Question":
        changes = {"title": "Does the glass lid fit the 28 cm pan?", "body": item.body}
    else:
        changes = {"body": "It fits fine, yes: the 28 cm lid."}
    return services.suggested_edit_create(
        item=item, suggester=suggester, summary="Made it clearer", **changes
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def _notifications_page(client, user) -> str:
    client.force_login(user)
    return client.get("/notifications/").content.decode()


# SECTION notifications


def test_the_answers_author_hears_of_a_suggestion_with_a_link_to_it(
    client, suggester, answerer, answer, mailoutbox, django_capture_on_commit_callbacks
):
    before = Notification.objects.count()
    client.force_login(suggester)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/answers/{answer.pk}/suggest-edit/",
            {"body": "It fits fine, yes: the 28 cm lid.", "summary": "Added the size"},
        )
    assert response.status_code == 302
    # Answer activity is e-mailed at once by default.
    assert [mail.to for mail in mailoutbox] == [[answerer.email]]
    assert mailoutbox[0].subject == (
        "Suggested edit: helper suggested an edit to your answer to “Does the lid fit the pan?”"
    )
    suggestion = SuggestedEdit.objects.get()

    notice = Notification.objects.get(recipient=answerer)
    assert notice.kind == NotificationKind.EDIT_SUGGESTED_ON_MY_ANSWER
    assert notice.url == f"/edits/{suggestion.pk}/"
    page = _notifications_page(client, answerer)
    assert "helper suggested an edit to your answer to “Does the lid fit the pan?”" in page
    # Nobody else is told, and the suggester is not told of their own act.
    assert Notification.objects.count() == before + 1


def test_the_asker_hears_of_a_suggestion_to_their_question(client, suggester, author, question):
    client.force_login(suggester)
    client.post(
        f"/questions/{question.pk}/suggest-edit/",
        {
            "title": "Does the glass lid fit the 28 cm pan?",
            "body": question.body,
            "summary": "Named the size",
        },
    )

    notice = Notification.objects.get(recipient=author)
    assert notice.kind == NotificationKind.EDIT_SUGGESTED_ON_MY_QUESTION
    page = _notifications_page(client, author)
    assert "helper suggested an edit to your question “Does the lid fit the pan?”" in page


def test_the_suggester_hears_that_the_author_accepted(client, suggester, author, question):
    suggestion = _suggest(question, suggester)
    client.force_login(author)

    assert client.post(f"/edits/{suggestion.pk}/accept/").status_code == 302

    notice = Notification.objects.get(recipient=suggester)
    assert notice.kind == NotificationKind.MY_SUGGESTED_EDIT_DECIDED
    assert notice.url == f"/edits/{suggestion.pk}/"
    assert "Your suggested edit to “Does the glass lid fit the 28 cm pan?” was accepted." in (
        _notifications_page(client, suggester)
    )
    # The author deciding is not a staff action: nothing in the audit log.
    assert not AuditLogEntry.objects.exists()


def test_the_suggester_hears_why_it_was_rejected(
    client, suggester, answerer, answer, mailoutbox, django_capture_on_commit_callbacks
):
    suggestion = _suggest(answer, suggester)
    client.force_login(answerer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/edits/{suggestion.pk}/reject/", {"reason": "The size is wrong"})

    # The decisions group is e-mailed at once by default.
    assert [mail.to for mail in mailoutbox] == [[suggester.email]]
    assert mailoutbox[0].subject.startswith("Suggested edit: Your suggested edit to “Does the")

    page = _notifications_page(client, suggester)
    assert "Your suggested edit to “Does the lid fit the pan?” was rejected: The size is wrong" in (
        page
    )
    assert not Notification.objects.filter(recipient=answerer).exclude(
        kind=NotificationKind.EDIT_SUGGESTED_ON_MY_ANSWER
    )


# SECTION the audit log


def test_staff_accepting_is_audited_and_shown_in_the_log(
    client, suggester, question, staff_user, staff_client
):
    suggestion = _suggest(question, suggester)

    assert staff_client.post(f"/edits/{suggestion.pk}/accept/").status_code == 302

    entry = AuditLogEntry.objects.get()
    assert entry.action == AuditAction.ACCEPT_SUGGESTED_EDIT
    assert entry.actor == staff_user
    assert entry.target_id == suggestion.pk
    page = staff_client.get("/moderation/audit/", {"action": "accept_suggested_edit"})
    text = page.content.decode()
    assert "Accepted a suggested edit" in text
    assert f"/moderation/item/{entry.target_type_id}/{suggestion.pk}/" in text
    # The staff member's decision reaches the suggester as a notification, not a second one.
    assert Notification.objects.filter(recipient=suggester).count() == 1
    assert staff_client.get(f"/moderation/item/{entry.target_type_id}/{suggestion.pk}/")[
        "Location"
    ] == (f"/edits/{suggestion.pk}/")


def test_staff_rejecting_is_audited_with_the_reason(client, suggester, answer, staff_client):
    suggestion = _suggest(answer, suggester)

    staff_client.post(f"/edits/{suggestion.pk}/reject/", {"reason": "Changes the meaning"})

    entry = AuditLogEntry.objects.get()
    assert entry.action == AuditAction.REJECT_SUGGESTED_EDIT
    assert entry.reason == "Changes the meaning"
    page = staff_client.get("/moderation/audit/", {"action": "reject_suggested_edit"})
    assert "Rejected a suggested edit" in page.content.decode()
    assert "Changes the meaning" in page.content.decode()


def test_the_audit_filter_offers_the_new_actions(staff_client):
    page = staff_client.get("/moderation/audit/").content.decode()

    for value in (
        "accept_suggested_edit",
        "reject_suggested_edit",
        "review_reply_create",
        "review_reply_edit",
    ):
        assert f'value="{value}"' in page


# SECTION what the question page offers


def test_a_suspended_member_sees_no_suggest_or_edit_links(client, user_factory, question, answer):
    suggesting = _with_reputation(user_factory(username="suggesting"), 100)
    editing = _with_reputation(user_factory(username="editing"), 1000)
    for member, link in ((suggesting, "Suggest an edit"), (editing, ">Edit<")):
        client.force_login(member)
        assert link in client.get(question.get_absolute_url()).content.decode()
        User.objects.filter(pk=member.pk).update(
            suspended_until=timezone.now() + timedelta(days=2), suspension_reason="Spam"
        )
        page = client.get(question.get_absolute_url()).content.decode()
        assert link not in page
        assert f"/answers/{answer.pk}/suggest-edit/" not in page
        assert f"/answers/{answer.pk}/edit/" not in page
    # The services refuse them too.
    client.force_login(suggesting)
    refused = client.post(
        f"/answers/{answer.pk}/suggest-edit/",
        {"body": "It fits fine, yes: the 28 cm lid.", "summary": "Added the size"},
    )
    assert refused.status_code == 403
    client.force_login(editing)
    assert client.post(f"/answers/{answer.pk}/edit/", {"body": "Changed."}).status_code == 403
