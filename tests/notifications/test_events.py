"""Every event notifies exactly the right people, exactly once."""

import pytest
from taggit.models import Tag

from community.moderation import services as moderation_services
from community.moderation.enums import ContentStatus, FlagReason
from community.notifications import services
from community.notifications.enums import NotificationKind as FloorKind
from community.notifications.models import Follow, Notification
from forum import services as forum_services
from forum.enums import NotificationKind as ForumKind
from qa import notifications as qa_notifications
from qa import services as qa_services
from qa.enums import MailKind, NotificationKind
from qa.promotion import article_promote_from_answer

pytestmark = pytest.mark.django_db


def kinds_of(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True)
    )


def test_a_new_answer_notifies_the_asker_once_and_not_the_answerer(
    asker, helper, question, answer_to
):
    answer = answer_to(question)
    qa_notifications.answer_posted(answer)  # the same event again changes nothing

    assert kinds_of(asker) == [NotificationKind.ANSWER_ON_MY_QUESTION]
    assert kinds_of(helper) == []
    notification = Notification.objects.get(recipient=asker)
    assert notification.url == f"{question.get_absolute_url()}#answer-{answer.pk}"
    assert notification.text == question.title
    assert notification.actor == helper


def test_answering_ones_own_question_notifies_nobody(asker, question, answer_to):
    answer_to(question, author=asker)

    assert Notification.objects.count() == 0


def test_the_asker_mentioned_in_an_answer_hears_only_of_the_answer(asker, question, answer_to):
    answer_to(question, body="@asker, yes it fits. Ask @ASKER again if not.")

    assert kinds_of(asker) == [NotificationKind.ANSWER_ON_MY_QUESTION]


def test_mentions_reach_existing_members_once_and_skip_the_rest(
    user_factory, helper, question, answer_to
):
    anna = user_factory(username="anna")
    bram = user_factory(username="bram")
    carla = user_factory(username="carla")
    gone = user_factory(username="gone", is_active=False)
    answer_to(
        question,
        body=(
            "Thanks @Anna and @anna! Also @nobody-here, @helper (me), @gone, "
            "`@bram` in code, mail carla@example.com.\n\n```\n@carla\n```"
        ),
    )

    assert kinds_of(anna) == [FloorKind.MENTION]
    assert kinds_of(helper) == []  # self-mention
    assert kinds_of(bram) == []
    assert kinds_of(carla) == []
    assert kinds_of(gone) == []


def test_comments_notify_the_author_of_what_they_are_under(
    asker, helper, user_factory, question, answer_to
):
    answer = answer_to(question)
    commenter = user_factory()

    qa_services.comment_create(question=question, author=commenter, body="Which size?")
    qa_services.comment_create(
        question=question, answer=answer, author=commenter, body="Did you measure?"
    )

    assert kinds_of(asker) == [
        NotificationKind.ANSWER_ON_MY_QUESTION,
        NotificationKind.COMMENT_ON_MY_QUESTION,
    ]
    assert kinds_of(helper) == [NotificationKind.COMMENT_ON_MY_ANSWER]
    assert kinds_of(commenter) == []


def test_accepting_notifies_the_answerer_and_never_twice(asker, helper, question, answer_to):
    answer = answer_to(question)

    qa_services.answer_accept(answer=answer, user=asker)
    qa_services.answer_accept(answer=answer, user=asker)  # withdrawn
    qa_services.answer_accept(answer=answer, user=asker)  # accepted again

    assert kinds_of(helper) == [NotificationKind.MY_ANSWER_ACCEPTED]
    assert kinds_of(asker) == [NotificationKind.ANSWER_ON_MY_QUESTION]


def test_staff_accepting_on_behalf_tells_the_asker_too(
    asker, helper, staff_user, question, answer_to
):
    answer = answer_to(question)

    qa_services.answer_accept(answer=answer, user=staff_user)

    assert kinds_of(helper) == [NotificationKind.MY_ANSWER_ACCEPTED]
    assert NotificationKind.ANSWER_ACCEPTED_ON_MY_BEHALF in kinds_of(asker)
    assert kinds_of(staff_user) == []


