import io

import pytest
from django.apps import apps
from django.core.management import call_command

from community.accounts.models import User

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, int]:
    """Row counts of every table but sessions'."""
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in {"sessions", "contenttypes"}:
            continue
        counts[model._meta.label] = model.objects.count()
    return counts


def test_seed_demo_makes_members_of_each_role_who_can_sign_in(client, demo_site):
    for username in ("anna", "sam", "eva"):
        assert client.login(username=username, password="community-demo")


def test_seed_demo_twice_changes_nothing(demo_site):
    first = _snapshot()
    passwords = dict(User.objects.values_list("username", "password"))
    call_command("seed_demo", stdout=io.StringIO())
    assert _snapshot() == first
    assert dict(User.objects.values_list("username", "password")) == passwords


def test_seeding_the_demo_sends_no_e_mail(demo_site, mailoutbox):
    assert demo_site.emails_sent == 0
    call_command("seed_demo", stdout=io.StringIO())
    assert mailoutbox == []


def test_demo_accounts_are_listed_on_the_sign_in_page_in_development_only(client, settings):
    settings.SHOW_DEMO_ACCOUNTS = False
    assert "community-demo" not in client.get("/accounts/login/").content.decode()
    # The context processor reads the setting per request.
    settings.SHOW_DEMO_ACCOUNTS = True
    html = client.get("/accounts/login/").content.decode()
    assert "Demo accounts" in html
    assert "community-demo" in html
