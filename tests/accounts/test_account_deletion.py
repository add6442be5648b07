"""Deleting an account: by password or e-mailed link, a cooling-off period that signing in
ends, and an erasure that leaves no personal datum of the member anywhere."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from community.accounts.models import AccountDeletion, User
from community.moderation.enums import ContentStatus
from community.moderation.models import AuditLogEntry
from tests.conftest import PASSWORD

from .conftest import PERSONAL

pytestmark = pytest.mark.django_db

# Rows that may still point at an erased account: what the community wrote, and the records
# that keep scores, reports and the audit log consistent. The account itself is emptied.
MAY_POINT_AT_AN_ERASED_ACCOUNT = {
    ("qa.Question", "author"),
    ("qa.Question", "status_changed_by"),
    ("qa.Answer", "author"),
    ("qa.Answer", "status_changed_by"),
    ("qa.Comment", "author"),
    ("qa.Comment", "status_changed_by"),
    ("qa.Review", "author"),
    ("qa.Review", "status_changed_by"),
    ("qa.ReviewReply", "author"),
    ("qa.QuestionVote", "voter"),
    ("qa.AnswerVote", "voter"),
    ("qa.ReviewHelpfulVote", "voter"),
    ("qa.SuggestedEdit", "suggester"),
    ("forum.Topic", "author"),
    ("forum.Topic", "status_changed_by"),
    ("forum.Post", "author"),
    ("forum.Post", "status_changed_by"),
    ("photos.Photo", "owner"),
    ("revisions.Revision", "editor"),
    ("reputation.ReputationEvent", "user"),
    ("reputation.ReputationEvent", "actor"),
    ("reputation.UserBadge", "user"),
    ("reputation.CloseVote", "voter"),
    ("moderation.Flag", "flagger"),
    ("moderation.MemberWarning", "user"),
    ("moderation.AuditLogEntry", "actor"),
    ("moderation.IllegalContentNotice", "sender"),
    ("moderation.DecisionStatement", "member"),
    ("moderation.Appeal", "member"),
    ("notifications.Notification", "actor"),
}
PERSONAL_FIELD_WORDS = ("email", "name", "ip", "address")


def _personal_models():
    """Every model with a link to the user model or a field that may hold an e-mail address,
    a name or an IP address: new models are covered without touching this test."""
    for model in apps.get_models():
        fields = model._meta.concrete_fields
        user_links = [
            field for field in fields if field.is_relation and field.related_model is User
        ]
        personal_fields = [
            field
            for field in fields
            if isinstance(field, (models.EmailField, models.GenericIPAddressField))
            or any(word in field.name.split("_") for word in PERSONAL_FIELD_WORDS)
        ]
        if user_links or personal_fields or model is User:
            yield model, user_links


def _text_fields(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField))
    ]


def _leftovers(user_pk: int, values: list[str]) -> list[str]:
    found = []
    lowered = [value.lower() for value in values]
    for model, user_links in _personal_models():
        label = model._meta.label
        for link in user_links:
            if (label, link.name) in MAY_POINT_AT_AN_ERASED_ACCOUNT:
                continue
            if model._default_manager.filter(**{link.attname: user_pk}).exists():
                found.append(f"{label}.{link.name} still points at the member")
        text_fields = _text_fields(model)
        if not text_fields:
            continue
        for row in model._default_manager.values("pk", *text_fields).iterator():
            for field in text_fields:
                text = str(row[field] or "").lower()
                for value in lowered:
                    if value in text:
                        found.append(f"{label}.{field} (row {row['pk']}) holds {value!r}")
    for session in Session.objects.all():
        if session.get_decoded().get("_auth_user_id") == str(user_pk):
            found.append(f"a session of the member is left ({session.session_key})")
    return found


def _ask_for_deletion(client, user, *, password=PASSWORD, remove_posts=False):
    client.force_login(user)
    data = {"password": password}
    if remove_posts:
        data["remove_posts"] = "on"
    return client.post("/accounts/privacy/delete/", data, follow=True)


def _after_cooling_off(settings):
    later = timezone.now() + timedelta(days=settings.ACCOUNT_DELETION_COOLING_OFF_DAYS, hours=1)
    AccountDeletion.objects.update(erase_after=later - timedelta(days=30))
    output = StringIO()
    call_command("erase_deleted_accounts", stdout=output)
    return output.getvalue()


# SECTION asking


def test_asking_with_the_password_signs_out_and_schedules_the_deletion(client, customer, settings):
    response = _ask_for_deletion(client, customer)

    assert "Your account will be deleted on" in response.content.decode()
    deletion = AccountDeletion.objects.get(user=customer)
    expected = timezone.now() + timedelta(days=settings.ACCOUNT_DELETION_COOLING_OFF_DAYS)
    assert abs(deletion.erase_after - expected) < timedelta(minutes=1)
    assert client.get("/accounts/privacy/").status_code == 302  # signed out
    customer.refresh_from_db()
    assert customer.erased_at is None and customer.username == "customer"


def test_a_wrong_password_is_refused_and_nothing_changes(client, customer):
    response = _ask_for_deletion(client, customer, password="not-my-password")

    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    assert not AccountDeletion.objects.exists()
    assert client.get("/accounts/privacy/").status_code == 200  # still signed in


def test_wrong_passwords_are_limited(client, customer, settings):
    settings.ACCOUNT_DELETION_PASSWORD_RATE = "2/h"
    for _attempt in range(2):
        _ask_for_deletion(client, customer, password="guess")

    refused = _ask_for_deletion(client, customer)

    assert refused.status_code == 429
    assert not AccountDeletion.objects.exists()


def test_a_member_without_a_password_confirms_by_an_emailed_link(client, customer):
    customer.set_unusable_password()
    customer.save()
    client.force_login(customer)
    page = client.get("/accounts/privacy/").content.decode()
    assert 'name="password"' not in page

    client.post("/accounts/privacy/delete/", {"remove_posts": "on"})
    assert not AccountDeletion.objects.exists()
    [message] = mail.outbox
    link = re.search(r"http://testserver(/accounts/privacy/delete/confirm/[^/\s]+/)", message.body)[
        1
    ]
    assert client.get(link).status_code == 200
    client.post(link)

    deletion = AccountDeletion.objects.get(user=customer)
    assert deletion.remove_posts


def test_the_emailed_link_works_only_for_its_member(client, customer, user_factory):
    customer.set_unusable_password()
    customer.save()
    client.force_login(customer)
    client.post("/accounts/privacy/delete/", {})
    link = re.search(r"(/accounts/privacy/delete/confirm/[^/\s]+/)", mail.outbox[0].body)[1]

    client.force_login(user_factory())
    response = client.post(link)

    assert response.status_code == 410
    assert not AccountDeletion.objects.exists()


# SECTION cooling off


def test_signing_in_during_the_cooling_off_period_cancels_the_deletion(client, customer, settings):
    _ask_for_deletion(client, customer)

    response = client.post(
        "/accounts/login/", {"login": "customer", "password": PASSWORD}, follow=True
    )

    assert "signing in has cancelled that" in response.content.decode()
    assert not AccountDeletion.objects.exists()
    assert "Erased 0 account(s)." in _after_cooling_off(settings)
    customer.refresh_from_db()
    assert customer.erased_at is None


def test_nothing_is_erased_before_the_cooling_off_period_ends(client, customer):
    _ask_for_deletion(client, customer)

    output = StringIO()
    call_command("erase_deleted_accounts", stdout=output)

    assert "Erased 0 account(s)." in output.getvalue()
    customer.refresh_from_db()
    assert customer.erased_at is None


# SECTION erasure


def test_after_erasure_no_personal_datum_of_the_member_is_left_anywhere(client, member, settings):
    user = member.user
    avatar = user.avatar.name
    storage = user.avatar.storage
    assert storage.exists(avatar)
    values = [*PERSONAL.values(), "zoe-google-uid"]
    assert _leftovers(user.pk, values), "the check must see the member's data before erasure"
    _ask_for_deletion(client, user)

    assert "Erased 1 account(s)." in _after_cooling_off(settings)

    assert _leftovers(user.pk, values) == []
    assert not storage.exists(avatar)
    user.refresh_from_db()
    assert user.username == f"former-member-{user.pk}"
    assert not user.is_active and not user.has_usable_password()
    # The username is free again; the erased one cannot be taken.
    signup = client.post(
        "/accounts/signup/",
        {
            "username": f"former-member-{user.pk + 1}",
            "email": "someone@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert "This username is not available." in signup.content.decode()


def test_posts_stay_shown_as_by_a_former_member(client, member, settings, staff_user):
    assert PERSONAL["display_name"] in client.get(member.article.url).content.decode()
    _ask_for_deletion(client, member.user)
    _after_cooling_off(settings)
    client.logout()

    question = client.get(member.question.get_absolute_url())
    topic = client.get(member.topic.get_absolute_url())
    theirs = client.get(member.answer.question.get_absolute_url())

    assert question.status_code == topic.status_code == theirs.status_code == 200
    for page in (question, topic, theirs):
        html = page.content.decode()
        assert "Former member" in html
        assert PERSONAL["display_name"] not in html
    assert "The fine mesh filter suits it best." in theirs.content.decode()
    article = client.get(member.article.url)
    assert article.status_code == 200
    assert PERSONAL["display_name"] not in article.content.decode()
    # Profiles, the leaderboard and the audit log still work.
    assert client.get(f"/users/former-member-{member.user.pk}/").status_code == 404
    assert client.get("/users/leaderboard/").status_code == 200
    client.force_login(staff_user)
    assert client.get("/moderation/audit/").status_code == 200


def test_posts_can_be_removed_with_the_account(client, member, settings):
    _ask_for_deletion(client, member.user, remove_posts=True)
    _after_cooling_off(settings)

    for item in (member.question, member.answer, member.comment, member.review, member.topic):
        item.refresh_from_db()
        assert item.status == ContentStatus.DELETED, item
    member.reply.refresh_from_db()
    assert member.reply.status == ContentStatus.DELETED
    assert client.get(member.question.get_absolute_url()).status_code in (404, 410)
    assert _leftovers(member.user.pk, list(PERSONAL.values())) == []


# SECTION staff


@pytest.fixture
def admin_staff(user_factory):
    """A staff member who may use the Wagtail admin."""
    user = user_factory(username="supportdesk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_staff_erase_an_account_from_the_admin(client, member, admin_staff):
    client.force_login(admin_staff)
    assert client.get("/admin/members/erase/").status_code == 200

    response = client.post(
        "/admin/members/erase/",
        {"username": PERSONAL["email"], "confirm": "on"},
        follow=True,
    )

    assert response.status_code == 200
    member.user.refresh_from_db()
    assert member.user.erased_at is not None
    assert _leftovers(member.user.pk, list(PERSONAL.values())) == []
    member.question.refresh_from_db()
    assert member.question.status == ContentStatus.PUBLISHED
    # The audit log keeps who erased which account, by its new name only.
    erasures = client.get("/moderation/audit/", {"action": "erase_account"}).context["entries"]
    assert [(entry.actor, entry.target_repr) for entry in erasures] == [
        (admin_staff, f"former-member-{member.user.pk}")
    ]


def test_staff_must_confirm_and_cannot_erase_staff(client, customer, admin_staff, user_factory):
    client.force_login(admin_staff)
    unconfirmed = client.post("/admin/members/erase/", {"username": "customer"})
    colleague = user_factory(username="colleague", is_staff=True)
    staff = client.post("/admin/members/erase/", {"username": "colleague", "confirm": "on"})

    assert unconfirmed.status_code == staff.status_code == 400
    assert "Staff accounts are not erased here" in staff.content.decode()
    customer.refresh_from_db()
    colleague.refresh_from_db()
    assert customer.erased_at is None and colleague.erased_at is None


def test_staff_erasing_no_one_or_an_erased_account_is_told_so(client, admin_staff, customer):
    client.force_login(admin_staff)
    client.post("/admin/members/erase/", {"username": "customer", "confirm": "on"})
    customer.refresh_from_db()
    erased_once = AuditLogEntry.objects.count()

    for name in ("nobody-by-that-name", customer.username):
        response = client.post("/admin/members/erase/", {"username": name, "confirm": "on"})
        assert response.status_code == 400
        assert "There is no member by that name or address." in response.content.decode()
    assert AuditLogEntry.objects.count() == erased_once == 1


def test_customers_cannot_use_the_staff_erasure(client, customer, user_factory):
    victim = user_factory(username="victim")
    client.force_login(customer)
    outside = client.post("/admin/members/erase/", {"username": "victim", "confirm": "on"})
    # Even a member let into the admin (an editor) is not staff.
    customer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    editor = client.post("/admin/members/erase/", {"username": "victim", "confirm": "on"})

    assert outside.status_code == 302 and outside["Location"].startswith("/admin/login/")
    # The admin answers a refused permission by going back to its dashboard.
    assert editor.status_code in (302, 403) and not editor.get("Location", "").startswith(
        "/admin/login/"
    )
    victim.refresh_from_db()
    assert victim.erased_at is None
    assert not AuditLogEntry.objects.exists()
