"""Members earn and lose points through what happens to their posts, and nothing else."""

import random

import pytest
from django.core.management import call_command

from community.accounts.models import User
from community.moderation.enums import ContentStatus
from community.moderation.services import content_hide, content_restore
from community.reputation.enums import EventKind
from community.reputation.models import ReputationEvent
from community.reputation.services import (
    reputation_recompute,
    reputation_spam_penalty,
    reputation_spam_penalty_lift,
)
from qa import services
from qa.reputation import QaEventKind

from .conftest import events_total


def reputation_of(user) -> int:
    return User.objects.values_list("reputation", flat=True).get(pk=user.pk)


def test_upvoting_an_answer_gives_its_author_ten_points(client, user_factory, question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()
    voter = user_factory()
    client.force_login(voter)

    client.post(f"/answers/{answer.pk}/vote/", {"value": "1"})

    assert reputation_of(answer.author) == 10
    event = ReputationEvent.objects.get(user=answer.author)
    assert (event.kind, event.actor, event.source) == (QaEventKind.ANSWER_UPVOTED, voter, answer)


def test_upvoting_a_question_gives_its_author_five_points(client, user_factory, question_factory):
    question = question_factory()
    client.force_login(user_factory())

    client.post(f"/questions/{question.pk}/vote/", {"value": "1"})

    assert reputation_of(question.author) == 5


def test_withdrawing_a_vote_takes_the_points_back_and_keeps_the_record(
    user_factory, question_factory
):
    question = question_factory(answers=1)
    answer = question.answers.get()
    voter = user_factory()

    services.vote_cast(voter=voter, item=answer, value=1)
    services.vote_cast(voter=voter, item=answer, value=0)

    assert reputation_of(answer.author) == 0
    event = ReputationEvent.objects.get(user=answer.author)
    assert event.reversed_at is not None


def test_changing_an_upvote_to_a_downvote_moves_from_plus_ten_to_minus_two(
    user_factory, question_factory
):
    question = question_factory(answers=1)
    answer = question.answers.get()
    voter = user_factory()

    services.vote_cast(voter=voter, item=answer, value=1)
    services.vote_cast(voter=voter, item=answer, value=-1)

    assert reputation_of(answer.author) == -2
    assert events_total(answer.author) == -2


def test_voting_the_same_way_twice_counts_once(user_factory, question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()
    voter = user_factory()

    services.vote_cast(voter=voter, item=answer, value=1)
    services.vote_cast(voter=voter, item=answer, value=1)

    assert reputation_of(answer.author) == 10
    assert ReputationEvent.objects.filter(user=answer.author).count() == 1


def test_a_refused_vote_on_ones_own_post_earns_nothing(client, question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()
    client.force_login(answer.author)

    response = client.post(f"/answers/{answer.pk}/vote/", {"value": "1"})

    assert response.status_code == 403
    assert reputation_of(answer.author) == 0


def test_accepting_gives_fifteen_points_and_moving_the_accept_moves_them(
    user_factory, question_factory
):
    question = question_factory(answers=2)
    first, second = question.answers.order_by("pk")

    services.answer_accept(answer=first, user=question.author)
    assert (reputation_of(first.author), reputation_of(second.author)) == (15, 0)

    services.answer_accept(answer=second, user=question.author)
    assert (reputation_of(first.author), reputation_of(second.author)) == (0, 15)

    services.answer_accept(answer=second, user=question.author)  # un-accept
    assert (reputation_of(first.author), reputation_of(second.author)) == (0, 0)


def test_accepting_ones_own_answer_earns_nothing(user_factory, question_factory, answer_factory):
    question = question_factory()
    own = answer_factory(question=question, author=question.author)

    services.answer_accept(answer=own, user=question.author)

    assert reputation_of(question.author) == 0


def test_staff_accepting_on_behalf_gives_the_author_the_points(staff_user, question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()

    services.answer_accept(answer=answer, user=staff_user)

    assert reputation_of(answer.author) == 15
    assert ReputationEvent.objects.get(user=answer.author).actor == staff_user


def test_official_mark_gives_ten_points_and_unmarking_takes_them_back(staff_user, question_factory):
    question = question_factory(answers=2)
    first, second = question.answers.order_by("pk")

    services.answer_mark_official(answer=first, staff=staff_user)
    assert reputation_of(first.author) == 10
    services.answer_mark_official(answer=second, staff=staff_user)
    assert (reputation_of(first.author), reputation_of(second.author)) == (0, 10)
    services.answer_mark_official(answer=second, staff=staff_user)
    assert reputation_of(second.author) == 0


def test_points_follow_the_settings_of_the_moment(settings, user_factory, question_factory):
    settings.REPUTATION_POINTS = {**settings.REPUTATION_POINTS, "answer_upvoted": 7}
    question = question_factory(answers=1)
    answer = question.answers.get()

    services.vote_cast(voter=user_factory(), item=answer, value=1)

    assert reputation_of(answer.author) == 7


def test_reputation_can_go_below_zero_so_the_total_always_equals_the_events(
    user_factory, question_factory
):
    question = question_factory(answers=1)
    answer = question.answers.get()
    for _ in range(3):
        services.vote_cast(voter=user_factory(), item=answer, value=-1)

    assert reputation_of(answer.author) == -6 == events_total(answer.author)


def test_events_remember_the_product_for_the_product_leaderboard(
    user_factory, question_factory, product_factory
):

    product = product_factory(title="Kettle")
    question = question_factory(product=product, answers=1)

    services.vote_cast(voter=user_factory(), item=question.answers.get(), value=1)

    assert ReputationEvent.objects.get().product == product


def test_hiding_and_restoring_a_post_loses_no_points(staff_user, user_factory, question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()
    services.vote_cast(voter=user_factory(), item=answer, value=1)

    content_hide(item=answer, staff=staff_user, reason="Checking a complaint")
    content_restore(item=answer, staff=staff_user)

    answer.refresh_from_db()
    assert answer.status == ContentStatus.PUBLISHED
    assert answer.score == 1
    assert reputation_of(answer.author) == 10


# SECTION recomputing


def test_recompute_command_reports_and_fixes_a_tampered_total(user_factory, question_factory):
    from io import StringIO

    question = question_factory(answers=1)
    answer = question.answers.get()
    services.vote_cast(voter=user_factory(), item=answer, value=1)
    User.objects.filter(pk=answer.author_id).update(reputation=999)

    report = StringIO()
    call_command("reputation_recompute", stdout=report)
    assert f"{answer.author.username}: stored 999, events add up to 10" in report.getvalue()
    assert reputation_of(answer.author) == 999

    User.objects.filter(pk=answer.author_id).update(badge_count=7)
    call_command("reputation_recompute", "--fix", stdout=StringIO())
    assert reputation_of(answer.author) == 10
    assert User.objects.get(pk=answer.author_id).badge_count == 1  # the first-answer badge

    report = StringIO()
    call_command("reputation_recompute", stdout=report)
    assert "Every stored reputation matches its events." in report.getvalue()


@pytest.mark.slow
def test_randomized_votes_accepts_marks_and_hides_keep_totals_equal_to_events(
    user_factory, staff_user, question_factory, answer_factory
):
    rng = random.Random(20261123)
    members = [user_factory() for _ in range(6)]
    questions = [question_factory(author=rng.choice(members)) for _ in range(3)]
    answers = [
        answer_factory(question=question, author=author)
        for question in questions
        for author in rng.sample(members, 3)
    ]
    posts = questions + answers

    for _ in range(300):
        action = rng.choice(["vote", "vote", "vote", "accept", "official", "hide"])
        if action == "vote":
            item = rng.choice(posts)
            item.refresh_from_db()
            voter = rng.choice([m for m in members if m.pk != item.author_id])
            values = (0, 1) if item in questions else (-1, 0, 1)
            if item.status != ContentStatus.PUBLISHED or (
                item in answers and item.question.status != ContentStatus.PUBLISHED
            ):
                continue
            services.vote_cast(voter=voter, item=item, value=rng.choice(values))
        elif action in ("accept", "official"):
            answer = rng.choice(answers)
            answer.refresh_from_db()
            answer.question.refresh_from_db()
            if answer.status != ContentStatus.PUBLISHED:
                continue
            if action == "accept":
                accepter = rng.choice([answer.question.author, staff_user])
                services.answer_accept(answer=answer, user=accepter)
            else:
                services.answer_mark_official(answer=answer, staff=staff_user)
        else:
            item = rng.choice(answers)
            item.refresh_from_db()
            if item.status == ContentStatus.PUBLISHED:
                content_hide(item=item, staff=staff_user, reason="Checking")
                if rng.random() < 0.5:
                    reputation_spam_penalty(item=item, actor=staff_user)
            else:
                content_restore(item=item, staff=staff_user)
                reputation_spam_penalty_lift(item=item)

    assert ReputationEvent.objects.filter(reversed_at__isnull=False).exists()
    assert ReputationEvent.objects.filter(kind=EventKind.HIDDEN_AS_SPAM).exists()
    assert reputation_recompute() == []
    for member in members:
        assert reputation_of(member) == events_total(member)
    assert any(reputation_of(member) != 0 for member in members)
