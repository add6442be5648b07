"""The kinds of notification, how they are grouped for settings, and how they are delivered."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ANSWER_ON_MY_QUESTION = "answer_on_my_question", _("New answer to your question")
    COMMENT_ON_MY_QUESTION = "comment_on_my_question", _("New comment on your question")
    QUESTION_CLOSED_DUPLICATE = "question_closed_duplicate", _("Your question closed as duplicate")
    ANSWER_ACCEPTED_ON_MY_BEHALF = (
        "answer_accepted_on_my_behalf",
        _("An answer accepted on your behalf"),
    )
    OFFICIAL_ANSWER_ON_MY_QUESTION = (
        "official_answer_on_my_question",
        _("Official answer to your question"),
    )
    MY_ANSWER_ACCEPTED = "my_answer_accepted", _("Your answer was accepted")
    MY_ANSWER_OFFICIAL = "my_answer_official", _("Your answer was marked official")
    MY_ANSWER_PROMOTED = "my_answer_promoted", _("Your answer became an article")
    COMMENT_ON_MY_ANSWER = "comment_on_my_answer", _("New comment on your answer")
    EDIT_SUGGESTED_ON_MY_QUESTION = (
        "edit_suggested_on_my_question",
        _("An edit suggested to your question"),
    )
    EDIT_SUGGESTED_ON_MY_ANSWER = (
        "edit_suggested_on_my_answer",
        _("An edit suggested to your answer"),
    )
    MENTION = "mention", _("You were mentioned")
    FOLLOWED_QUESTION_ANSWER = "followed_question_answer", _("New answer to a followed question")
    FOLLOWED_TOPIC_REPLY = "followed_topic_reply", _("New reply in a followed topic")
    FOLLOWED_BOARD_TOPIC = "followed_board_topic", _("New topic on a followed board")
    FOLLOWED_PRODUCT_QUESTION = (
        "followed_product_question",
        _("New question about a followed product"),
    )
    FOLLOWED_TAG_QUESTION = "followed_tag_question", _("New question with a followed tag")
    REVIEW_REPLY = "review_reply", _("The shop replied to your review")
    MODERATION_DECISION = "moderation_decision", _("A moderation decision")
    HELP_REQUEST = "help_request", _("Can you help with a product you bought?")
    MY_SUGGESTED_EDIT_DECIDED = (
        "my_suggested_edit_decided",
        _("Your suggested edit was accepted or rejected"),
    )


class KindGroup(models.TextChoices):
    """What members choose the delivery for: one setting per group of related kinds."""

    MY_QUESTIONS = "my_questions", _("Answers and comments on my questions")
    MY_ANSWERS = "my_answers", _("My answers accepted, made official, promoted or commented on")
    MENTIONS = "mentions", _("Mentions of my name")
    FOLLOWING = "following", _("Questions, products, tags and topics I follow")
    REVIEWS = "reviews", _("Replies by the shop to my reviews")
    MODERATION = "moderation", _("Moderation decisions about my posts and flags")
    HELP_REQUESTS = "help_requests", _("Requests to help with products I bought")


class Channel(models.TextChoices):
    """How a notification reaches a member besides the list on the site (which always has it)."""

    ON_SITE = "on_site", _("On the site only")
    IMMEDIATE = "immediate", _("E-mail right away")
    DAILY = "daily", _("Daily digest e-mail")
    WEEKLY = "weekly", _("Weekly digest e-mail")


class FollowTarget(models.TextChoices):
    """What a member can follow here (forum topics and boards are followed in the forum)."""

    QUESTION = "question", _("question")
    PRODUCT = "product", _("product")
    TAG = "tag", _("tag")


GROUP_OF_KIND: dict[str, str] = {
    NotificationKind.ANSWER_ON_MY_QUESTION: KindGroup.MY_QUESTIONS,
    NotificationKind.COMMENT_ON_MY_QUESTION: KindGroup.MY_QUESTIONS,
    NotificationKind.QUESTION_CLOSED_DUPLICATE: KindGroup.MY_QUESTIONS,
    NotificationKind.ANSWER_ACCEPTED_ON_MY_BEHALF: KindGroup.MY_QUESTIONS,
    NotificationKind.OFFICIAL_ANSWER_ON_MY_QUESTION: KindGroup.MY_QUESTIONS,
    NotificationKind.MY_ANSWER_ACCEPTED: KindGroup.MY_ANSWERS,
    NotificationKind.MY_ANSWER_OFFICIAL: KindGroup.MY_ANSWERS,
    NotificationKind.MY_ANSWER_PROMOTED: KindGroup.MY_ANSWERS,
    NotificationKind.COMMENT_ON_MY_ANSWER: KindGroup.MY_ANSWERS,
    NotificationKind.EDIT_SUGGESTED_ON_MY_QUESTION: KindGroup.MY_QUESTIONS,
    NotificationKind.EDIT_SUGGESTED_ON_MY_ANSWER: KindGroup.MY_ANSWERS,
    NotificationKind.MENTION: KindGroup.MENTIONS,
    NotificationKind.FOLLOWED_QUESTION_ANSWER: KindGroup.FOLLOWING,
    NotificationKind.FOLLOWED_TOPIC_REPLY: KindGroup.FOLLOWING,
    NotificationKind.FOLLOWED_BOARD_TOPIC: KindGroup.FOLLOWING,
    NotificationKind.FOLLOWED_PRODUCT_QUESTION: KindGroup.FOLLOWING,
    NotificationKind.FOLLOWED_TAG_QUESTION: KindGroup.FOLLOWING,
    NotificationKind.REVIEW_REPLY: KindGroup.REVIEWS,
    NotificationKind.MODERATION_DECISION: KindGroup.MODERATION,
    NotificationKind.MY_SUGGESTED_EDIT_DECIDED: KindGroup.MODERATION,
    NotificationKind.HELP_REQUEST: KindGroup.HELP_REQUESTS,
}

# What a member gets before they change anything: what is about them at once, the rest in
# the daily digest. Help requests are opt-in (a separate switch); once on, e-mailed at once.
DEFAULT_CHANNEL: dict[str, str] = {
    KindGroup.MY_QUESTIONS: Channel.IMMEDIATE,
    KindGroup.MY_ANSWERS: Channel.IMMEDIATE,
    KindGroup.MENTIONS: Channel.DAILY,
    KindGroup.FOLLOWING: Channel.DAILY,
    KindGroup.REVIEWS: Channel.IMMEDIATE,
    KindGroup.MODERATION: Channel.IMMEDIATE,
    KindGroup.HELP_REQUESTS: Channel.IMMEDIATE,
}

DIGEST_CHANNELS = (Channel.DAILY, Channel.WEEKLY)
