"""New members earn trust: first posts wait, links are few, floods are refused."""

import pytest
from django.urls import reverse

from community.moderation.enums import ContentStatus
from forum.models import Board, Post, Topic
from qa import services as qa_services
from qa.models import Answer, Comment, Question

pytestmark = pytest.mark.django_db


def answer_url(question):
    return reverse("qa:answer-create", args=[question.pk])


def trusted(user):
    type(user).objects.filter(pk=user.pk).update(reputation=100)
    user.refresh_from_db()
    return user


def test_a_new_members_first_answer_waits_for_approval(
    strict_trust, question_factory, user_factory, client_for, anonymous
):
    question = question_factory(author=trusted(user_factory()))
    newcomer = user_factory()
    browser = client_for(newcomer)
    response = browser.post(
        answer_url(question), {"body": "My very first answer here"}, follow=True
    )
    page = response.content.decode()
    assert "waits for a moderator" in page
    assert "Waiting for approval by a moderator" in page
    answer = Answer.objects.get()
    assert answer.status == ContentStatus.PENDING
    assert "first post" in answer.status_reason
    assert Question.objects.get(pk=question.pk).answer_count == 0
    assert (
        "My very first answer here"
        not in anonymous.get(question.get_absolute_url()).content.decode()
    )


def test_once_a_post_is_approved_the_next_one_appears_at_once(
    strict_trust, question_factory, user_factory, staff_user
):
    from community.moderation.services import content_approve

    question = question_factory(author=trusted(user_factory()))
    newcomer = user_factory()
    first = qa_services.answer_create(question=question, author=newcomer, body="First answer")
    content_approve(item=first, staff=staff_user)
    second = qa_services.answer_create(question=question, author=newcomer, body="Second answer")
    assert second.status == ContentStatus.PUBLISHED
    assert Question.objects.get(pk=question.pk).answer_count == 2


def test_members_with_the_privilege_skip_the_queue(strict_trust, question_factory, user_factory):
    question = question_factory(author=trusted(user_factory()))
    answer = qa_services.answer_create(
        question=question, author=trusted(user_factory()), body="Straight in"
    )
    assert answer.status == ContentStatus.PUBLISHED


def test_the_number_of_held_first_posts_is_a_setting(strict_trust, question_factory, user_factory):
    strict_trust.MODERATION_HOLD_FIRST_POSTS = 0
    question = question_factory(author=trusted(user_factory()))
    answer = qa_services.answer_create(question=question, author=user_factory(), body="Hello there")
    assert answer.status == ContentStatus.PUBLISHED


def test_first_questions_comments_topics_replies_and_reviews_wait_too(
    strict_trust,
    question_factory,
    topic_factory,
    board,
    buyer_factory,
    product,
    user_factory,
):
    question = question_factory()
    assert question.status == ContentStatus.PENDING
    published = question_factory(author=trusted(user_factory()))
    comment = qa_services.comment_create(question=published, author=user_factory(), body="Hmm?")
    assert comment.status == ContentStatus.PENDING
    assert Question.objects.get(pk=published.pk).comment_count == 0
    topic = topic_factory(board=board)
    assert topic.status == ContentStatus.PENDING
    assert Board.objects.get(pk=board.pk).topic_count == 0
    open_topic = topic_factory(board=board, author=trusted(user_factory()))
    from forum import services as forum_services

    reply = forum_services.reply_create(topic=open_topic, author=user_factory(), body="Me too")
    assert reply.status == ContentStatus.PENDING
    assert Topic.objects.get(pk=open_topic.pk).reply_count == 0
    review = qa_services.review_create(
        author=buyer_factory(product=product),
        product=product,
        rating=5,
        title="Great pan",
        body="It heats evenly.",
    )
    assert review.status == ContentStatus.PENDING


def test_a_new_member_posts_at_most_the_allowed_links_and_keeps_the_text(
    strict_trust, question_factory, user_factory, client_for
):
    strict_trust.TRUST_NEW_MEMBER_MAX_LINKS = 2
    question = question_factory(author=trusted(user_factory()))
    body = "See https://pans.com, https://lids.org and https://ovens.net for details"
    response = client_for(user_factory()).post(answer_url(question), {"body": body})
    page = response.content.decode()
    assert response.status_code == 400
    assert "New members can post at most 2 links" in page
    assert "https://ovens.net for details" in page
    assert not Answer.objects.exists()


