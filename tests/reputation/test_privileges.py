"""Privileges unlock at the thresholds in settings; staff have them all."""

import pytest
from django.test import Client

from community.accounts.models import User
from community.reputation.enums import Privilege
from community.reputation.privileges import (
    has_privilege,
    max_links_for,
    next_privilege,
    privileges_for,
)
from qa import services
from qa.models import AnswerVote

REFUSAL = "You can vote down once you have 15 reputation points."


@pytest.fixture
def answer(question_factory):
    return question_factory(answers=1).answers.get()


def member_with(user_factory, points: int) -> User:
    member = user_factory()
    User.objects.filter(pk=member.pk).update(reputation=points)
    member.refresh_from_db()
    return member


def test_voting_down_below_the_threshold_is_refused_with_the_threshold(
    client, user_factory, answer, vote_down_needs
):
    vote_down_needs(15)
    client.force_login(member_with(user_factory, 14))

    response = client.post(f"/answers/{answer.pk}/vote/", {"value": "-1"})

    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    assert not AnswerVote.objects.exists()


def test_voting_down_at_the_threshold_is_allowed(client, user_factory, answer, vote_down_needs):
    vote_down_needs(15)
    client.force_login(member_with(user_factory, 15))

    response = client.post(f"/answers/{answer.pk}/vote/", {"value": "-1"})

    assert response.status_code == 302
    assert AnswerVote.objects.get().value == -1


def test_staff_vote_down_without_reputation(client, staff_user, answer, vote_down_needs):
    vote_down_needs(15)
    client.force_login(staff_user)

    client.post(f"/answers/{answer.pk}/vote/", {"value": "-1"})

    assert AnswerVote.objects.get().value == -1


def test_upvoting_needs_no_reputation(client, user_factory, answer, vote_down_needs):
    vote_down_needs(15)
    client.force_login(member_with(user_factory, 0))

    client.post(f"/answers/{answer.pk}/vote/", {"value": "1"})

    assert AnswerVote.objects.get().value == 1


def test_the_page_shows_a_locked_down_arrow_that_says_why(
    client, user_factory, answer, vote_down_needs
):
    vote_down_needs(15)
    client.force_login(member_with(user_factory, 3))

    page = client.get(answer.question.get_absolute_url()).content.decode()

    assert REFUSAL in page
    assert 'name="value" value="-1"' not in page


def test_a_privileged_member_gets_the_down_arrow(client, user_factory, answer, vote_down_needs):
    vote_down_needs(15)
    client.force_login(member_with(user_factory, 20))

    page = client.get(answer.question.get_absolute_url()).content.decode()

    assert 'name="value" value="-1"' in page
    assert REFUSAL not in page


def test_a_downvote_cast_earlier_can_still_be_withdrawn(
    client, user_factory, answer, vote_down_needs
):
    member = user_factory()
    services.vote_cast(voter=member, item=answer, value=-1)
    vote_down_needs(15)
    client.force_login(member)

    client.post(f"/answers/{answer.pk}/vote/", {"value": "0"})

    assert not AnswerVote.objects.exists()


def test_links_per_post_grow_with_the_privilege(settings, user_factory, staff_user):
    settings.TRUST_NEW_MEMBER_MAX_LINKS = 2
    settings.TRUST_MAX_LINKS = 10

    assert max_links_for(member_with(user_factory, 49)) == 2
    assert max_links_for(member_with(user_factory, 50)) == 10
    assert max_links_for(staff_user) == 10


def test_skipping_the_first_post_queue_unlocks_at_its_threshold(user_factory):
    assert not has_privilege(member_with(user_factory, 9), Privilege.SKIP_FIRST_POST_QUEUE)
    assert has_privilege(member_with(user_factory, 10), Privilege.SKIP_FIRST_POST_QUEUE)


def test_anonymous_visitors_have_no_privilege(db):
    from django.contrib.auth.models import AnonymousUser

    assert not has_privilege(AnonymousUser(), Privilege.VOTE_DOWN)


def test_next_privilege_is_the_lowest_one_not_yet_unlocked(user_factory, vote_down_needs):
    vote_down_needs(15)
    member = member_with(user_factory, 12)

    upcoming = next_privilege(member)

    assert (upcoming.privilege, upcoming.threshold) == (Privilege.VOTE_DOWN, 15)
    # Skip the queue (10) is unlocked; vote down, more links, close votes, suggest edits and
    # edit others' posts are not.
    assert [status.unlocked for status in privileges_for(member)] == [True] + [False] * 5


def test_staff_have_nothing_left_to_unlock_but_editing_others_words(staff_user):
    # Staff do not change customers' words: the edit privileges come from reputation only.
    assert next_privilege(staff_user).privilege == Privilege.SUGGEST_EDITS
    assert [status.privilege for status in privileges_for(staff_user) if not status.unlocked] == [
        Privilege.SUGGEST_EDITS,
        Privilege.EDIT_OTHERS,
    ]


def test_thresholds_come_from_settings(settings, user_factory):
    settings.REPUTATION_PRIVILEGE_THRESHOLDS = {
        **settings.REPUTATION_PRIVILEGE_THRESHOLDS,
        "more_links": 5,
    }

    assert has_privilege(member_with(user_factory, 5), Privilege.MORE_LINKS)


def test_anonymous_visitors_cannot_vote_down(answer):
    response = Client().post(f"/answers/{answer.pk}/vote/", {"value": "-1"})

    assert response.status_code == 302
    assert not AnswerVote.objects.exists()
