from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from community.common.models import (
    NewestFirst,
    link,
    member_link,
    optional_link,
    unique_where_set,
)

from .enums import Badge
from .registry import event_kind_label


class ReputationEvent(NewestFirst):
    """Points one member received or lost, and why. A member's reputation is the sum of the
    points of their events that are not reversed; reversed events stay for the record."""

    user = member_link(_("member"), related_name="reputation_events")
    # A kind an app registered (``registry.register_event_kinds``); its label is ``label``.
    kind = models.CharField(_("event"), max_length=24)
    # Votes and helpful marks count once per member who gave them; the other kinds once per
    # item. Stored with the event, so that the database can hold both rules.
    per_actor = models.BooleanField(_("once per member who gave it"), default=False)
    points = models.IntegerField(_("points"))
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    # The product the question or review is about, for the per-product leaderboard.
    product = optional_link("cms.ProductPage", _("product"))
    actor = optional_link(settings.AUTH_USER_MODEL, _("given by"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    reversed_at = models.DateTimeField(_("reversed"), null=True, blank=True)

    class Meta(NewestFirst.Meta):
        verbose_name = _("reputation event")
        verbose_name_plural = _("reputation events")
        constraints = [
            # No double points: one active vote event per voter and item ...
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "actor"],
                condition=Q(reversed_at__isnull=True, per_actor=True),
                name="reputation_event_once_per_actor",
            ),
            # ... and one active accept, official mark, promotion or spam penalty per item.
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id"],
                condition=Q(reversed_at__isnull=True, per_actor=False),
                name="reputation_event_once_per_item",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="reputation_user_idx"),
            models.Index(fields=["created_at"], name="reputation_created_idx"),
            models.Index(fields=["product", "created_at"], name="reputation_product_idx"),
            models.Index(fields=["source_type", "source_id"], name="reputation_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.points:+d} ({self.label})"

    @property
    def label(self) -> str:
        """Why the points moved, as the app that registered the kind words it."""
        return event_kind_label(self.kind)


class CloseVote(models.Model):
    """A member's vote to close ``question`` as a duplicate of ``original``; enough votes for
    the same original close it. The votes that closed a question stay as the record."""

    question = link("qa.Question", _("question"), related_name="close_votes")
    original = link("qa.Question", _("duplicate of"))
    voter = member_link(_("voter"), related_name="close_votes")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("close vote")
        verbose_name_plural = _("close votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "voter"], name="reputation_close_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.voter}: {self.question_id} → {self.original_id}"


class UserBadge(models.Model):
    """A badge a member earned; per product for the product badge."""

    user = member_link(_("member"), related_name="badges")
    badge = models.CharField(_("badge"), max_length=24, choices=Badge.choices)
    product = link("cms.ProductPage", _("product"), null=True, blank=True)
    awarded_at = models.DateTimeField(_("awarded"), auto_now_add=True)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["-awarded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "badge"],
                condition=Q(product__isnull=True),
                name="reputation_badge_once",
            ),
            unique_where_set("user", "badge", "product", name="reputation_badge_once_per_product"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_badge_display()}"

    @property
    def description(self) -> str:
        return Badge(self.badge).description
