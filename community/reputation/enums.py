from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """The ground floor's own reasons for points; apps register theirs (``registry``). The
    value is the key into ``REPUTATION_POINTS``."""

    HIDDEN_AS_SPAM = "hidden_as_spam", _("Post hidden as spam")


class Privilege(models.TextChoices):
    """What a member may do once their reputation reaches the threshold set in settings."""

    SKIP_FIRST_POST_QUEUE = "skip_first_post_queue", _("Post without waiting for approval")
    VOTE_DOWN = "vote_down", _("Vote down")
    MORE_LINKS = "more_links", _("Post more links")
    CLOSE_VOTES = "close_votes", _("Vote to close duplicates")
    SUGGEST_EDITS = "suggest_edits", _("Suggest edits")
    EDIT_OTHERS = "edit_others", _("Edit others' posts")

    @property
    def description(self) -> str:
        return PRIVILEGE_DESCRIPTIONS[self]


PRIVILEGE_DESCRIPTIONS = {
    Privilege.SKIP_FIRST_POST_QUEUE: _(
        "Your posts appear at once, without waiting in the moderators' queue."
    ),
    Privilege.VOTE_DOWN: _("Vote down answers that are wrong or unhelpful."),
    Privilege.MORE_LINKS: _("Put more links in one post than a new member may."),
    Privilege.CLOSE_VOTES: _(
        "Vote to close a question as a duplicate; enough votes close it without staff."
    ),
    Privilege.SUGGEST_EDITS: _(
        "Suggest an improvement to someone else's question or answer; the author or a "
        "trusted member accepts it."
    ),
    Privilege.EDIT_OTHERS: _(
        "Edit someone else's question or answer directly; every edit is kept in its history."
    ),
}

# Privileges that come from reputation alone, never from being staff: the shop's staff do not
# change customers' words (they may still accept or reject suggestions, which is deciding).
REPUTATION_ONLY_PRIVILEGES = (Privilege.SUGGEST_EDITS, Privilege.EDIT_OTHERS)


class Badge(models.TextChoices):
    """Milestones shown on profiles and beside names. Once earned, a badge stays."""

    FIRST_ANSWER = "first_answer", _("First answer")
    FIRST_ACCEPTED_ANSWER = "first_accepted_answer", _("First accepted answer")
    HELPFUL_REVIEWER = "helpful_reviewer", _("Helpful reviewer")
    PRODUCT_EXPERT = "product_expert", _("Product expert")
    PROMOTED_TO_ARTICLE = "promoted_to_article", _("Promoted to article")

    @property
    def description(self) -> str:
        return BADGE_DESCRIPTIONS[self]


BADGE_DESCRIPTIONS = {
    Badge.FIRST_ANSWER: _("Answered a question for the first time."),
    Badge.FIRST_ACCEPTED_ANSWER: _("Wrote an answer that the asker accepted."),
    Badge.HELPFUL_REVIEWER: _("Reviews that others marked helpful many times."),
    Badge.PRODUCT_EXPERT: _("Answered many questions about one product."),
    Badge.PROMOTED_TO_ARTICLE: _("An answer became an article in the knowledge base."),
}


class LeaderboardPeriod(models.TextChoices):
    MONTH = "month", _("This month")
    ALL_TIME = "all", _("All time")
