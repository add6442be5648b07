"""Members with the close-votes privilege close duplicates together, without staff."""

import pytest

from community.accounts.models import User
from community.moderation.enums import AuditAction
from community.moderation.models import AuditLogEntry
from community.reputation.models import CloseVote

REFUSAL = "You can vote to close duplicates once you have 250 reputation points."


def member_with(user_factory, points: int) -> User:
    member = user_factory()
    User.objects.filter(pk=member.pk).update(reputation=points)
    member.refresh_from_db()
    return member


@pytest.fixture
def pair(question_factory):
    original = question_factory(title="Which lid fits the 24 cm pan?")
    duplicate = question_factory(title="Lid for the 24 cm pan?")
    return original, duplicate


def vote(client, member, duplicate, original):
    client.force_login(member)
    return client.post(f"/questions/{duplicate.pk}/close-vote/", {"original": original.pk})


def test_three_votes_close_the_question_and_the_audit_log_says_the_community_did(
    client, settings, user_factory, pair
):
    settings.REPUTATION_CLOSE_VOTES_NEEDED = 3
    original, duplicate = pair
    voters = [member_with(user_factory, 250) for _ in range(3)]

    for voter in voters[:2]:
        response = vote(client, voter, duplicate, original)
        assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of is None

    vote(client, voters[2], duplicate, original)

    duplicate.refresh_from_db()
    assert duplicate.duplicate_of == original
    entry = AuditLogEntry.objects.get(action=AuditAction.CLOSE_DUPLICATE)
    assert entry.actor == voters[2]
    assert "community" in entry.reason
    assert all(voter.username in entry.reason for voter in voters)


def test_voting_below_the_threshold_is_refused_with_the_threshold(client, user_factory, pair):
    original, duplicate = pair

    response = vote(client, member_with(user_factory, 249), duplicate, original)

    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    assert not CloseVote.objects.exists()


def test_voting_twice_is_refused_with_a_message(client, user_factory, pair):
    original, duplicate = pair
    member = member_with(user_factory, 300)
    vote(client, member, duplicate, original)

    response = vote(client, member, duplicate, original)
    page = client.get(response["Location"]).content.decode()

    assert "You voted to close this question already." in page
    assert CloseVote.objects.count() == 1


def test_a_question_cannot_be_voted_a_duplicate_of_itself(client, user_factory, pair):
    _original, duplicate = pair

    response = vote(client, member_with(user_factory, 300), duplicate, duplicate)
    page = client.get(response["Location"]).content.decode()

    assert "A question cannot be a duplicate of itself." in page
    assert not CloseVote.objects.exists()


def test_an_unknown_original_is_refused_with_a_message(client, user_factory, pair):
    _original, duplicate = pair
    client.force_login(member_with(user_factory, 300))

    response = client.post(f"/questions/{duplicate.pk}/close-vote/", {"original": "99999"})
    page = client.get(response["Location"]).content.decode()

    assert "There is no question with that number." in page


def test_votes_for_different_originals_do_not_add_up(
    client, settings, user_factory, question_factory, pair
):
    settings.REPUTATION_CLOSE_VOTES_NEEDED = 2
    original, duplicate = pair
    other = question_factory(title="Another lid question")

    vote(client, member_with(user_factory, 300), duplicate, original)
    vote(client, member_with(user_factory, 300), duplicate, other)

    duplicate.refresh_from_db()
    assert duplicate.duplicate_of is None


def test_anonymous_visitors_are_sent_to_sign_in(client, pair):
    original, duplicate = pair

    response = client.post(f"/questions/{duplicate.pk}/close-vote/", {"original": original.pk})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_only_privileged_members_see_the_close_vote_form(client, user_factory, pair):
    _original, duplicate = pair
    client.force_login(member_with(user_factory, 10))
    assert "Vote to close" not in client.get(duplicate.get_absolute_url()).content.decode()

    client.force_login(member_with(user_factory, 250))
    page = client.get(duplicate.get_absolute_url()).content.decode()
    assert "Vote to close" in page
    assert "0 of 3 votes to close it as a duplicate." in page


def test_the_page_shows_the_members_own_vote(client, user_factory, pair):
    original, duplicate = pair
    member = member_with(user_factory, 300)
    vote(client, member, duplicate, original)

    page = client.get(duplicate.get_absolute_url()).content.decode()

    assert f"You voted to close it as a duplicate of question {original.pk}." in page
    assert "1 of 3 votes" in page


def test_the_asker_gets_no_close_vote_box_and_cannot_vote_on_their_own_question(
    client, user_factory, question_factory, pair
):
    original, other = pair
    asker = member_with(user_factory, 300)
    own = question_factory(author=asker, title="My lid question")
    client.force_login(asker)

    page = client.get(own.get_absolute_url()).content.decode()
    assert "Vote to close" not in page
    # Someone else's question still shows the box to the same member.
    assert "Vote to close" in client.get(other.get_absolute_url()).content.decode()

    response = vote(client, asker, own, original)

    assert response.status_code == 403
    assert "You cannot vote to close your own question." in response.content.decode()
    assert not CloseVote.objects.filter(question=own).exists()
