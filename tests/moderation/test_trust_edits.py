"""The trust rules judge edits as they judge new posts: a new member's approved post edited
into a link farm or a repeat goes back to the queue, and too many links are refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community.moderation.enums import ContentStatus
from community.moderation.services import content_approve
from forum import services as forum_services
from forum.models import Post, Topic
from qa import services as qa_services
from qa.models import Answer, Question, Review
from tests.moderation.test_trust import trusted

pytestmark = pytest.mark.django_db

TWO_LINKS = "Cheap pans at https://pans.example.com and https://lids.example.com"
THREE_LINKS = TWO_LINKS + " and https://ovens.example.com"


@pytest.fixture
def newcomer(user_factory):
    """A new member whose first post a moderator has approved already."""
    return user_factory()


def approved(item, staff):
    content_approve(item=item, staff=staff)
    item.refresh_from_db()
    assert item.status == ContentStatus.PUBLISHED
    return item


def test_an_approved_answer_edited_into_links_goes_back_to_the_queue(
    strict_trust, newcomer, question_factory, user_factory, staff_user, client_for, anonymous
):
    question = question_factory(author=trusted(user_factory()))
    answer = approved(
        qa_services.answer_create(question=question, author=newcomer, body="It fits."), staff_user
    )
    assert Question.objects.get(pk=question.pk).answer_count == 1

    response = client_for(newcomer).post(
        reverse("qa:answer-edit", args=[answer.pk]), {"body": TWO_LINKS}, follow=True
    )

    assert "waits for a moderator" in response.content.decode()
    answer.refresh_from_db()
    assert answer.status == ContentStatus.PENDING
    assert "links" in answer.status_reason
    assert answer.status_changed_by is None  # the rules decided, not a moderator
    assert Question.objects.get(pk=question.pk).answer_count == 0
    assert "pans.example.com" not in anonymous.get(question.get_absolute_url()).content.decode()
    assert "pans.example.com" in client_for(staff_user).get("/moderation/").content.decode()


def test_approving_an_edit_that_went_back_to_the_queue_does_not_announce_the_post_again(
    strict_trust, newcomer, question_factory, user_factory, staff_user, monkeypatch
):
    from community.notifications import events

    question = question_factory(author=trusted(user_factory()))
    announced = []
    monkeypatch.setattr(events, "content_published", announced.append)
    answer = approved(
        qa_services.answer_create(question=question, author=newcomer, body="It fits."), staff_user
    )
    assert announced == [answer]  # held when written: announced once approved
    qa_services.answer_edit(answer=answer, editor=newcomer, body=TWO_LINKS)

    approved(Answer.objects.get(pk=answer.pk), staff_user)

    assert announced == [answer]  # followers heard of it the first time


def test_an_approved_question_edited_into_a_repeat_goes_back_to_the_queue(
    strict_trust, newcomer, question_factory, staff_user
):
    spam = "Great deals on pans, visit our shop today"
    approved(question_factory(author=newcomer, body=spam), staff_user)
    second = question_factory(author=newcomer, body="Which lid fits the 24 cm pan?")
    assert second.status == ContentStatus.PUBLISHED

    qa_services.question_edit(
        question=second,
        editor=newcomer,
        title=second.title,
        body=spam,
        phase=second.phase,
        product=second.product,
        tags=second.tags.names(),
    )

    second.refresh_from_db()
    assert second.status == ContentStatus.PENDING
    assert "same text" in second.status_reason


def test_an_edit_that_keeps_the_text_clean_stays_public_and_is_no_repeat_of_itself(
    strict_trust, newcomer, question_factory, user_factory, staff_user
):
    question = question_factory(author=trusted(user_factory()))
    answer = approved(
        qa_services.answer_create(question=question, author=newcomer, body="It fits."), staff_user
    )

    qa_services.answer_edit(answer=answer, editor=newcomer, body="It fits the 28 cm pan.")

    answer.refresh_from_db()
    assert answer.status == ContentStatus.PUBLISHED
    assert Question.objects.get(pk=question.pk).answer_count == 1


def test_too_many_links_in_an_edit_are_refused_like_in_a_new_post(
    strict_trust, newcomer, question_factory, user_factory, staff_user, client_for
):
    question = question_factory(author=trusted(user_factory()))
    answer = approved(
        qa_services.answer_create(question=question, author=newcomer, body="It fits."), staff_user
    )

    response = client_for(newcomer).post(
        reverse("qa:answer-edit", args=[answer.pk]), {"body": THREE_LINKS}
    )

    assert "New members can post at most 2 links" in response.content.decode()
    assert "ovens.example.com" in response.content.decode()
    assert Answer.objects.get(pk=answer.pk).body == "It fits."


def test_an_approved_forum_reply_edited_into_links_goes_back_to_the_queue(
    strict_trust, newcomer, topic_factory, user_factory, staff_user
):
    topic = topic_factory(author=trusted(user_factory()))
    reply = approved(
        forum_services.reply_create(topic=topic, author=newcomer, body="Me too"), staff_user
    )
    assert Topic.objects.get(pk=topic.pk).reply_count == 1

    forum_services.post_edit(post=reply, editor=newcomer, body=TWO_LINKS)

    reply.refresh_from_db()
    assert reply.status == ContentStatus.PENDING
    assert Topic.objects.get(pk=topic.pk).reply_count == 0


def test_an_approved_topic_whose_first_post_is_edited_into_links_waits_as_a_whole(
    strict_trust, newcomer, topic_factory, board, staff_user
):
    topic = approved(topic_factory(board=board, author=newcomer), staff_user)

    forum_services.post_edit(post=topic.first_post, editor=newcomer, body=TWO_LINKS)

    topic.refresh_from_db()
    assert topic.status == ContentStatus.PENDING
    assert "links" in topic.status_reason
    assert Post.objects.get(pk=topic.first_post_id).status == ContentStatus.PUBLISHED


def test_the_author_of_a_first_post_edited_into_a_held_topic_is_told_it_waits(
    strict_trust, newcomer, topic_factory, board, staff_user, client
):
    topic = approved(topic_factory(board=board, author=newcomer), staff_user)
    client.force_login(newcomer)

    response = client.post(
        reverse("forum:post-edit", args=[topic.first_post_id]),
        {"title": topic.title, "body": TWO_LINKS, "summary": "links"},
        follow=True,
    )

    page = response.content.decode()
    assert "Your post waits for a moderator" in page
    assert "Your changes are saved." not in page


def test_an_approved_review_edited_into_links_goes_back_to_the_queue(
    strict_trust, product, buyer_factory, staff_user
):
    buyer = buyer_factory(product=product)
    review = approved(
        qa_services.review_create(
            author=buyer, product=product, rating=5, title="Great pan", body="Heats evenly."
        ),
        staff_user,
    )
    assert product.rating_summary.review_count == 1

    qa_services.review_edit(
        review=review,
        editor=buyer,
        rating=5,
        title="Great pan",
        body=TWO_LINKS,
        pros=review.pros,
        cons=review.cons,
    )

    review = Review.objects.get(pk=review.pk)
    assert review.status == ContentStatus.PENDING
    product.rating_summary.refresh_from_db()
    assert product.rating_summary.review_count == 0


def test_edits_are_not_counted_as_new_posts_by_the_flood_limit(
    strict_trust, newcomer, question_factory, user_factory, staff_user
):
    strict_trust.MODERATION_RATE_LIMITS = {
        **strict_trust.MODERATION_RATE_LIMITS,
        "new_member": "2/m",
    }
    question = question_factory(author=trusted(user_factory()))
    answer = approved(
        qa_services.answer_create(question=question, author=newcomer, body="It fits."), staff_user
    )

    for number in range(3):
        qa_services.answer_edit(answer=answer, editor=newcomer, body=f"It fits, take {number}.")

    qa_services.answer_create(question=question, author=newcomer, body="A second answer")
    with pytest.raises(ValidationError):
        qa_services.answer_create(question=question, author=newcomer, body="A third answer")
