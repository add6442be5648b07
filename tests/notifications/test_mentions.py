"""Finding @username in what members write."""

import pytest

from community.notifications.mentions import mentioned_usernames, mentioned_users


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks @anna!", ["anna"]),
        ("@Anna and @ANNA and @anna.", ["anna"]),
        ("Ask @bram, or @carla-v.", ["bram", "carla-v"]),
        ("Write to anna@example.com", []),
        ("Inline `@anna` code", []),
        ("```\n@anna\n```\nafter @bram", ["bram"]),
        ("    @anna in an indented block", []),
        ("@", []),
        ("See https://example.com/@anna and [me](https://medium.com/@bram)", []),
    ],
)
def test_mentions_are_found_outside_code_and_addresses(text, expected):
    assert mentioned_usernames(text) == expected


@pytest.mark.django_db
def test_at_most_the_configured_number_of_mentions_count(settings, user_factory):
    settings.NOTIFICATIONS_MAX_MENTIONS = 2
    for name in ("anna", "bram", "carla"):
        user_factory(username=name)

    found = mentioned_users("@anna @bram @carla")

    assert sorted(user.username for user in found) == ["anna", "bram"]
