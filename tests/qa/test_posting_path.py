"""Posting through the web: the poster's own answer, counters and badge are there at once;
other members hear of it once the response has gone (never inside the write); a failing
announcement loses nothing; and the request itself stays a few queries."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.http import HttpResponseBase
from django.test.utils import CaptureQueriesContext

from community.common.models import full_clean_in_hand
from community.notifications import registry
from community.notifications.models import Notification
from community.notifications.services import follow_add
from community.reputation.enums import Badge
from community.reputation.models import UserBadge
from community.search.models import SearchDocument
from forum import services as forum_services
from forum.enums import NotificationKind as ForumKind
from forum.models import Post
from qa import services
from qa.enums import NotificationKind
from qa.models import Answer, Question

pytestmark = pytest.mark.django_db

# Session, member, question; the write (a savepoint here, inside the test's transaction):
# the page generation before each of the answer, the counters and the revision, the
# member's badges and, while they lack the product's badge, their answers on it.
ANSWER_POST_QUERIES = 13
# After the response, for an asker who gets e-mail at once and a question nobody follows:
# the question's search document; the answer, the asker's deliveries and their notification;
# the e-mail's row, target, claim, the asker's switches and budget, and marking it sent;
# whether anyone follows the question.
AFTER_ANSWER_QUERIES = 33


def kinds_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def poster(user_factory):
    return user_factory(username="poster")


@pytest.fixture
def follower(user_factory):
    return user_factory(username="follower")


@pytest.fixture
def followed_question(question_factory, product, follower):
    question = question_factory(product=product, title="Does the skillet work on induction?")
    follow_add(user=follower, target=question)
    return question


def _request_signal(signal) -> None:
    """What a WSGI server tells as a request starts or once its response has gone, as the
    test client does it (the test's database connection stays open)."""
    signal.disconnect(close_old_connections)
    try:
        signal.send(sender=None)
    finally:
        signal.connect(close_old_connections)


def _request_started() -> None:
    _request_signal(request_started)


def _response_sent() -> None:
    _request_signal(request_finished)


def _post_measured(client, monkeypatch, url: str, data: dict):
    """POST ``url``; the response, the queries made before it went out and those after."""
    sent = {}
    close = HttpResponseBase.close

    def closing(response):
        # Where a WSGI server has sent the response and runs what waits for it.
        sent.setdefault("at", len(captured.captured_queries))
        close(response)

    monkeypatch.setattr(HttpResponseBase, "close", closing)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data)
    queries = captured.captured_queries
    return response, queries[: sent["at"]], queries[sent["at"] :]


def test_other_members_hear_of_an_answer_only_once_the_response_has_gone(
    followed_question, poster, follower
):
    _request_started()
    answer = services.answer_create(
        question=followed_question, author=poster, body="Yes, it heats evenly on induction."
    )

    # The poster's own answer and the counters are there at once...
    assert Question.objects.get(pk=followed_question.pk).answer_count == 1
    assert UserBadge.objects.filter(user=poster, badge=Badge.FIRST_ANSWER).exists()
    # ...the others' notifications come after the response.
    assert Notification.objects.count() == 0

    _response_sent()

    assert kinds_of(follower) == [NotificationKind.FOLLOWED_QUESTION_ANSWER]
    assert kinds_of(followed_question.author) == [NotificationKind.ANSWER_ON_MY_QUESTION]
    assert Notification.objects.get(recipient=follower).target == answer
    assert kinds_of(poster) == []


def test_a_forum_reply_reaches_the_topics_followers_after_the_response(
    topic_factory, user_factory, poster
):
    topic = topic_factory()
    reader = user_factory(username="reader")
    follow_add(user=reader, target=topic)

    _request_started()
    reply = forum_services.reply_create(topic=topic, author=poster, body="Mine too, since May.")
    assert Notification.objects.filter(recipient=reader).count() == 0
    _response_sent()

    assert kinds_of(reader) == [ForumKind.FOLLOWED_TOPIC_REPLY]
    assert Notification.objects.get(recipient=reader).target == reply


def test_a_new_question_reaches_its_products_followers_after_the_response(
    question_factory, product, user_factory
):
    fan = user_factory(username="fan")
    follow_add(user=fan, target=product)

    _request_started()
    question_factory(product=product, title="Is the handle oven-safe?")
    assert Notification.objects.filter(recipient=fan).count() == 0
    _response_sent()

    assert kinds_of(fan) == [NotificationKind.FOLLOWED_PRODUCT_QUESTION]


def test_an_answer_held_for_a_moderator_tells_nobody(followed_question, poster, follower, settings):
    settings.MODERATION_HOLD_FIRST_POSTS = 1

    _request_started()
    answer = services.answer_create(
        question=followed_question, author=poster, body="It works on mine."
    )
    _response_sent()

    assert answer.status == "pending"
    assert kinds_of(follower) == []
    assert kinds_of(followed_question.author) == []


