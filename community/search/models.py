"""What was searched (for the content-gaps report), what suggestions saved a question, and the
synonyms staff maintain.

Nothing here records who searched: no user, no IP address, no session key.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
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


MAX_SYNONYM_PHRASES = 12
MAX_SYNONYM_PHRASE_LENGTH = 60


def synonym_phrases(text: str) -> list[str]:
    """The phrases of a synonym group as typed (one per line or comma-separated): lower case,
    single spaces, no repeats."""
    phrases: list[str] = []
    for part in (text or "").replace("\r", "\n").replace(",", "\n").split("\n"):
        phrase = " ".join(part.lower().split())
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


class SearchSynonym(models.Model):
    """Words or phrases customers use for the same thing ("send back, return, refund"): a
    search with one of them also finds content written with the others."""

    phrases = models.TextField(
        _("phrases that mean the same"),
        help_text=_(
            "One per line or separated by commas, for example “send back, return, refund”. "
            "A search containing one of them also finds the others."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonyms")
        ordering = ["phrases"]

    def __str__(self) -> str:
        return ", ".join(self.phrase_list())

    def phrase_list(self) -> list[str]:
        return synonym_phrases(self.phrases)

    def clean(self) -> None:
        phrases = self.phrase_list()
        if len(phrases) < 2:
            raise ValidationError({"phrases": _("Give at least two phrases that mean the same.")})
        if len(phrases) > MAX_SYNONYM_PHRASES:
            raise ValidationError(
                {
                    "phrases": _("At most %(count)d phrases in one group; split it in two.")
                    % {"count": MAX_SYNONYM_PHRASES}
                }
            )
        too_long = [p for p in phrases if len(p) > MAX_SYNONYM_PHRASE_LENGTH]
        if too_long:
            raise ValidationError(
                {
                    "phrases": _("A phrase may have at most %(count)d characters: %(phrase)s")
                    % {"count": MAX_SYNONYM_PHRASE_LENGTH, "phrase": too_long[0]}
                }
            )
        self.phrases = "\n".join(phrases)


class SearchDocument(models.Model):
    """What site search matches an item against: one row per public item of a registered
    kind (an article, a question with its answers, ...), its title and text already reduced to
    stems in the item's language (text.py). Built by documents.py after each write; an item
    the public may not see has no row.

    The database's full-text index is over these columns: on SQLite an FTS5 table kept by
    triggers, on PostgreSQL a stored tsvector column with a GIN index (both made in the
    migration, not declared here).
    """

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("item"))
    language = models.CharField(_("language"), max_length=2)
    title = models.TextField(_("title stems"))
    body = models.TextField(_("text stems"), blank=True)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="sitesearch_one_document")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
