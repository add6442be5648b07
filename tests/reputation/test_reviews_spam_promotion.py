"""Points from helpful marks on reviews, from promotion into an article, and the spam penalty."""

from community.accounts.models import User
from community.moderation.services import content_hide, content_restore
from community.reputation.enums import Badge
from community.reputation.models import ReputationEvent, UserBadge
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


def test_marking_a_review_helpful_gives_two_points_and_unmarking_takes_them_back(
    client, user_factory, product, review_factory
):
    review = review_factory(product=product)
    client.force_login(user_factory())

    client.post(f"/reviews/{review.pk}/helpful/")
    assert reputation_of(review.author) == 2
    assert ReputationEvent.objects.get().product_id == product.pk

    client.post(f"/reviews/{review.pk}/helpful/")
    assert reputation_of(review.author) == 0 == events_total(review.author)


def test_the_author_marking_their_own_review_earns_nothing(client, product, review_factory):
    review = review_factory(product=product)
    client.force_login(review.author)

    client.post(f"/reviews/{review.pk}/helpful/")

    assert reputation_of(review.author) == 0


def test_enough_helpful_marks_earn_the_helpful_reviewer_badge(
    settings, user_factory, product, review_factory
):
    settings.BADGE_HELPFUL_REVIEWER_MARKS = 3
    review = review_factory(product=product)
    voters = [user_factory() for _ in range(3)]
    for voter in voters[:2]:
        services.review_helpful_toggle(review=review, voter=voter)
    assert not UserBadge.objects.filter(user=review.author).exists()

    services.review_helpful_toggle(review=review, voter=voters[2])

    assert UserBadge.objects.get(user=review.author).badge == Badge.HELPFUL_REVIEWER


def test_the_reviews_tab_lists_published_reviews(client, product, review_factory):
    review = review_factory(product=product, title="Heats evenly and fast")

    page = client.get(f"/users/{review.author.username}/?tab=reviews").content.decode()

    assert "Heats evenly and fast" in page


# SECTION spam


def test_hiding_as_spam_costs_a_hundred_points_and_restoring_gives_them_back(
    staff_user, user_factory, question_factory
):
    question = question_factory(answers=1)
    answer = question.answers.get()
    services.vote_cast(voter=user_factory(), item=answer, value=1)

    content_hide(item=answer, staff=staff_user, reason="Spam")
    reputation_spam_penalty(item=answer, actor=staff_user)
    reputation_spam_penalty(item=answer, actor=staff_user)  # counted once
    assert reputation_of(answer.author) == 10 - 100

    content_restore(item=answer, staff=staff_user)
    reputation_spam_penalty_lift(item=answer)
    assert reputation_of(answer.author) == 10
    assert reputation_recompute() == []


def test_lifting_a_penalty_that_was_never_given_changes_nothing(question_factory):
    question = question_factory()

    assert reputation_spam_penalty_lift(item=question) == 0
    assert reputation_of(question.author) == 0


# SECTION promotion


def test_promoting_an_answer_gives_25_points_and_the_badge_once(
    client, knowledge_base, staff_user, question_factory
):
    question = question_factory(answers=1)
    answer = question.answers.get()
    client.force_login(staff_user)

    from qa.promotion import article_promote_from_answer

    article_promote_from_answer(answer=answer, staff=staff_user)
    article_promote_from_answer(answer=answer, staff=staff_user)  # opens the same draft

    assert reputation_of(answer.author) == 25
    assert ReputationEvent.objects.get().kind == QaEventKind.ANSWER_PROMOTED
    assert (
        UserBadge.objects.filter(user=answer.author, badge=Badge.PROMOTED_TO_ARTICLE).count() == 1
    )


def test_review_bylines_link_to_the_profile(client, product, review_factory):
    review = review_factory(product=product)

    page = client.get(review.get_absolute_url()).content.decode()

    assert f'href="/users/{review.author.username}/"' in page
