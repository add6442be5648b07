"""One preference centre and one weekly budget for every e-mail the site sends.

Notifications, digests, review invitations and "Can you help?" requests share one weekly
cap per member; account mail is always sent; each kind (and all of them) can be switched
off on the settings page and by the signed one-click unsubscribe link.
"""

import io
from datetime import timedelta
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from community.notifications import registry, selectors, services, unsubscribe
from community.notifications.enums import Channel, MailKindKey, MailOutcome
from community.notifications.models import MailPreference, MailRecord, NotificationSettings
from qa.enums import MailKind, NotificationKind
from shop.models import Purchase

pytestmark = pytest.mark.django_db

SWITCHABLE = ["notification", "digest", "review_invitation", "help_request"]


def _settings_form(**changes) -> dict:
    values = {f"channel_{group}": Channel.IMMEDIATE for group in registry.group_keys()}
    values |= {"help_requests_per_week": "1", "mail_weekly_cap": "10"}
    values |= {f"mail_{kind}": "on" for kind in SWITCHABLE}
    values |= changes
    return {key: value for key, value in values.items() if value is not None}


def _notify(user, number: int, *, kind=NotificationKind.ANSWER_ON_MY_QUESTION):
    services.notify(
        kind=kind,
        event_key=f"event:{kind}:{number}",
        recipients=[user],
        url=f"/questions/{number}/q/",
        text=f"Question number {number}",
    )


def _sent_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def _unsubscribe_link(message) -> str:
    return message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")


# SECTION the preference centre


def test_the_preference_centre_lists_every_kind_of_e_mail_and_account_mail_as_always_sent(
    client, customer
):
    client.force_login(customer)

    response = client.get("/notifications/settings/")

    html = response.content.decode()
    form = response.context["form"]
    assert [field.name for field in form.mail_kind_fields()] == [f"mail_{k}" for k in SWITCHABLE]
    assert "Invitations to review products I bought" in html
    assert "Requests to help other buyers" in html
    assert "Account e-mail" in html and "always sent" in html
    assert "mail_account" not in form.fields
    # Marketing-like mail is off for a member who never consented (the site's default).
    assert form["mail_review_invitation"].value() is False
    assert form["mail_help_request"].value() is False
    assert form["mail_notification"].value() is True
    assert form["mail_digest"].value() is True
    assert form["mail_weekly_cap"].value() == 10


@pytest.mark.parametrize("kind", SWITCHABLE)
def test_each_kind_of_e_mail_can_be_switched_off_and_on(client, customer, kind):
    client.force_login(customer)

    response = client.post("/notifications/settings/", _settings_form(**{f"mail_{kind}": None}))

    assert response.status_code == 302
    choices = selectors.mail_choices_for(user=customer)
    assert choices[kind] is False
    assert all(enabled for other, enabled in choices.items() if other != kind)

    client.post("/notifications/settings/", _settings_form())

    assert selectors.mail_choices_for(user=customer)[kind] is True


def test_a_member_can_lower_the_weekly_limit_but_not_raise_it(client, customer, settings):
    settings.MAIL_WEEKLY_CAP = 5
    client.force_login(customer)

    client.post("/notifications/settings/", _settings_form(mail_weekly_cap="2"))
    assert NotificationSettings.objects.get(user=customer).mail_weekly_cap == 2

    for bad in ("6", "0", "many"):
        response = client.post("/notifications/settings/", _settings_form(mail_weekly_cap=bad))
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
    assert NotificationSettings.objects.get(user=customer).mail_weekly_cap == 2


def test_switching_digests_off_keeps_waiting_notifications_on_the_site(client, customer):
    services.notification_settings_save(
        user=customer,
        channels={"my_questions": Channel.DAILY},
        email_paused=False,
        help_requests_per_week=1,
    )
    _notify(customer, 1)
    client.force_login(customer)

    client.post(
        "/notifications/settings/",
        _settings_form(channel_my_questions=Channel.DAILY, mail_digest=None),
    )
    call_command("send_digests", stdout=io.StringIO())

    assert _sent_to(customer) == []
    assert customer.notifications.get().delivery == Channel.ON_SITE