def test_members_with_more_links_privilege_post_more_links(
    strict_trust, question_factory, user_factory
):
    question = question_factory(author=trusted(user_factory()))
    body = "See https://pans.com, https://lids.org and https://ovens.net for details"
    answer = qa_services.answer_create(question=question, author=trusted(user_factory()), body=body)
    assert answer.status == ContentStatus.PUBLISHED


def test_a_new_members_link_heavy_post_is_held(
    strict_trust, question_factory, user_factory, staff_user
):
    from community.moderation.services import content_approve

    question = question_factory(author=trusted(user_factory()))
    newcomer = user_factory()
    content_approve(
        item=qa_services.answer_create(question=question, author=newcomer, body="Hello!"),
        staff=staff_user,
    )
    one_link = qa_services.answer_create(
        question=question, author=newcomer, body="The manual: https://pans.com"
    )
    assert one_link.status == ContentStatus.PUBLISHED
    two_links = qa_services.answer_create(
        question=question, author=newcomer, body="https://pans.com and https://lids.org"
    )
    assert two_links.status == ContentStatus.PENDING
    assert "links" in two_links.status_reason


def test_a_new_member_repeating_a_recent_post_is_held(
    strict_trust, question_factory, user_factory, staff_user
):
    from community.moderation.services import content_approve

    newcomer = user_factory()
    first_question = question_factory(author=trusted(user_factory()))
    content_approve(
        item=qa_services.answer_create(
            question=first_question, author=newcomer, body="Great deals, visit our shop"
        ),
        staff=staff_user,
    )
    other_question = question_factory(author=trusted(user_factory()))
    repeat = qa_services.answer_create(
        question=other_question, author=newcomer, body="Great  deals, visit our shop"
    )
    assert repeat.status == ContentStatus.PENDING
    assert "same text" in repeat.status_reason
    fresh = qa_services.answer_create(
        question=other_question, author=newcomer, body="It fits the 28 cm pan."
    )
    assert fresh.status == ContentStatus.PUBLISHED


