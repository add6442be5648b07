"""The sign-up form asks for consent to marketing-like e-mail (review invitations, requests to
help other buyers); where the site requires consent it starts unticked, and a member who
never chose gets none."""

import pytest

from community.accounts.models import User
from community.notifications import selectors

pytestmark = pytest.mark.django_db

PASSWORD = "a-much-longer-passphrase-42"
MARKETING = ("review_invitation", "help_request")


def _sign_up(client, **extra):
    data = {
        "email": "new.member@example.com",
        "username": "newmember",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 302
    return User.objects.get(username="newmember")


def _marketing_choices(user) -> dict[str, bool]:
    choices = selectors.mail_choices_for(user=user)
    return {kind: choices[kind] for kind in MARKETING}


def test_the_consent_box_starts_unticked_where_consent_is_required(client, settings):
    settings.MAIL_MARKETING_REQUIRES_CONSENT = True

    form = client.get("/accounts/signup/").context["form"]

    assert form["marketing_mail"].value() is False
    assert (
        "invitations to review products I bought"
        in client.get("/accounts/signup/").content.decode()
    )


def test_the_consent_box_starts_ticked_where_consent_is_not_required(client, settings):
    settings.MAIL_MARKETING_REQUIRES_CONSENT = False

    form = client.get("/accounts/signup/").context["form"]

    assert form["marketing_mail"].value() is True


def test_ticking_the_box_switches_invitations_and_help_requests_on(client):
    member = _sign_up(client, marketing_mail="on")

    assert _marketing_choices(member) == {"review_invitation": True, "help_request": True}


def test_leaving_it_unticked_keeps_them_off_whatever_the_setting(client, settings):
    settings.MAIL_MARKETING_REQUIRES_CONSENT = False

    member = _sign_up(client)

    assert _marketing_choices(member) == {"review_invitation": False, "help_request": False}
    assert selectors.mail_choices_for(user=member)["notification"] is True


def test_a_member_who_never_chose_gets_the_default_the_setting_gives(settings, user_factory):
    member = user_factory()

    settings.MAIL_MARKETING_REQUIRES_CONSENT = True
    assert _marketing_choices(member) == {"review_invitation": False, "help_request": False}
    settings.MAIL_MARKETING_REQUIRES_CONSENT = False
    # Help requests are opt-in in any case; invitations go out unless switched off.
    assert _marketing_choices(member) == {"review_invitation": True, "help_request": False}
