"""Follow-ups to the trust rules: refusals keep the text (429 for floods), approvals publish
completely, staff are not throttled, and suspended members read why wherever they are refused."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.moderation import services as moderation_services
from community.moderation.enums import ContentStatus
from forum.models import Post, Topic
from qa import services as qa_services
from qa.models import Answer, Comment, Question, Review
from tests.qa.reviews.conftest import review_form

pytestmark = pytest.mark.django_db

DECIDE = reverse("moderation:decide")
TOO_FAST = "You are posting faster than we allow. You can post again in"


def trusted(user):
    type(user).objects.filter(pk=user.pk).update(reputation=100)
    user.refresh_from_db()
    return user


@pytest.fixture
def one_post_a_minute(settings):
    """Every member may post once a minute; nothing is held, so each refusal is the rate."""
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    settings.MODERATION_RATE_LIMITS = {
        "member": "1/m",
        "new_member": "1/m",
        "address": "1000/m",
        "flag": "1000/m",
    }
    return settings


def assert_refused_for_flooding(response, typed: str) -> None:
    page = response.content.decode()
    assert response.status_code == 429, page[-2000:]
    assert 1 <= int(response["Retry-After"]) <= 60  # the member rate's window is a minute
    assert TOO_FAST in page
    assert typed in page


# SECTION a flood is refused with 429, the message and the text kept


def test_a_comment_too_fast_shows_the_question_with_the_comment_kept(
    one_post_a_minute, question_factory, user_factory, client_for
):
    question = question_factory(author=trusted(user_factory()))
    browser = client_for(trusted(user_factory()))
    url = reverse("qa:comment-create", args=[question.pk])
    assert browser.post(url, {"body": "First comment"}).status_code == 302
    response = browser.post(url, {"body": "Second comment I typed with care"})
    assert_refused_for_flooding(response, "Second comment I typed with care")
    assert question.title in response.content.decode()  # the question page itself
    assert 'id="comment-form-q" open' in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_comment_on_an_answer_too_fast_reopens_that_answers_form(
    one_post_a_minute, question_factory, answer_factory, user_factory, client_for
):
    question = question_factory(author=trusted(user_factory()))
    answer = answer_factory(question=question, author=trusted(user_factory()))
    browser = client_for(trusted(user_factory()))
    url = reverse("qa:comment-create", args=[question.pk])
    browser.post(url, {"body": "First comment"})
    response = browser.post(url, {"body": "On the answer, kept", "answer": answer.pk})
    assert_refused_for_flooding(response, "On the answer, kept")
    page = response.content.decode()
    assert f'id="comment-form-{answer.pk}" open' in page
    assert 'id="comment-form-q" open' not in page


def test_a_comment_too_fast_by_htmx_gets_the_form_back_with_the_text(
    one_post_a_minute, question_factory, user_factory, client_for
):
    question = question_factory(author=trusted(user_factory()))
    browser = client_for(trusted(user_factory()))
    url = reverse("qa:comment-create", args=[question.pk])
    browser.post(url, {"body": "First comment"})
    response = browser.post(url, {"body": "Typed in the fragment"}, HTTP_HX_REQUEST="true")
    assert_refused_for_flooding(response, "Typed in the fragment")
    page = response.content.decode()
    assert "<html" not in page
    assert 'class="comment-form"' in page


def test_a_comment_with_too_many_links_keeps_the_text(
    settings, question_factory, user_factory, client_for
):
    settings.TRUST_NEW_MEMBER_MAX_LINKS = 1
    question = question_factory(author=trusted(user_factory()))
    browser = client_for(user_factory())
    response = browser.post(
        reverse("qa:comment-create", args=[question.pk]),
        {"body": "See https://pans.com and https://lids.org"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "New members can post at most 1 link" in page
    assert "See https://pans.com and https://lids.org" in page
    assert not Comment.objects.exists()


def test_an_answer_too_fast_answers_429(
    one_post_a_minute, question_factory, user_factory, client_for
):
    question = question_factory(author=trusted(user_factory()))
    browser = client_for(trusted(user_factory()))
    url = reverse("qa:answer-create", args=[question.pk])
    assert browser.post(url, {"body": "The first answer of mine"}).status_code == 302
    response = browser.post(url, {"body": "The second answer, kept"})
    assert_refused_for_flooding(response, "The second answer, kept")
    assert Answer.objects.count() == 1


def test_a_question_too_fast_answers_429_with_the_question_kept(
    one_post_a_minute, user_factory, client_for
):
    browser = client_for(trusted(user_factory()))
    url = reverse("qa:question-ask")
    first = {"title": "Which lid fits the 28 cm pan?", "body": "", "phase": "before"}
    assert browser.post(url, first).status_code == 302
    second = {
        "title": "Does the wok work on induction?",
        "body": "Mine is 2 years old",
        "phase": "after",
    }
    response = browser.post(url, second)
    assert_refused_for_flooding(response, "Does the wok work on induction?")
    assert "Mine is 2 years old" in response.content.decode()
    assert Question.objects.count() == 1


def test_a_forum_reply_too_fast_answers_429_with_the_reply_kept(
    one_post_a_minute, topic_factory, board, user_factory, client_for
):
    with_rules_off = topic_factory(board=board, author=trusted(user_factory()))
    browser = client_for(trusted(user_factory()))
    url = reverse("forum:reply-create", args=[with_rules_off.pk])
    assert browser.post(url, {"body": "The first reply"}).status_code == 302
    response = browser.post(url, {"body": "The second reply, kept"})
    assert_refused_for_flooding(response, "The second reply, kept")


def test_a_forum_topic_too_fast_answers_429_with_the_topic_kept(
    one_post_a_minute, board, user_factory, client_for
):
    browser = client_for(trusted(user_factory()))
    url = reverse("forum:topic-create", args=[board.slug])
    first = {"title": "My oven trick", "body": "Preheat the pan"}
    assert browser.post(url, first).status_code == 302
    response = browser.post(url, {"title": "My second trick", "body": "Salt the water, kept"})
    assert_refused_for_flooding(response, "Salt the water, kept")
    assert "My second trick" in response.content.decode()
    assert Topic.objects.count() == 1


def test_a_review_too_fast_answers_429_with_the_review_kept(
    one_post_a_minute, buyer_factory, product, client_for, question_factory
):
    buyer = trusted(buyer_factory(product=product))
    # The member's one post this minute goes elsewhere, so the review is the second.
    qa_services.question_create(author=buyer, title="A question first", body="", phase="after")
    response = client_for(buyer).post(
        reverse("qa:review-create", args=[product.pk]),
        review_form(body="It heats evenly; I typed this review with care."),
    )
    assert_refused_for_flooding(response, "It heats evenly; I typed this review with care.")
    assert not Review.objects.exists()


def test_edits_are_not_rate_limited_but_keep_the_text_on_a_link_refusal(
    one_post_a_minute, settings, question_factory, answer_factory, user_factory, client_for
):
    settings.TRUST_NEW_MEMBER_MAX_LINKS = 1
    author = user_factory()
    answer = answer_factory(question=question_factory(), author=author, body="Original words")
    browser = client_for(author)
    url = reverse("qa:answer-edit", args=[answer.pk])
    for number in range(3):  # more edits than posts per minute: editing is not posting
        response = browser.post(url, {"body": f"Better words, take {number}"})
        assert response.status_code == 302
    response = browser.post(url, {"body": "Links https://pans.com https://lids.org kept"})
    assert "Links https://pans.com https://lids.org kept" in response.content.decode()
    assert "at most 1 link" in response.content.decode()


# SECTION staff are not throttled per member; addresses still are for new members


def test_staff_post_faster_than_the_member_rate(
    one_post_a_minute, question_factory, staff_user, client_for
):
    browser = client_for(staff_user)
    for number in range(4):
        question = question_factory()
        response = browser.post(
            reverse("qa:answer-create", args=[question.pk]),
            {"body": f"Official help number {number}"},
        )
        assert response.status_code == 302
    assert Answer.objects.filter(author=staff_user).count() == 4


def test_new_members_are_still_throttled_per_address(
    one_post_a_minute, question_factory, user_factory, client_for
):
    one_post_a_minute.MODERATION_RATE_LIMITS = {
        **one_post_a_minute.MODERATION_RATE_LIMITS,
        "member": "5/m",
        "new_member": "5/m",
        "address": "2/m",
    }
    question = question_factory()
    for number in range(2):
        response = client_for(user_factory()).post(
            reverse("qa:answer-create", args=[question.pk]),
            {"body": f"This is answer number {number}"},
        )
        assert response.status_code == 302
    response = client_for(user_factory()).post(
        reverse("qa:answer-create", args=[question.pk]), {"body": "From the same address"}
    )
    assert_refused_for_flooding(response, "From the same address")


# SECTION approving a held post publishes it completely


def test_approving_a_held_answer_makes_the_question_recently_active(
    strict_trust, question_factory, user_factory, staff_client, anonymous
):
    quiet = question_factory(author=trusted(user_factory()), title="A quiet question here")
    busy = question_factory(author=trusted(user_factory()), title="A busy question there")
    earlier = timezone.now() - timedelta(days=3)
    Question.objects.filter(pk=quiet.pk).update(last_activity_at=earlier - timedelta(days=1))
    Question.objects.filter(pk=busy.pk).update(last_activity_at=earlier)
    held = qa_services.answer_create(question=quiet, author=user_factory(), body="Held answer")
    assert held.status == ContentStatus.PENDING

    def recently_active() -> str:
        return anonymous.get(reverse("qa:question-list"), {"order": "active"}).content.decode()

    page = recently_active()
    assert page.index(busy.title) < page.index(quiet.title)
    staff_client.post(DECIDE, {"row_action": f"approve:answer:{held.pk}"})
    page = recently_active()
    assert page.index(quiet.title) < page.index(busy.title)
    assert Question.objects.get(pk=quiet.pk).answer_count == 1


def test_approving_a_held_reply_moves_the_topic_and_the_board_forward(
    strict_trust, board, topic_factory, user_factory, staff_client, anonymous
):
    quiet = topic_factory(board=board, author=trusted(user_factory()), title="Quiet topic here")
    busy = topic_factory(board=board, author=trusted(user_factory()), title="Busy topic there")
    earlier = timezone.now() - timedelta(days=3)
    Topic.objects.filter(pk=quiet.pk).update(last_post_at=earlier - timedelta(days=1))
    Topic.objects.filter(pk=busy.pk).update(last_post_at=earlier)
    from forum import services as forum_services

    held = forum_services.reply_create(topic=quiet, author=user_factory(), body="Held reply")
    assert held.status == ContentStatus.PENDING
    staff_client.post(DECIDE, {"row_action": f"approve:post:{held.pk}"})
    page = anonymous.get(board.get_absolute_url()).content.decode()
    assert page.index(quiet.title) < page.index(busy.title)
    quiet.refresh_from_db()
    board.refresh_from_db()
    assert quiet.reply_count == 1
    assert quiet.last_post_id == held.pk
    assert board.last_post_id == held.pk


# SECTION a held topic hides its first post too


def test_a_held_topics_first_post_is_hidden_from_others_until_approved(
    strict_trust, board, user_factory, client_for, staff_client, anonymous
):
    from forum import services as forum_services

    author = user_factory()
    topic = forum_services.topic_create(
        board=board, author=author, title="Held topic title", body="The held first post"
    )
    assert topic.status == ContentStatus.PENDING
    permalink = reverse("forum:post-permalink", args=[topic.first_post_id])
    other = client_for(trusted(user_factory()))
    for browser in (anonymous, other):
        assert browser.get(topic.get_absolute_url()).status_code == 404
        assert browser.get(permalink).status_code == 404
        assert "The held first post" not in browser.get(board.get_absolute_url()).content.decode()
    assert (
        "The held first post" in client_for(author).get(topic.get_absolute_url()).content.decode()
    )

    staff_client.post(DECIDE, {"row_action": f"approve:topic:{topic.pk}"})
    assert "The held first post" in anonymous.get(topic.get_absolute_url()).content.decode()
    assert anonymous.get(permalink).status_code == 302
    assert Post.objects.get(pk=topic.first_post_id).status == ContentStatus.PUBLISHED
    board.refresh_from_db()
    assert board.topic_count == 1


# SECTION members in the audit log link to their profile


def test_an_audit_entry_about_a_member_links_to_their_profile(
    user_factory, staff_user, staff_client
):
    member = user_factory(username="spammy-sue")
    moderation_services.user_suspend(user=member, staff=staff_user, days=2, reason="Spam wave")
    page = staff_client.get(reverse("moderation:audit-log")).content.decode()
    link = reverse("moderation:item", args=[_content_type_id(member), member.pk])
    assert link in page
    response = staff_client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/users/spammy-sue/"
    assert staff_client.get(response["Location"]).status_code == 200


def _content_type_id(item) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(item).pk


# SECTION a suspended member sees why on the review pages


def test_a_suspended_buyer_reads_the_suspension_on_the_review_pages(
    buyer_factory, product, staff_user, client_for
):
    buyer = buyer_factory(product=product)
    moderation_services.user_suspend(
        user=buyer, staff=staff_user, days=3, reason="Rude replies to staff"
    )
    browser = client_for(buyer)
    url = reverse("qa:review-create", args=[product.pk])
    for response in (browser.get(url), browser.post(url, review_form())):
        page = response.content.decode()
        assert response.status_code == 403
        assert "Your account is suspended until" in page
        assert "Rude replies to staff" in page
    assert not Review.objects.exists()
    product_reviews = browser.get(reverse("qa:review-list", args=[product.pk]))
    assert "Rude replies to staff" in product_reviews.content.decode()
    assert "Your account cannot post at the moment" not in product_reviews.content.decode()


def test_a_buyer_who_is_not_suspended_gets_the_form(buyer_factory, product, client_for):
    buyer = buyer_factory(product=product)
    response = client_for(buyer).get(reverse("qa:review-create", args=[product.pk]))
    assert response.status_code == 200
    assert "suspended" not in response.content.decode()


def test_the_suspension_banner_does_not_double_the_reasons_full_stop(
    user_factory, staff_user, client_for
):
    member = user_factory()
    moderation_services.user_suspend(
        user=member, staff=staff_user, days=3, reason="Advertising for another shop."
    )
    page = client_for(member).get(reverse("qa:question-list")).content.decode()
    assert "Advertising for another shop. Until then you can read" in page
    assert "shop.." not in page
