from django.db import models
from django.utils.translation import gettext_lazy as _

# A question's phase (before or after buying) is shared with the knowledge base and search, so
# it is defined on the ground floor; qa's modules keep reading it from here.
from community.common.buying_phase import Phase  # noqa: F401 - re-exported


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
