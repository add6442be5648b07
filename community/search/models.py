"""What was searched (for the content-gaps report) and what suggestions saved a question.

Nothing here records who searched: no user, no IP address, no session key.
"""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchQueryLog(models.Model):
    """Searches for one normalised query on one day: how often, how many results, how many
    opened a result. Staff mark a query handled once content answers it."""

    query = models.CharField(_("query"), max_length=200)
    day = models.DateField(_("day"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    result_count = models.PositiveIntegerField(_("results"), default=0)
    clicks = models.PositiveIntegerField(_("results opened"), default=0)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("search query")
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="sitesearch_one_row_per_day")
        ]
        indexes = [models.Index(fields=["day", "handled"], name="sitesearch_log_day_idx")]

    def __str__(self) -> str:
        return f"{self.query} ({self.day})"


# A suggestion opened from the ask form counts as self-service unless the same visitor
# posts a question within this time.
DEFLECTION_GRACE = timedelta(minutes=30)


class DeflectionEvent(models.Model):
    """A suggestion opened from the ask form. It counts as a question answered by self-service
    unless the same visitor posts a question within the grace period (``asked_anyway``)."""

    query = models.CharField(_("typed title"), max_length=200)
    target_url = models.CharField(_("opened"), max_length=300)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    asked_anyway = models.BooleanField(_("asked anyway"), default=False)

    class Meta:
        verbose_name = _("deflection")

    def __str__(self) -> str:
        return f"{self.query} → {self.target_url}"
