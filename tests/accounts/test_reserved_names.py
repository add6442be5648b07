"""Members cannot take names that pass for the shop's staff (issue 15, "Trust that can't be
farmed"): reserved words, the shop's name, staff members' names; staff may use them."""

import pytest

from community.accounts.models import User
from community.accounts.names import name_refusal
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"


@pytest.fixture
def colleague(user_factory):
    return user_factory(username="jdekker", display_name="Joost Dekker", is_staff=True)


@pytest.mark.parametrize(
    "name",
    [
        "Staff",
        "Shop Support",
        "5upp0rt Desk",
        "ADMIN",
        "S.t.a.f.f",
        "ShopStaff",
        "the_moderators",
        "Team Anna",
        "0ffic1al answers",
        "Klantenservice",
        "Medewerker Kim",
        "beheerder",
        "Webshop Community",
        "webshop-c0mmunity help",
        "Stäff",
        "Ѕtaff",  # a Cyrillic S
    ],
)
def test_reserved_words_and_the_shops_name_are_refused(name, settings):
    settings.WAGTAIL_SITE_NAME = "Webshop Community"
    assert name_refusal(name)


@pytest.mark.parametrize(
    "name", ["Anna de Vries", "Badminton Bob", "Bob Steam", "Kim the Cook", "Joost", "Dekker"]
)
def test_ordinary_names_are_free(name, colleague):
    assert name_refusal(name) == ""


@pytest.mark.parametrize(
    "name", ["Joost Dekker", "joost-dekker", "J0ost Dekker!", "jdekker", "The real Joost Dekker"]
)
def test_staff_members_names_are_refused(name, colleague):
    assert "one of the shop's staff" in name_refusal(name)


def test_a_member_cannot_take_a_staff_like_display_name_and_keeps_what_was_typed(
    customer_client, customer, colleague
):
    for name in ("Support Team", "Joost Dekker"):
        response = customer_client.post(PROFILE, {"display_name": name, "bio": "Pans and pots."})

        assert response.status_code == 200
        page = response.content.decode()
        assert "Please choose another name." in page
        assert f'value="{name}"' in page
        assert "Pans and pots." in page
        customer.refresh_from_db()
        assert customer.display_name == ""


def test_staff_may_use_reserved_words(client, colleague):
    client.force_login(colleague)

    response = client.post(PROFILE, {"display_name": "Joost from Support", "bio": ""})

    assert response.status_code == 302
    assert User.objects.get(pk=colleague.pk).display_name == "Joost from Support"


def test_a_name_kept_from_before_does_not_block_other_changes(customer_client, customer):
    User.objects.filter(pk=customer.pk).update(display_name="Team Kim")

    response = customer_client.post(PROFILE, {"display_name": "Team Kim", "bio": "New bio"})

    assert response.status_code == 302
    assert User.objects.get(pk=customer.pk).bio == "New bio"


@pytest.mark.parametrize("username", ["support", "shop_admin", "m0derator", "j-dekker"])
def test_sign_up_refuses_a_staff_like_username_and_keeps_the_form(client, colleague, username):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "someone@example.com",
            "username": username,
            "password1": PASSWORD + "x",
            "password2": PASSWORD + "x",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Please choose another name." in page
    assert 'value="someone@example.com"' in page
    assert not User.objects.filter(email="someone@example.com").exists()


def test_sign_up_with_an_ordinary_username_still_works(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "kim@example.com",
            "username": "kimcooks",
            "password1": PASSWORD + "x",
            "password2": PASSWORD + "x",
        },
    )

    assert response.status_code == 302
    assert User.objects.filter(username="kimcooks").exists()