# SECTION the shared weekly cap


@pytest.fixture
def member(buyer_of, product):
    """A verified buyer who agreed to invitations and help requests, with a digest waiting."""
    buyer = buyer_of(product, username="budget")
    services.mail_marketing_consent_record(user=buyer, consent=True)
    return buyer


def test_an_e_mail_that_failed_gives_its_place_in_the_budget_back(
    settings, customer, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MAIL_WEEKLY_CAP = 1

    def refuse(*args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(customer, 1)
    monkeypatch.undo()
    assert _sent_to(customer) == []
    assert not MailRecord.objects.filter(user=customer, outcome=MailOutcome.SENT).exists()

    # The week's one place is still free: the retry gets it.
    call_command("send_digests", stdout=io.StringIO())
    assert len(_sent_to(customer)) == 1


def test_notifications_digests_invitations_and_help_requests_share_one_weekly_cap(
    settings, member, product, ask, user_factory, django_capture_on_commit_callbacks
):
    settings.MAIL_WEEKLY_CAP = 4
    settings.REVIEW_INVITATION_DELAY_DAYS = 1
    # A mention waits for the daily digest (the mentions' default).
    _notify(member, 0, kind="mention")
    # Two notifications e-mailed at once.
    with django_capture_on_commit_callbacks(execute=True):
        _notify(member, 1)
        _notify(member, 2)
    # The review invitation for the product the member received.
    call_command("send_review_invitations", stdout=io.StringIO())
    # A "Can you help?" request about that product.
    with django_capture_on_commit_callbacks(execute=True):
        ask(author=user_factory(), product=product, title="Does it rust?")
    # The digest.
    call_command("send_digests", stdout=io.StringIO())

    sent = _sent_to(member)
    assert len(sent) == 4
    subjects = [message.subject for message in sent]
    assert any("daily digest" in subject for subject in subjects)  # kept its place
    assert sum("Question number" in subject for subject in subjects) == 2
    assert sum("How do you like" in subject for subject in subjects) == 1
    # The help request found the budget spent: skipped, recorded, and not tried again.
    records = MailRecord.objects.filter(user=member)
    assert records.filter(outcome=MailOutcome.SENT).count() == 4
    skipped = records.get(outcome=MailOutcome.OVER_CAP)
    assert skipped.kind == MailKind.HELP_REQUEST
    assert member.notifications.get(kind=NotificationKind.HELP_REQUEST).emailed_at is not None
    call_command("send_digests", stdout=io.StringIO())
    assert len(_sent_to(member)) == 4


def test_the_cap_frees_up_a_week_later_and_a_lower_personal_cap_applies(
    settings, customer, django_capture_on_commit_callbacks
):
    settings.MAIL_WEEKLY_CAP = 3
    services.notification_settings_save(
        user=customer, channels={}, email_paused=False, help_requests_per_week=1, mail_weekly_cap=1
    )
    MailRecord.objects.create(
        user=customer,
        kind=MailKindKey.NOTIFICATION,
        outcome=MailOutcome.SENT,
        recorded_at=timezone.now() - timedelta(days=8),
    )

    with django_capture_on_commit_callbacks(execute=True):
        _notify(customer, 1)
        _notify(customer, 2)

    assert [message.subject for message in _sent_to(customer)] == [
        "New answer to “Question number 1”"
    ]


def test_account_mail_is_sent_over_the_cap_and_not_counted(settings, client, customer):
    settings.MAIL_WEEKLY_CAP = 1
    MailRecord.objects.create(
        user=customer,
        kind=MailKindKey.NOTIFICATION,
        outcome=MailOutcome.SENT,
        recorded_at=timezone.now(),
    )

    response = client.post("/accounts/password/reset/", {"email": customer.email})

    assert response.status_code == 302
    assert len(_sent_to(customer)) == 1
    assert MailRecord.objects.filter(user=customer).count() == 1


# SECTION one-click unsubscribe


def test_the_signed_link_of_each_kind_turns_off_that_kind_only(customer):
    services.mail_marketing_consent_record(user=customer, consent=True)
    browser = Client(enforce_csrf_checks=True)

    for kind in SWITCHABLE:
        token = unsubscribe.unsubscribe_token(user=customer, scope=kind)
        page = browser.get(f"/notifications/unsubscribe/{token}/")
        assert page.status_code == 200
        assert str(registry.mail_kind(kind).label) in page.content.decode()
        assert selectors.mail_choices_for(user=customer)[kind] is True

        # What a mail program's one-click button sends (RFC 8058).
        done = browser.post(
            f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
        )

        assert done.status_code == 200
        assert selectors.mail_choices_for(user=customer)[kind] is False
    assert not NotificationSettings.objects.filter(user=customer, email_paused=True).exists()


def test_account_mail_cannot_be_unsubscribed_from(customer):
    with pytest.raises(ValueError):
        unsubscribe.unsubscribe_token(user=customer, scope=MailKindKey.ACCOUNT)


def test_a_help_request_carries_a_one_click_link_that_stops_the_requests(
    member, product, ask, user_factory, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask(author=user_factory(), product=product, title="Does it rust?")
    (request,) = _sent_to(member)
    assert request.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    Client(enforce_csrf_checks=True).post(_unsubscribe_link(request))

    assert MailPreference.objects.get(user=member, kind=MailKind.HELP_REQUEST).enabled is False
    assert selectors.mail_choices_for(user=member)[MailKind.REVIEW_INVITATION] is True


def test_the_all_link_stops_invitations_and_help_requests_too(
    settings, member, ask, user_factory, django_capture_on_commit_callbacks
):
    settings.REVIEW_INVITATION_DELAY_DAYS = 1
    token = unsubscribe.unsubscribe_token(user=member, scope=unsubscribe.UNSUBSCRIBE_ALL)

    Client(enforce_csrf_checks=True).post(f"/notifications/unsubscribe/{token}/")
    call_command("send_review_invitations", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        _notify(member, 1)

    assert _sent_to(member) == []
    assert not MailRecord.objects.filter(user=member).exists()


def test_a_review_invitation_opt_out_shows_in_the_preference_centre(settings, member, mailoutbox):
    settings.REVIEW_INVITATION_DELAY_DAYS = 1
    call_command("send_review_invitations", stdout=io.StringIO())
    (invitation,) = _sent_to(member)

    Client(enforce_csrf_checks=True).post(_unsubscribe_link(invitation))

    assert selectors.mail_choices_for(user=member)[MailKind.REVIEW_INVITATION] is False


def test_switching_invitations_back_on_undoes_an_opt_out_made_by_link(
    settings, member, product_factory, client, mailoutbox
):
    settings.REVIEW_INVITATION_DELAY_DAYS = 1
    call_command("send_review_invitations", stdout=io.StringIO())
    (invitation,) = _sent_to(member)
    Client(enforce_csrf_checks=True).post(_unsubscribe_link(invitation))

    client.force_login(member)
    client.post("/notifications/settings/", _settings_form())
    assert selectors.mail_choices_for(user=member)[MailKind.REVIEW_INVITATION] is True

    kettle = product_factory(title="Kettle", sku="KETTLE-1")
    Purchase.objects.create(
        order_id="O-kettle",
        email=member.email,
        sku=kettle.sku,
        product=kettle,
        ordered_at=timezone.now() - timedelta(days=10),
        delivered_at=timezone.now() - timedelta(days=5),
    )
    call_command("send_review_invitations", stdout=io.StringIO())

    assert len(_sent_to(member)) == 2
    assert "Kettle" in _sent_to(member)[-1].subject


def test_the_staff_summary_is_listed_for_staff_only(client, customer, staff_user):
    client.force_login(customer)
    fields = client.get("/notifications/settings/").context["form"].fields
    assert "mail_insights_summary" not in fields

    client.force_login(staff_user)
    form = client.get("/notifications/settings/").context["form"]

    assert form["mail_insights_summary"].value() is True
