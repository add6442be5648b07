"""Badges come with milestones, once each, and the count on the member follows."""

import pytest

from community.accounts.models import User
from community.moderation.services import content_restore
from community.reputation.enums import Badge
from community.reputation.models import UserBadge
from qa import services


def badges_of(user) -> list[str]:
    return sorted(UserBadge.objects.filter(user=user).values_list("badge", flat=True))


def badge_count(user) -> int:
    return User.objects.values_list("badge_count", flat=True).get(pk=user.pk)


def test_the_first_answer_earns_a_badge_once(client, user_factory, question_factory):
    member = user_factory()
    client.force_login(member)
    for _ in range(2):
        question = question_factory()
        client.post(f"/questions/{question.pk}/answer/", {"body": "It fits the small model."})

    assert badges_of(member) == [Badge.FIRST_ANSWER]
    assert badge_count(member) == 1


def test_asking_earns_no_answer_badge(question_factory):
    question = question_factory()

    assert badges_of(question.author) == []


def test_the_first_accepted_answer_earns_a_badge(question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()

    services.answer_accept(answer=answer, user=question.author)
    services.answer_accept(answer=answer, user=question.author)  # un-accept keeps the badge

    assert Badge.FIRST_ACCEPTED_ANSWER in badges_of(answer.author)
    assert badge_count(answer.author) == 2


def test_accepting_ones_own_answer_earns_no_badge(question_factory, answer_factory):
    question = question_factory()
    own = answer_factory(question=question, author=question.author)

    services.answer_accept(answer=own, user=question.author)

    assert Badge.FIRST_ACCEPTED_ANSWER not in badges_of(question.author)


def test_answers_on_one_product_earn_the_product_badge_at_the_milestone(
    settings, user_factory, question_factory, answer_factory, product_factory
):

    settings.BADGE_PRODUCT_EXPERT_ANSWERS = 3
    kettle, toaster = product_factory(title="Kettle"), product_factory(title="Toaster")
    expert = user_factory()
    for _ in range(2):
        answer_factory(question=question_factory(product=kettle), author=expert)
    answer_factory(question=question_factory(product=toaster), author=expert)
    assert not UserBadge.objects.filter(user=expert, badge=Badge.PRODUCT_EXPERT).exists()

    answer_factory(question=question_factory(product=kettle), author=expert)

    awarded = UserBadge.objects.get(user=expert, badge=Badge.PRODUCT_EXPERT)
    assert awarded.product == kettle
    assert badge_count(expert) == 2  # first answer + product expert


@pytest.mark.parametrize("reached", [False, True])
def test_helpful_reviewer_badge_comes_with_enough_helpful_marks(
    settings, user_factory, question_factory, reached
):
    from community.reputation.services import reputation_record
    from qa.reputation import QaEventKind, badges_for_helpful_marks

    settings.BADGE_HELPFUL_REVIEWER_MARKS = 3
    reviewer = user_factory()
    source = question_factory(author=reviewer)  # any item stands in for the review here
    for _ in range(3 if reached else 2):
        reputation_record(
            user=reviewer, kind=QaEventKind.REVIEW_HELPFUL, source=source, actor=user_factory()
        )

    badges_for_helpful_marks(author=reviewer)

    assert (Badge.HELPFUL_REVIEWER in badges_of(reviewer)) is reached


def test_a_held_answer_earns_the_first_answer_badge_when_staff_approve_it(
    settings, staff_user, user_factory, question_factory
):
    from community.moderation.enums import ContentStatus

    question = question_factory()  # asked before the hold is on, so it is public
    settings.MODERATION_HOLD_FIRST_POSTS = 1
    newcomer = user_factory()
    answer = services.answer_create(question=question, author=newcomer, body="It fits well.")
    assert answer.status == ContentStatus.PENDING
    assert badges_of(newcomer) == []

    content_restore(item=answer, staff=staff_user)

    assert badges_of(newcomer) == [Badge.FIRST_ANSWER]
