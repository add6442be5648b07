"""Signing in holds across pages, and ends, exactly as Django's own session stores do it: the
site reads a member's session row and their user row with plain SQL (one query each), so
every way a session ends must still end it, whichever store the site runs (the database
alone, or with Redis keeping a copy)."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.accounts.models import User
from tests.conftest import PASSWORD

# Each test runs with the local cache (sessions in the database) and with Redis (a copy
# of each session kept there too).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("each_cache")]

# A page with the account menu: the member's name when signed in, "Sign in" when not.
PAGE = "/questions/"


def _signed_in(client: Client, user: User) -> bool:
    response = client.get(PAGE)
    assert response.status_code == 200
    signed_in = 'action="/accounts/logout/"' in response.content.decode()  # "Sign out"
    assert response.wsgi_request.user.is_authenticated == signed_in
    assert not signed_in or response.wsgi_request.user == user
    return signed_in


def _member(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _session_row(client: Client) -> Session | None:
    return Session.objects.filter(
        session_key=client.cookies[settings.SESSION_COOKIE_NAME].value
    ).first()


def test_the_site_runs_its_own_stores_of_djangos_session_rows():
    assert settings.SESSION_ENGINE.startswith("community.accounts.sessions.")
    assert _store()().model is Session


def test_a_session_row_reads_as_the_orm_reads_it(customer):
    client = _member(customer)
    key = client.session.session_key
    cache.clear()  # not the copy Redis keeps: the row

    found = _store()(key)._get_session_from_db()

    row = Session.objects.get(session_key=key)
    assert (found.session_key, found.session_data, found.expire_date) == (
        row.session_key,
        row.session_data,
        row.expire_date,
    )
    assert found.expire_date.tzinfo is not None
    assert found._state.adding is False and found._state.db == "default"


def test_a_signed_in_member_stays_signed_in_with_one_query_for_the_session(customer):
    client = _member(customer)
    cache.clear()

    with CaptureQueriesContext(connection) as queries:
        assert _signed_in(client, customer)
    session_reads = [query for query in queries if "django_session" in query["sql"]]

    assert len(session_reads) == 1
    assert _signed_in(client, customer)


def test_signing_out_ends_the_session_for_its_cookie(customer):
    client = _member(customer)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert _signed_in(client, customer)

    assert client.post("/accounts/logout/").status_code == 302

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert not _signed_in(replay, customer)
    assert not Session.objects.filter(session_key=cookie).exists()


def test_an_expired_session_signs_nobody_in(customer):
    client = _member(customer)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    cache.clear()

    assert not _signed_in(client, customer)
    assert _store()(key).load() == {}


def test_an_unknown_session_key_signs_nobody_in(customer):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32

    assert not _signed_in(client, customer)
    store = _store()("x" * 32)
    assert store.load() == {} and store.session_key is None


def test_changing_the_password_signs_the_other_sessions_out(customer):
    changer, other = Client(), _member(customer)
    assert changer.login(username=customer.username, password=PASSWORD)
    assert _signed_in(other, customer)

    changed = changer.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-passphrase",
            "password2": "a-new-long-passphrase",
        },
    )

    assert changed.status_code == 302
    assert _signed_in(changer, customer)  # the session that changed it stays signed in
    other_key = other.session.session_key
    assert not _signed_in(other, customer)
    assert not Session.objects.filter(session_key=other_key).exists()  # flushed


def test_a_password_changed_elsewhere_signs_the_member_out(customer):
    client = _member(customer)
    assert _signed_in(client, customer)

    customer.set_password("changed-by-a-moderator-tool")
    customer.save()

    assert not _signed_in(client, customer)


def test_a_session_from_before_a_secret_key_rotation_still_signs_in(customer, settings):
    old = settings.SECRET_KEY
    client = _member(customer)
    cache.clear()

    settings.SECRET_KEY = "a-new-secret-key-" + "n" * 50
    settings.SECRET_KEY_FALLBACKS = [old]

    assert _signed_in(client, customer)


def test_a_session_from_before_a_secret_key_dropped_from_the_fallbacks_signs_nobody_in(
    customer, settings
):
    client = _member(customer)
    cache.clear()

    settings.SECRET_KEY = "a-new-secret-key-" + "n" * 50
    settings.SECRET_KEY_FALLBACKS = []

    assert not _signed_in(client, customer)


def test_a_deactivated_member_is_signed_out(customer):
    client = _member(customer)
    assert _signed_in(client, customer)

    User.objects.filter(pk=customer.pk).update(is_active=False)

    assert not _signed_in(client, customer)


def test_an_erased_account_row_signs_nobody_in(customer):
    client = _member(customer)
    session = client.session
    session["_auth_user_id"] = str(customer.pk + 1000)
    session.save()

    assert not _signed_in(client, customer)


# SECTION the user row


def test_the_user_found_by_its_id_is_the_one_the_orm_finds(user_factory):
    member = user_factory(username="lid_maker", display_name="Lid Maker", reputation=12)
    member.last_login = timezone.now()
    member.save()

    found = User.objects.get(pk=member.pk)

    expected = User.objects.filter(pk=member.pk).get()
    assert type(found) is User
    assert [getattr(found, f.attname) for f in User._meta.concrete_fields] == [
        getattr(expected, f.attname) for f in User._meta.concrete_fields
    ]
    assert found._state.adding is False and found._state.db == "default"
    assert found.last_login.tzinfo is not None


def test_no_user_with_that_id_is_not_found():
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=987654)


def test_a_groups_members_find_only_its_members(user_factory):
    inside, outside = user_factory(), user_factory()
    group = Group.objects.create(name="Testers")
    group.user_set.add(inside)

    assert group.user_set.get(pk=inside.pk) == inside
    with pytest.raises(User.DoesNotExist):
        group.user_set.get(pk=outside.pk)


def test_an_id_beyond_any_row_is_not_found_without_asking_the_database():
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=36**13)


def test_a_password_reset_link_with_a_forged_huge_id_says_the_link_is_bad(client):
    # allauth reads the member's id from the link (base 36): a forged one may be huge.
    response = client.get("/accounts/password/reset/key/zzzzzzzzzzzzz-set-password/")

    assert response.status_code == 200
    assert "The password reset link was invalid" in response.content.decode()
