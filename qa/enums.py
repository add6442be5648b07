from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    """Whether a question is about choosing a product or using one already bought."""

    BEFORE_PURCHASE = "before", _("Before buying")
    AFTER_PURCHASE = "after", _("After buying")


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
