import pytest
from django.contrib.sites.models import Site

from community.common.site_identity import site_identity_sync

pytestmark = pytest.mark.django_db

PASSWORD = "a-much-longer-passphrase-42"


def _sign_up(client):
    return client.post(
        "/accounts/signup/",
        {
            "email": "new.member@example.com",
            "username": "newmember",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_the_sign_up_mail_names_the_site_not_example_com(client, mailoutbox, settings):
    _sign_up(client)
    message = mailoutbox[0]
    assert "example.com" not in message.subject
    body = message.body.replace("new.member@example.com", "")
    assert "example.com" not in body
    assert settings.WAGTAIL_SITE_NAME in message.subject + message.body
    assert "testserver" in message.body


def test_a_changed_site_name_and_address_reach_the_site_when_migrating(settings):
    settings.WAGTAIL_SITE_NAME = "Pannenland Community"
    settings.SITE_URL = "https://community.pannenland.example"
    site_identity_sync(Site)
    site = Site.objects.get_current()
    assert (site.name, site.domain) == ("Pannenland Community", "community.pannenland.example")
