from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentStatus(models.TextChoices):
    """Where a post stands. Only PUBLISHED is public; nothing is ever removed from the database."""

    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for approval")
    HIDDEN = "hidden", _("Hidden by staff")
    DELETED = "deleted", _("Deleted by its author")


class AuditAction(models.TextChoices):
    HIDE = "hide", _("Hid")
    RESTORE = "restore", _("Restored")
    LOCK = "lock", _("Locked")
    UNLOCK = "unlock", _("Unlocked")
    CLOSE_DUPLICATE = "close_duplicate", _("Closed as duplicate")
    REOPEN = "reopen", _("Reopened")
    ACCEPT_ON_BEHALF = "accept_on_behalf", _("Accepted an answer on behalf of the asker")
    UNACCEPT_ON_BEHALF = "unaccept_on_behalf", _("Withdrew the acceptance on behalf of the asker")
    MARK_OFFICIAL = "mark_official", _("Marked the official answer")
    UNMARK_OFFICIAL = "unmark_official", _("Removed the official mark")
    PIN = "pin", _("Pinned")
    UNPIN = "unpin", _("Unpinned")
    MOVE = "move", _("Moved to another board")
    SPLIT = "split", _("Split replies into a new topic")
    MERGE = "merge", _("Merged into another topic")
    FEATURE = "feature", _("Featured")
    UNFEATURE = "unfeature", _("No longer featured")
    PROMOTE = "promote", _("Promoted an answer to an article")
    APPROVE = "approve", _("Approved a held post")
    DELETE = "delete", _("Deleted")
    DISMISS_FLAGS = "dismiss_flags", _("Dismissed the reports")
    WARN = "warn", _("Warned the member")
    SUSPEND = "suspend", _("Suspended the member")
    UNSUSPEND = "unsuspend", _("Lifted the suspension")
    ACCEPT_SUGGESTED_EDIT = "accept_suggested_edit", _("Accepted a suggested edit")
    REJECT_SUGGESTED_EDIT = "reject_suggested_edit", _("Rejected a suggested edit")
    REVIEW_REPLY_CREATE = "review_reply_create", _("Replied to a review for the shop")
    REVIEW_REPLY_EDIT = "review_reply_edit", _("Edited the shop's reply to a review")
    LABEL = "label", _("Labelled")
    UNLABEL = "unlabel", _("Removed a label")
    APPEAL_UPHOLD = "appeal_uphold", _("Upheld a decision on appeal")
    APPEAL_REVERSE = "appeal_reverse", _("Reversed a decision on appeal")
    ERASE_ACCOUNT = "erase_account", _("Erased a member's account")


class FlagReason(models.TextChoices):
    """Why a member reports a post; OTHER needs a short note."""

    SPAM = "spam", _("Spam or advertising")
    RUDE = "rude", _("Rude or abusive")
    OFF_TOPIC = "off_topic", _("Off-topic")
    WRONG_INFORMATION = "wrong_information", _("Wrong information")
    OTHER = "other", _("Something else")


class FlagResolution(models.TextChoices):
    """What staff decided about a report: the post was dealt with, or it was fine."""

    UPHELD = "upheld", _("A moderator agreed and acted")
    DECLINED = "declined", _("A moderator found nothing wrong")


# Why an item is in the moderation queue: "held for approval", or one of the flag reasons
# (taken from FlagReason, so that a new reason to report is one to filter the queue by).
QueueReason = models.TextChoices(
    "QueueReason",
    [
        ("HELD", ("held", _("Held for approval"))),
        ("NOTICE", ("notice", _("Notice of illegal content"))),
        *((reason.name, (reason.value, reason.label)) for reason in FlagReason),
    ],
    module=__name__,
)


class QueueAction(models.TextChoices):
    """A decision a moderator takes in the queue, on one item or on many at once."""

    APPROVE = "approve", _("Approve")
    HIDE = "hide", _("Hide")
    RESTORE = "restore", _("Restore")
    DELETE = "delete", _("Delete")
    WARN = "warn", _("Warn the author")
    SUSPEND = "suspend", _("Suspend the author")


class StaffLabelKind(models.TextChoices):
    """What staff may note about a post, for the shop's buyers and product managers (counted
    in Insights); members never see these labels."""

    WISH = "wish", _("Assortment wish")
    PROBLEM = "problem", _("Product problem")


class DecisionType(models.TextChoices):
    """A decision that restricts a member's content or account, and so owes them a statement
    of reasons."""

    HOLD = "hold", _("Held for approval")
    HIDE = "hide", _("Hidden")
    DELETE = "delete", _("Deleted")
    WARN = "warn", _("Warning")
    SUSPEND = "suspend", _("Suspension")


class DecisionGround(models.TextChoices):
    """The rule or law a decision relies on (the statement adds the details in free text)."""

    ILLEGAL = "illegal", _("Illegal content")
    SPAM = "spam", _("Spam or advertising (community rules)")
    RUDE = "rude", _("Rude or abusive (community rules)")
    OFF_TOPIC = "off_topic", _("Off-topic (community rules)")
    WRONG_INFORMATION = "wrong_information", _("Wrong information (community rules)")
    TRUST_RULES = "trust_rules", _("Rules for new members' posts")
    COMMUNITY_RULES = "community_rules", _("Other community rules")


# What a report's reason says about the rule a decision it led to relies on.
GROUND_OF_FLAG_REASON = {
    FlagReason.SPAM: DecisionGround.SPAM,
    FlagReason.RUDE: DecisionGround.RUDE,
    FlagReason.OFF_TOPIC: DecisionGround.OFF_TOPIC,
    FlagReason.WRONG_INFORMATION: DecisionGround.WRONG_INFORMATION,
    FlagReason.OTHER: DecisionGround.COMMUNITY_RULES,
}


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld: the decision stands")
    REVERSED = "reversed", _("Reversed: the decision was undone")


class NoticeResolution(models.TextChoices):
    """What staff decided about a notice of illegal content."""

    ACTED = "acted", _("The content was removed or hidden")
    DECLINED = "declined", _("The content stays: moderators found no reason to act")