def test_posting_too_fast_is_refused_with_when_to_try_again_and_the_text_kept(
    strict_trust, question_factory, user_factory, client_for
):
    strict_trust.MODERATION_HOLD_FIRST_POSTS = 0
    strict_trust.MODERATION_RATE_LIMITS = {
        **strict_trust.MODERATION_RATE_LIMITS,
        "new_member": "2/m",
    }
    question = question_factory(author=trusted(user_factory()))
    browser = client_for(user_factory())
    for number in range(2):
        response = browser.post(answer_url(question), {"body": f"This is answer number {number}"})
        assert response.status_code == 302, response.content.decode()[-3000:]
    response = browser.post(answer_url(question), {"body": "One answer too many"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "You are posting faster than we allow. You can post again in" in page
    assert "One answer too many" in page
    assert Answer.objects.count() == 2


def test_trusted_members_have_a_higher_rate(strict_trust, question_factory, user_factory):
    strict_trust.MODERATION_RATE_LIMITS = {
        **strict_trust.MODERATION_RATE_LIMITS,
        "new_member": "1/m",
        "member": "3/m",
    }
    question = question_factory(author=trusted(user_factory()))
    member = trusted(user_factory())
    for number in range(3):
        qa_services.answer_create(question=question, author=member, body=f"Answer {number}")
    with pytest.raises(Exception, match="posting faster"):
        qa_services.answer_create(question=question, author=member, body="Answer 4")


def test_one_address_cannot_flood_with_many_accounts(
    strict_trust, question_factory, user_factory, client_for
):
    strict_trust.MODERATION_RATE_LIMITS = {
        **strict_trust.MODERATION_RATE_LIMITS,
        "address": "2/m",
    }
    question = question_factory(author=trusted(user_factory()))
    for number in range(2):
        response = client_for(user_factory()).post(
            answer_url(question), {"body": f"This is answer number {number}"}
        )
        assert response.status_code == 302
    response = client_for(user_factory()).post(
        answer_url(question), {"body": "A third answer from here"}
    )
    assert "You are posting faster than we allow" in response.content.decode()


def test_a_flood_of_new_accounts_never_stops_an_established_member_at_the_same_address(
    strict_trust, question_factory, user_factory, client_for
):
    """Members behind one address (an office, a phone network, a load balancer) share the
    per-address budget only while they are new; an established member posts regardless."""
    strict_trust.MODERATION_RATE_LIMITS = {
        **strict_trust.MODERATION_RATE_LIMITS,
        "address": "2/m",
    }
    question = question_factory(author=trusted(user_factory()))
    for number in range(3):
        client_for(user_factory()).post(answer_url(question), {"body": f"Spam number {number}"})

    response = client_for(trusted(user_factory())).post(
        answer_url(question), {"body": "A real answer from the same office"}
    )

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Answer.objects.filter(body="A real answer from the same office").exists()


def test_comments_too_fast_get_a_clear_message(
    strict_trust, question_factory, user_factory, client_for
):
    strict_trust.MODERATION_RATE_LIMITS = {**strict_trust.MODERATION_RATE_LIMITS, "member": "1/m"}
    question = question_factory(author=trusted(user_factory()))
    browser = client_for(trusted(user_factory()))
    url = reverse("qa:comment-create", args=[question.pk])
    browser.post(url, {"body": "First comment"})
    response = browser.post(url, {"body": "Second comment"}, follow=True)
    assert "You are posting faster than we allow" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_held_forum_topic_and_reply_through_the_forms(
    strict_trust, board, topic_factory, user_factory, client_for, anonymous
):
    newcomer = user_factory()
    browser = client_for(newcomer)
    response = browser.post(
        reverse("forum:topic-create", args=[board.slug]),
        {"title": "My first forum topic", "body": "Hello everyone"},
        follow=True,
    )
    assert "waits for a moderator" in response.content.decode()
    topic = Topic.objects.get(author=newcomer)
    assert topic.status == ContentStatus.PENDING
    assert "My first forum topic" not in anonymous.get(board.get_absolute_url()).content.decode()
    open_topic = topic_factory(board=board, author=trusted(user_factory()))
    response = client_for(user_factory()).post(
        reverse("forum:reply-create", args=[open_topic.pk]),
        {"body": "Links: https://pans.com https://lids.org https://ovens.net"},
    )
    assert "New members can post at most 2 links" in response.content.decode()
    assert "https://ovens.net" in response.content.decode()
    assert not Post.objects.filter(topic=open_topic).exclude(pk=open_topic.first_post_id).exists()


def test_an_edit_cannot_add_more_links_than_allowed(
    strict_trust, question_factory, answer_factory, user_factory, client_for
):
    strict_trust.MODERATION_HOLD_FIRST_POSTS = 0
    question = question_factory(author=trusted(user_factory()))
    answer = answer_factory(question=question, body="A clean answer without links")
    body = "Now with https://pans.com, https://lids.org and https://ovens.net"
    response = client_for(answer.author).post(
        reverse("qa:answer-edit", args=[answer.pk]), {"body": body}
    )
    assert "New members can post at most 2 links" in response.content.decode()
    assert "https://ovens.net" in response.content.decode()
    assert Answer.objects.get(pk=answer.pk).body == "A clean answer without links"
    response = client_for(answer.author).post(
        reverse("qa:answer-edit", args=[answer.pk]), {"body": "Now with https://pans.com only"}
    )
    assert response.status_code == 302


def test_a_forum_edit_cannot_add_more_links_than_allowed(
    strict_trust, topic_factory, user_factory, client_for
):
    strict_trust.MODERATION_HOLD_FIRST_POSTS = 0
    topic = topic_factory()
    body = "Now with https://pans.com, https://lids.org and https://ovens.net"
    response = client_for(topic.author).post(
        reverse("forum:post-edit", args=[topic.first_post_id]),
        {"body": body, "title": topic.title, "summary": ""},
    )
    assert "New members can post at most 2 links" in response.content.decode()
    assert Post.objects.get(pk=topic.first_post_id).body != body


def test_a_new_buyers_first_review_waits_and_a_link_farm_is_refused(
    strict_trust, buyer_factory, product, client_for, anonymous
):
    from qa.models import Review
    from tests.qa.reviews.conftest import review_form

    buyer = buyer_factory(product=product)
    url = reverse("qa:review-create", args=[product.pk])
    farm = "Deals: https://pans.com https://lids.org https://ovens.net every day of the week"
    response = client_for(buyer).post(url, review_form(body=farm))
    assert "New members can post at most 2 links" in response.content.decode()
    assert "https://ovens.net every day" in response.content.decode()
    response = client_for(buyer).post(url, review_form(), follow=True)
    assert "waits for a moderator" in response.content.decode()
    review = Review.objects.get()
    assert review.status == ContentStatus.PENDING
    assert anonymous.get(review.get_absolute_url()).status_code == 404
