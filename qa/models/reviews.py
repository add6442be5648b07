"""Product reviews by verified buyers, their helpful votes, the shop's public replies, the
per-product rating summary, and the invitations that ask buyers for a review.

The rating summary is a row per product holding the count and the per-star counts of its
published reviews, so a product page shows its summary in one query however many reviews
there are. The review services recompute it from the published reviews, inside the
transaction that changed one, with the summary row locked: it is always exact.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.common.models import EditableBody, author_link, link, member_link
from community.moderation.enums import ContentStatus
from community.moderation.models import ModeratedContent
from community.notifications.models import OwnMailState

from ..enums import StarRating


class Review(ModeratedContent, EditableBody):
    """One customer's verdict on a product they bought and received.

    A customer has at most one review of a product that is not withdrawn: withdrawing one
    (status DELETED) lets them write a new one, and the old one stays for staff.
    """

    product = link("cms.ProductPage", _("product"), related_name="reviews")
    author = author_link(_("written by"), related_name="reviews")
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        choices=StarRating.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("your review"), max_length=10_000)
    pros = models.TextField(_("pros"), max_length=1000, blank=True)
    cons = models.TextField(_("cons"), max_length=1000, blank=True)
    helpful_count = models.PositiveIntegerField(_("found helpful"), default=0)
    photo_count = models.PositiveSmallIntegerField(_("photos"), default=0)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        constraints = [
            models.UniqueConstraint(
                fields=["author", "product"],
                condition=~Q(status=ContentStatus.DELETED),
                name="qa_one_review_per_author_and_product",
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="qa_review_rating_one_to_five"
            ),
        ]
        indexes = [
            models.Index(
                fields=["product", "status", "-helpful_count"], name="qa_review_helpful_idx"
            ),
            models.Index(fields=["product", "status", "-created_at"], name="qa_review_newest_idx"),
            models.Index(fields=["product", "status", "rating"], name="qa_review_rating_idx"),
            models.Index(fields=["status", "rating", "created_at"], name="qa_review_queue_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("qa:review-detail", kwargs={"pk": self.pk})

    @property
    def pros_lines(self) -> list[str]:
        return [line.strip(" -*•") for line in self.pros.splitlines() if line.strip(" -*•")]

    @property
    def cons_lines(self) -> list[str]:
        return [line.strip(" -*•") for line in self.cons.splitlines() if line.strip(" -*•")]


class ReviewHelpfulVote(models.Model):
    """A customer found a review helpful (one mark per customer and review)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="helpful_votes")
    voter = member_link(related_name="review_helpful_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "voter"], name="qa_one_helpful_vote_per_review"
            )
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} → review {self.review_id}"


class ReviewReply(EditableBody):
    """The shop's one official, public reply to a review; staff may edit it."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="reply")
    author = author_link(_("replied by"), related_name="review_replies")
    body = models.TextField(_("reply"), max_length=5000)
    created_at = models.DateTimeField(_("replied"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply to a review")
        verbose_name_plural = _("replies to reviews")

    def __str__(self) -> str:
        return _("Reply to “%(title)s”") % {"title": self.review.title} if self.review_id else ""

    def get_absolute_url(self) -> str:
        return f"{self.review.get_absolute_url()}#reply"


class ProductRatingSummary(models.Model):
    """The published reviews of one product, counted: how many, and how many per star."""

    product = models.OneToOneField(
        "cms.ProductPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rating_summary",
    )
    review_count = models.PositiveIntegerField(default=0)
    rating_total = models.PositiveIntegerField(default=0)
    one_star = models.PositiveIntegerField(default=0)
    two_stars = models.PositiveIntegerField(default=0)
    three_stars = models.PositiveIntegerField(default=0)
    four_stars = models.PositiveIntegerField(default=0)
    five_stars = models.PositiveIntegerField(default=0)

    STAR_FIELDS = {
        1: "one_star",
        2: "two_stars",
        3: "three_stars",
        4: "four_stars",
        5: "five_stars",
    }

    class Meta:
        verbose_name = _("rating summary")
        verbose_name_plural = _("rating summaries")

    def __str__(self) -> str:
        return f"{self.product_id}: {self.review_count} reviews"

    @property
    def average(self) -> float | None:
        if not self.review_count:
            return None
        return self.rating_total / self.review_count

    def count_for(self, stars: int) -> int:
        return getattr(self, self.STAR_FIELDS[stars])


class ReviewInvitation(OwnMailState):
    """One e-mail asking a buyer to review what they bought: claimed before it is sent.

    The row is inserted first; the unique constraints make sure that only one run, of any
    number running at once, wins the insert and sends. ``sent_at`` is set once the mail
    server took the message; a failure is recorded and a later run tries again.
    """

    purchase = models.OneToOneField(
        "shop.Purchase", on_delete=models.CASCADE, related_name="review_invitation"
    )
    email = models.EmailField(_("e-mail address"))
    product = models.ForeignKey(
        "cms.ProductPage", on_delete=models.CASCADE, related_name="review_invitations"
    )

    class Meta:
        verbose_name = _("review invitation")
        constraints = [
            # Two orders of the same product bring one invitation, not two.
            models.UniqueConstraint(
                fields=["email", "product"], name="qa_one_review_invitation_per_address"
            ),
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="qa_review_invitation_email_lower_case"
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "claimed_at"], name="qa_invitation_retry_idx")]

    def __str__(self) -> str:
        return f"{self.email} · {self.product_id}"


class ReviewInvitationOptOut(models.Model):
    """An address that asked not to be invited to review again."""

    email = models.EmailField(_("e-mail address"), unique=True)
    created_at = models.DateTimeField(_("opted out"), auto_now_add=True)

    class Meta:
        verbose_name = _("review invitation opt-out")
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="qa_review_opt_out_email_lower_case"
            )
        ]

    def __str__(self) -> str:
        return self.email