def test_an_official_answer_notifies_its_author_and_the_asker(
    asker, helper, staff_user, question, answer_to
):
    answer = answer_to(question)

    qa_services.answer_mark_official(answer=answer, staff=staff_user)
    qa_services.answer_mark_official(answer=answer, staff=staff_user)  # unmarked: no news

    assert kinds_of(helper) == [NotificationKind.MY_ANSWER_OFFICIAL]
    assert kinds_of(asker).count(NotificationKind.OFFICIAL_ANSWER_ON_MY_QUESTION) == 1


def test_closing_as_duplicate_notifies_the_asker(asker, staff_user, ask):
    original = ask(author=staff_user, title="The original question about kettles")
    duplicate = ask(title="Kettle question again")

    qa_services.question_close_as_duplicate(question=duplicate, original=original, staff=staff_user)

    assert kinds_of(asker) == [NotificationKind.QUESTION_CLOSED_DUPLICATE]
    assert Notification.objects.get(recipient=asker).url == duplicate.get_absolute_url()


def test_promoting_an_answer_notifies_its_author_once(
    helper, staff_user, question, answer_to, knowledge_base
):
    answer = answer_to(question)

    article_promote_from_answer(answer=answer, staff=staff_user)
    article_promote_from_answer(answer=answer, staff=staff_user)

    assert kinds_of(helper) == [NotificationKind.MY_ANSWER_PROMOTED]


def test_a_forum_reply_notifies_the_topics_followers_but_not_its_writer(user_factory, start_topic):
    starter = user_factory()
    follower = user_factory()
    replier = user_factory()
    topic = start_topic(author=starter)
    services.follow_add(user=follower, target=topic)

    post = forum_services.reply_create(topic=topic, author=replier, body="Lovely!")

    assert kinds_of(starter) == [ForumKind.FOLLOWED_TOPIC_REPLY]
    assert kinds_of(follower) == [ForumKind.FOLLOWED_TOPIC_REPLY]
    assert kinds_of(replier) == []
    assert Notification.objects.filter(url=post.get_absolute_url()).count() == 2
    follow = Follow.objects.get(target_type="topic", target_id=topic.pk, user=follower)
    assert follow.last_notified_id == post.pk


def test_a_new_topic_notifies_the_boards_followers(user_factory, board, start_topic):
    follower = user_factory()
    services.follow_add(user=follower, target=board)
    starter = user_factory()

    start_topic(author=starter)

    assert kinds_of(follower) == [ForumKind.FOLLOWED_BOARD_TOPIC]
    assert kinds_of(starter) == []


def test_followers_of_a_product_and_its_tags_hear_once_of_a_new_question(
    user_factory, product, ask
):
    sizing = Tag.objects.create(name="Sizing", slug="sizing")
    both = user_factory()
    tag_only = user_factory()
    services.follow_add(user=both, target=product)
    services.follow_add(user=both, target=sizing)
    services.follow_add(user=tag_only, target=sizing)

    question = ask(product=product, tags=["Sizing"])

    assert kinds_of(both) == [NotificationKind.FOLLOWED_PRODUCT_QUESTION]
    assert kinds_of(tag_only) == [NotificationKind.FOLLOWED_TAG_QUESTION]
    assert kinds_of(question.author) == []


def test_followers_of_a_question_hear_of_new_answers(user_factory, asker, question, answer_to):
    follower = user_factory()
    services.follow_add(user=follower, target=question)
    services.follow_add(user=asker, target=question)

    answer_to(question)

    assert kinds_of(follower) == [NotificationKind.FOLLOWED_QUESTION_ANSWER]
    assert kinds_of(asker) == [NotificationKind.ANSWER_ON_MY_QUESTION]


def test_a_staff_reply_to_a_review_notifies_its_author(user_factory, staff_user, product):
    from qa.models import Review
    from qa.services import reviews as review_services

    reviewer = user_factory()
    review = Review.objects.create(
        author=reviewer, product=product, rating=4, title="Solid kettle", body="Boils fast."
    )
    review_services.review_reply_save(review=review, staff=staff_user, body="Thank you!")
    review_services.review_reply_save(review=review, staff=staff_user, body="Thanks a lot!")

    assert kinds_of(reviewer) == [NotificationKind.REVIEW_REPLY]
    assert kinds_of(staff_user) == []


