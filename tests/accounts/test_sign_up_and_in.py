import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from community.accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-longer-passphrase-42"


def _link_from(message) -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def _sign_up(client, **overrides):
    data = {
        "email": "new.member@example.com",
        "username": "newmember",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }
    return client.post("/accounts/signup/", data)


def test_sign_up_sends_a_verification_mail_and_does_not_sign_in_yet(client, mailoutbox):
    response = _sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.member@example.com"]
    assert "_auth_user_id" not in client.session
    assert not EmailAddress.objects.get(email="new.member@example.com").verified


def test_confirming_the_email_verifies_it_and_signs_in(client, mailoutbox):
    _sign_up(client)
    link = _link_from(mailoutbox[0])
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "new.member@example.com" in confirm_page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new.member@example.com").verified
    assert client.session["_auth_user_id"] == str(User.objects.get(username="newmember").pk)


def test_sign_up_with_bad_input_explains_and_keeps_what_was_typed(client, user_factory):
    user_factory(username="taken")
    response = _sign_up(client, username="taken", password2="something-else-entirely")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A user with that username already exists." in html
    assert "You must type the same password each time." in html
    assert 'value="new.member@example.com"' in html  # what they typed is still there
    assert 'aria-invalid="true"' in html


def test_sign_up_page_looks_like_the_site(client):
    html = client.get("/accounts/signup/").content.decode()
    assert 'class="site-header"' in html
    assert '<label for="id_email">' in html
    assert 'href="#main"' in html


@pytest.mark.parametrize("login", ["customer", "customer@example.com", "CUSTOMER@example.com"])
def test_member_signs_in_by_username_or_email(client, customer, login):
    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(customer.pk)


def test_wrong_password_is_refused_with_a_clear_message(client, customer):
    response = client.post("/accounts/login/", {"login": "customer", "password": "nope-nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unverified_member_must_verify_before_signing_in(client, user_factory, mailoutbox):
    user_factory(username="pending", verified=False)
    response = client.post("/accounts/login/", {"login": "pending", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1


def test_repeated_failed_logins_are_rate_limited(client, customer):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "customer", "password": "wrong-guess"})
    response = client.post("/accounts/login/", {"login": "customer", "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_ups_are_rate_limited_per_address(client, settings):
    for n in range(10):
        _sign_up(client, email=f"bulk{n}@example.com", username=f"bulk{n}")
    response = _sign_up(client, email="one.more@example.com", username="onemore")
    assert response.status_code == 429
    assert not User.objects.filter(username="onemore").exists()


def test_signing_out_needs_a_post_and_ends_the_session(customer_client):
    assert customer_client.get("/accounts/logout/").status_code == 200  # a confirmation page
    assert "_auth_user_id" in customer_client.session
    response = customer_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in customer_client.session


def test_password_reset_by_mail_sets_a_new_password(client, customer, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "customer@example.com"})
    assert response.status_code == 302
    link = _link_from(mailoutbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.check_password(NEW_PASSWORD)


def test_password_reset_does_not_reveal_whether_an_address_exists(client, mailoutbox):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


def test_changing_email_sends_a_verification_to_the_new_address(customer_client, mailoutbox):
    response = customer_client.post(
        "/accounts/email/", {"action_add": "", "email": "customer.new@example.com"}
    )
    assert response.status_code == 302
    assert mailoutbox[-1].to == ["customer.new@example.com"]
    assert not EmailAddress.objects.get(email="customer.new@example.com").verified


def test_account_pages_need_sign_in(client):
    for url in ("/accounts/email/", "/accounts/password/change/", "/accounts/profile/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_a_stranger_failing_to_sign_in_as_a_member_never_locks_the_member_out(customer):
    """Failed sign-ins count per account and address together: the stranger's address waits,
    the member signing in from their own address does not."""
    stranger = Client(REMOTE_ADDR="198.51.100.66")
    for _ in range(12):
        stranger.post("/accounts/login/", {"login": "customer", "password": "wrong-guess"})
    still_refused = stranger.post("/accounts/login/", {"login": "customer", "password": PASSWORD})
    assert "_auth_user_id" not in stranger.session
    assert still_refused.status_code in (200, 429)

    member = Client(REMOTE_ADDR="203.0.113.10")
    response = member.post("/accounts/login/", {"login": "customer", "password": PASSWORD})

    assert response.status_code == 302
    assert member.session["_auth_user_id"] == str(customer.pk)
