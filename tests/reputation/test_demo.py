"""The demo's reputations and badges follow from its votes, accepts and marks."""

import io

import pytest
from django.core.management import call_command

from community.accounts.models import User
from community.reputation.models import ReputationEvent, UserBadge
from community.reputation.selectors import leaderboard, month_start
from community.reputation.services import reputation_recompute

pytestmark = pytest.mark.django_db


def test_demo_reputation_is_computed_from_events_and_seeding_twice_changes_nothing(
    settings, client, demo_site
):
    # The vote-down threshold as in development: the demo's downvoters must earn it first.
    settings.REPUTATION_PRIVILEGE_THRESHOLDS = {
        **settings.REPUTATION_PRIVILEGE_THRESHOLDS,
        "vote_down": 15,
    }

    assert reputation_recompute() == []
    anna = User.objects.get(username="anna")
    assert anna.reputation > 0
    assert anna.badge_count == UserBadge.objects.filter(user=anna).count() > 0
    assert ReputationEvent.objects.filter(kind="answer_downvoted").exists()
    assert ReputationEvent.objects.filter(kind="answer_promoted").exists()
    assert ReputationEvent.objects.filter(kind="review_helpful").exists()
    all_time = [(row.member.username, row.points) for row in leaderboard()]
    this_month = [(row.member.username, row.points) for row in leaderboard(since=month_start())]
    assert all_time != this_month
    events = ReputationEvent.objects.count()
    totals = dict(User.objects.values_list("username", "reputation"))

    call_command("seed_demo", stdout=io.StringIO())

    assert ReputationEvent.objects.count() == events
    assert dict(User.objects.values_list("username", "reputation")) == totals
    assert client.get("/users/anna/").status_code == 200