def test_a_failing_announcement_loses_no_answer(
    client, monkeypatch, followed_question, poster, follower
):
    def broken(answer):
        raise RuntimeError("the notifications table is gone")

    monkeypatch.setitem(registry._announcers, Answer, broken)
    client.force_login(poster)

    response = client.post(
        f"/questions/{followed_question.pk}/answer/", {"body": "It whistles, but softly."}
    )

    assert response.status_code == 302
    answer = Answer.objects.get(question=followed_question)
    assert response["Location"] == answer.get_absolute_url()
    assert Question.objects.get(pk=followed_question.pk).answer_count == 1
    assert Notification.objects.count() == 0
    # The rest of the work after the response still ran: the answer is searchable.
    document = SearchDocument.objects.get(kind="question", object_id=followed_question.pk)
    assert "whistl" in document.body


def test_the_badge_an_answer_earns_shows_on_the_page_the_poster_is_sent_to(
    client, question_factory, poster
):
    question = question_factory()
    client.force_login(poster)

    response = client.post(
        f"/questions/{question.pk}/answer/", {"body": "It fits the small model."}, follow=True
    )

    page = response.content.decode()
    assert "Thank you! Your answer is posted." in page
    # Beside the poster's name on their answer: their reputation, then their badges.
    mine = re.search(r'user-name__link" href="/users/poster/">poster</a>(.*?)</span>, <time', page)
    assert mine is not None
    assert 'user-name__badges" title="1 badge"><span aria-hidden="true">★1<' in mine.group(1)


def test_an_answer_costs_a_few_queries_before_the_response_whatever_follows(
    client, monkeypatch, followed_question, user_factory, poster
):
    for number in range(5):
        follow_add(user=user_factory(username=f"reader{number}"), target=followed_question)
    services.answer_create(question=followed_question, author=poster, body="It works, yes.")
    client.force_login(poster)

    response, before, after = _post_measured(
        client,
        monkeypatch,
        f"/questions/{followed_question.pk}/answer/",
        {"body": "And it keeps its seasoning."},
    )

    assert response.status_code == 302
    assert len(before) <= ANSWER_POST_QUERIES, "\n".join(q["sql"][:120] for q in before)
    assert not any("notifications_notification" in query["sql"] for query in before)
    assert any("notifications_notification" in query["sql"] for query in after)
    assert Notification.objects.filter(recipient__username__startswith="reader").count() == 10


def test_the_work_after_an_answer_stays_a_few_queries_with_the_askers_e_mail(
    client, monkeypatch, question_factory, poster, mailoutbox, django_capture_on_commit_callbacks
):
    question = question_factory(title="Does the lid fit the 24 cm pan?")
    client.force_login(poster)

    # The e-mail task waits for the commit, which in a test comes at the end of the block.
    with (
        CaptureQueriesContext(connection) as everything,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response, before, _after = _post_measured(
            client, monkeypatch, f"/questions/{question.pk}/answer/", {"body": "It fits mine."}
        )
    after = everything.captured_queries[len(before) :]

    assert response.status_code == 302
    # The asker hears at once, by e-mail in their layout with its unsubscribe headers...
    assert kinds_of(question.author) == [NotificationKind.ANSWER_ON_MY_QUESTION]
    assert [message.to for message in mailoutbox] == [[question.author.email]]
    assert "List-Unsubscribe" in mailoutbox[0].extra_headers
    assert SearchDocument.objects.filter(kind="question", object_id=question.pk).exists()
    # ...and all of it (the search document, the notification, the claim, their e-mail
    # preferences and budget, marking it sent) stays a few queries.
    assert len(after) <= AFTER_ANSWER_QUERIES, "\n".join(q["sql"][:120] for q in after)


def test_a_comment_is_announced_after_the_response_too(
    client, monkeypatch, followed_question, poster
):
    client.force_login(poster)

    response, before, _after = _post_measured(
        client,
        monkeypatch,
        f"/questions/{followed_question.pk}/comment/",
        {"body": "Which size do you have?"},
    )

    assert response.status_code == 302
    assert not any("notifications_notification" in query["sql"] for query in before)
    assert kinds_of(followed_question.author) == [NotificationKind.COMMENT_ON_MY_QUESTION]


def test_a_post_checked_with_its_links_in_hand_is_still_refused_for_what_it_says(
    question_factory, poster
):
    question = question_factory()

    with pytest.raises(ValidationError) as refused:
        full_clean_in_hand(Answer(question=question, author=poster, body=""))
    assert "body" in refused.value.message_dict

    with pytest.raises(ValidationError) as refused:
        full_clean_in_hand(Answer(question=question, author_id=987654, body="Fine text."))
    assert "author" in refused.value.message_dict


def test_a_post_under_a_forum_topic_is_stored_with_its_links_checked(topic_factory, poster):
    topic = topic_factory()

    reply = forum_services.reply_create(topic=topic, author=poster, body="It is fine, really.")

    assert Post.objects.get(pk=reply.pk).author == poster
