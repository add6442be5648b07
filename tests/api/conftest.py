"""Fixtures for the public API's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def hide(staff_user):
    """Take an item out of public view as a moderator would."""
    from community.moderation.services import content_hide

    def run(item):
        return content_hide(item=item, staff=staff_user, reason="Off topic")

    return run


@pytest.fixture
def api_get(client):
    """GET an API address and return the answer (the JSON in ``.json()``)."""

    def get(url: str, **headers):
        return client.get(url, headers=headers)

    return get
