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
