import pytest

from community.reputation.models import ReputationEvent
from tests.forum.conftest import board_factory, topic_factory  # noqa: F401 - shared fixtures
from tests.qa.conftest import answer_factory, question_factory  # noqa: F401 - shared fixtures
from tests.qa.reviews.conftest import (  # noqa: F401 - shared fixtures
    buyer_factory,
    product,
    purchase_factory,
    review_factory,
)


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
