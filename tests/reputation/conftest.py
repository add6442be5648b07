import pytest

from community.reputation.models import ReputationEvent


@pytest.fixture
def vote_down_needs(settings):
    """Turn the vote-down threshold back on (tests run with it at 0)."""

    def set_threshold(points: int = 15) -> int:
        settings.REPUTATION_PRIVILEGE_THRESHOLDS = {
            **settings.REPUTATION_PRIVILEGE_THRESHOLDS,
            "vote_down": points,
        }
        return points

    return set_threshold


def events_total(user) -> int:
    """What ``user``'s active events add up to, counted independently of the service."""
    return sum(
        ReputationEvent.objects.filter(user=user, reversed_at__isnull=True).values_list(
            "points", flat=True
        )
    )
