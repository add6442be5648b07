"""Votes from accounts without standing count in the score but earn no reputation, so that
fresh accounts cannot vote anyone up to a privilege (issue 15, "Trust that can't be
farmed")."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from community.accounts.models import User
from community.reputation.enums import Privilege
from community.reputation.privileges import has_privilege
from qa import services
from qa.models import Answer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def standing_rules(settings):
    """Standing as in production (the test settings give it at once)."""
    settings.TRUST_STANDING_MIN_AGE_DAYS = 3
    settings.TRUST_STANDING_MIN_REPUTATION = 15
    settings.REPUTATION_PRIVILEGE_THRESHOLDS = {
        **settings.REPUTATION_PRIVILEGE_THRESHOLDS,
        "skip_first_post_queue": 10,
        "more_links": 50,
    }
    settings.REPUTATION_POINTS = {**settings.REPUTATION_POINTS, "answer_upvoted": 10}


def _upvote(member, answer):
    browser = Client()
    browser.force_login(member)
    return browser.post(f"/answers/{answer.pk}/vote/", {"value": 1})


def test_ten_fresh_accounts_voting_up_an_answer_unlock_no_privilege(
    user_factory, question_factory, answer_factory
):
    answer = answer_factory(question=question_factory())
    author = answer.author

    for _ in range(10):
        assert _upvote(user_factory(), answer).status_code == 302

    author.refresh_from_db()
    assert Answer.objects.get(pk=answer.pk).score == 10  # the votes still show
    assert author.reputation == 0
    assert not has_privilege(author, Privilege.SKIP_FIRST_POST_QUEUE)
    assert not has_privilege(author, Privilege.MORE_LINKS)


def test_votes_from_members_with_standing_earn_reputation(
    user_factory, question_factory, answer_factory
):
    answer = answer_factory(question=question_factory())
    voters = [user_factory() for _ in range(5)]
    User.objects.filter(pk__in=[v.pk for v in voters]).update(
        date_joined=timezone.now() - timedelta(days=7)
    )

    for voter in voters:
        _upvote(User.objects.get(pk=voter.pk), answer)

    author = User.objects.get(pk=answer.author_id)
    assert author.reputation == 50
    assert has_privilege(author, Privilege.MORE_LINKS)


def test_withdrawing_a_vote_that_earned_nothing_takes_nothing(
    user_factory, question_factory, answer_factory
):
    answer = answer_factory(question=question_factory())
    fresh = user_factory()
    services.vote_cast(voter=fresh, item=answer, value=1)
    services.vote_cast(voter=fresh, item=answer, value=0)

    assert User.objects.get(pk=answer.author_id).reputation == 0
    assert Answer.objects.get(pk=answer.pk).score == 0


def _accept(member, answer):
    browser = Client()
    browser.force_login(member)
    return browser.post(f"/answers/{answer.pk}/accept/")


def test_ten_fresh_askers_accepting_a_members_answers_unlock_no_privilege(
    user_factory, question_factory, answer_factory
):
    # Accepting is a judgement like a vote: ten throwaway accounts each asking a question and
    # accepting the same member's answer must not farm that member a privilege either.
    farmer = user_factory()
    for _ in range(10):
        asker = user_factory()
        answer = answer_factory(question=question_factory(author=asker), author=farmer)
        assert _accept(asker, answer).status_code == 302
        assert Answer.objects.get(pk=answer.pk).question.accepted_answer_id == answer.pk

    farmer.refresh_from_db()
    assert farmer.reputation == 0
    assert not has_privilege(farmer, Privilege.SKIP_FIRST_POST_QUEUE)
    assert not has_privilege(farmer, Privilege.MORE_LINKS)


def test_an_answer_accepted_by_an_asker_with_standing_or_by_staff_earns_reputation(
    user_factory, question_factory, answer_factory, staff_user
):
    asker = user_factory()
    User.objects.filter(pk=asker.pk).update(date_joined=timezone.now() - timedelta(days=7))
    answer = answer_factory(question=question_factory(author=asker))
    _accept(User.objects.get(pk=asker.pk), answer)
    assert User.objects.get(pk=answer.author_id).reputation == 15

    on_behalf = answer_factory(question=question_factory(author=user_factory()))
    services.answer_accept(answer=on_behalf, user=staff_user)
    assert User.objects.get(pk=on_behalf.author_id).reputation == 15
