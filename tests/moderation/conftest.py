"""Fixtures for moderation tests: posts of every kind come from the shared factories
(tests/conftest.py)."""

import pytest
from django.test import Client


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def client_for():
    """A browser signed in as ``user``."""

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def strict_trust(settings):
    """The trust rules as in production (the test settings relax them for other tests)."""
    settings.MODERATION_HOLD_FIRST_POSTS = 1
    settings.MODERATION_HOLD_LINKS_AT = 2
    settings.MODERATION_HOLD_DUPLICATES = True
    settings.MODERATION_RATE_LIMITS = {
        "member": "6/m",
        "new_member": "3/5m",
        "address": "30/m",
        "flag": "10/10m",
    }
    return settings