def test_hiding_and_restoring_a_post_tells_its_author_each_time(
    helper, staff_user, question, answer_to
):
    answer = answer_to(question)

    moderation_services.content_hide(item=answer, staff=staff_user, reason="Off topic")
    moderation_services.content_restore(item=answer, staff=staff_user)

    decisions = Notification.objects.filter(recipient=helper).order_by("pk")
    assert [item.kind for item in decisions] == [FloorKind.MODERATION_DECISION] * 2
    assert "hidden" in decisions[0].text
    assert "Off topic" in decisions[0].text
    assert "restored" in decisions[1].text
    assert decisions[0].url == answer.get_absolute_url()


def test_resolving_reports_tells_the_reporters_once(
    user_factory, staff_user, helper, question, answer_to
):
    answer = answer_to(question)
    reporters = [user_factory(), user_factory()]
    for reporter in reporters:
        moderation_services.flag_create(flagger=reporter, target=answer, reason=FlagReason.SPAM)

    moderation_services.content_approve(item=answer, staff=staff_user)  # nothing wrong with it

    for reporter in reporters:
        assert kinds_of(reporter) == [FloorKind.MODERATION_DECISION]
    assert kinds_of(helper) == []  # the author heard nothing: their answer stayed up


def test_warnings_and_suspensions_tell_the_member(user_factory, staff_user):
    member = user_factory()

    moderation_services.user_warn(user=member, staff=staff_user, reason="Be kind.")
    moderation_services.user_suspend(user=member, staff=staff_user, days=3, reason="Spam.")

    texts = list(Notification.objects.filter(recipient=member).values_list("text", flat=True))
    assert len(texts) == 2
    assert any("Be kind." in text for text in texts)
    assert any("Spam." in text for text in texts)


def test_posts_held_for_moderation_notify_when_approved(
    asker, helper, staff_user, question, answer_to
):
    answer = answer_to(question)
    Notification.objects.all().delete()
    answer.status = ContentStatus.PENDING
    answer.save(update_fields=["status"])
    qa_notifications.answer_posted(answer)
    assert kinds_of(asker) == []

    moderation_services.content_approve(item=answer, staff=staff_user)

    assert kinds_of(asker) == [NotificationKind.ANSWER_ON_MY_QUESTION]
    assert kinds_of(helper) == [FloorKind.MODERATION_DECISION]  # "approved"


def test_inactive_members_are_not_notified(asker, question, answer_to):
    asker.is_active = False
    asker.save()

    answer_to(question)

    assert Notification.objects.count() == 0


# SECTION help requests


def test_help_requests_go_to_a_few_opted_in_buyers_spread_over_them(
    settings, user_factory, buyer_of, product, ask
):
    settings.NOTIFICATIONS_HELP_REQUESTS_PER_QUESTION = 2
    settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK = 2
    buyers = [buyer_of(product) for _ in range(3)]
    for buyer in buyers:
        _opt_in(buyer)
    not_opted_in = buyer_of(product)
    asking_buyer = buyer_of(product)
    _opt_in(asking_buyer)

    ask(author=asking_buyer, product=product, title="First question about the kettle")
    ask(author=asking_buyer, product=product, title="Second question about the kettle")
    ask(author=asking_buyer, product=product, title="Third question about the kettle")

    received = [len(kinds_of(buyer)) for buyer in buyers]
    # 3 questions × 2 buyers = 6 requests, capped at 2 per buyer: every buyer got exactly 2.
    assert received == [2, 2, 2]
    assert kinds_of(not_opted_in) == []
    assert kinds_of(asking_buyer) == []
    text = Notification.objects.filter(recipient=buyers[0]).first().text
    assert "Steel kettle" in text

    ask(author=asking_buyer, product=product, title="Fourth question about the kettle")
    assert [len(kinds_of(buyer)) for buyer in buyers] == [2, 2, 2]  # the weekly cap holds


def test_a_buyer_can_ask_for_fewer_help_requests(settings, buyer_of, product, ask, user_factory):
    settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK = 3
    buyer = buyer_of(product)
    _opt_in(buyer, per_week=1)

    ask(product=product, title="First question about the kettle")
    ask(product=product, title="Second question about the kettle")

    assert kinds_of(buyer) == [NotificationKind.HELP_REQUEST]


def _opt_in(user, *, per_week=None):
    from django.conf import settings

    services.notification_settings_save(
        user=user,
        channels={},
        email_paused=False,
        help_requests_per_week=per_week or settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK,
        mail_kinds={MailKind.HELP_REQUEST: True},
    )
