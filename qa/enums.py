from django.db import models
from django.utils.translation import gettext_lazy as _

# A question's phase (before or after buying) is shared with the knowledge base and search, so
# it is defined on the ground floor; qa's modules keep reading it from here.


class QuestionOrder(models.TextChoices):
    NEWEST = "newest", _("Newest")
    ACTIVE = "active", _("Recently active")
    VOTES = "votes", _("Most votes")
    UNANSWERED = "unanswered", _("Unanswered")


class AnsweredFilter(models.TextChoices):
    ANSWERED = "yes", _("Answered")
    UNANSWERED = "no", _("Unanswered")


class VoteValue(models.IntegerChoices):
    UP = 1, _("Up")
    DOWN = -1, _("Down")


class StarRating(models.IntegerChoices):
    """A review's rating: one star is the worst, five the best."""

    ONE = 1, _("1 star – poor")
    TWO = 2, _("2 stars – fair")
    THREE = 3, _("3 stars – average")
    FOUR = 4, _("4 stars – good")
    FIVE = 5, _("5 stars – excellent")


class ReviewOrder(models.TextChoices):
    HELPFUL = "helpful", _("Most helpful")
    NEWEST = "newest", _("Newest")
    HIGHEST = "highest", _("Highest rating")
    LOWEST = "lowest", _("Lowest rating")


class ReviewGate(models.TextChoices):
    """Whether the viewer may write a review of a product, and if not, why not."""

    SIGN_IN = "sign_in", _("Sign in to write a review")
    CAN_WRITE = "can_write", _("Write a review")
    NOT_A_BUYER = "not_a_buyer", _("Only customers who bought this product can review it")
    ALREADY_REVIEWED = "already_reviewed", _("You reviewed this product")
    CANNOT_PARTICIPATE = "cannot_participate", _("Your account cannot post at the moment")


class SuggestedEditStatus(models.TextChoices):
    """Where a suggested edit stands: waiting for a decision, applied, or turned down."""

    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class NotificationKind(models.TextChoices):
    """What members hear about questions, answers, comments, reviews and suggested edits."""

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
    FOLLOWED_QUESTION_ANSWER = "followed_question_answer", _("New answer to a followed question")
    FOLLOWED_PRODUCT_QUESTION = (
        "followed_product_question",
        _("New question about a followed product"),
    )
    FOLLOWED_TAG_QUESTION = "followed_tag_question", _("New question with a followed tag")
    REVIEW_REPLY = "review_reply", _("The shop replied to your review")
    HELP_REQUEST = "help_request", _("Can you help with a product you bought?")
    MY_SUGGESTED_EDIT_DECIDED = (
        "my_suggested_edit_decided",
        _("Your suggested edit was accepted or rejected"),
    )


class MailKind(models.TextChoices):
    """The kinds of e-mail qa sends (registered with the notifications floor): both are
    marketing-like, so they need the member's consent where the site requires it."""

    REVIEW_INVITATION = "review_invitation", _("Invitations to review products I bought")
    HELP_REQUEST = "help_request", _("Requests to help other buyers")


class NotificationGroup(models.TextChoices):
    """The groups of qa's kinds that members choose a delivery for."""

    MY_QUESTIONS = "my_questions", _("Answers and comments on my questions")
    MY_ANSWERS = "my_answers", _("My answers accepted, made official, promoted or commented on")
    REVIEWS = "reviews", _("Replies by the shop to my reviews")
