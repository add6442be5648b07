"""Reads for product reviews: lists with their photos and buyer months in a fixed number of
queries, the product's rating summary, the product page's review block and the staff queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import QuerySet

from cms.translation import title_in_reader_language
from community.accounts.models import User
from community.moderation.enums import ContentStatus
from community.photos.models import Photo
from community.photos.selectors import photos_for
from shop.selectors import first_delivery_to

from ..enums import ReviewGate, ReviewOrder
from ..models import ProductRatingSummary, Review, ReviewHelpfulVote
from ..permissions import review_gate

INVITATION_SALT = "qa.review-invitation"
OPT_OUT_SALT = "qa.review-invitation-opt-out"

_ORDERINGS = {
    ReviewOrder.HELPFUL: ("-helpful_count", "-created_at", "-pk"),
    ReviewOrder.NEWEST: ("-created_at", "-pk"),
    ReviewOrder.HIGHEST: ("-rating", "-helpful_count", "-created_at", "-pk"),
    ReviewOrder.LOWEST: ("rating", "-helpful_count", "-created_at", "-pk"),
}


def _with_card_relations(reviews: QuerySet[Review]) -> QuerySet[Review]:
    """What a review card shows, joined: author, the shop's reply and its author, and the
    month the author first received the product (``buyer_since``, for the badge), and the
    product's title in the reader's language (``product_title``)."""
    return (
        reviews.select_related("author", "reply__author", "product")
        .defer(*User.private_fields_of("author", "reply__author"))
        .annotate(
            buyer_since=first_delivery_to(user_ref="author_id", product_ref="product_id"),
            product_title=title_in_reader_language("product"),
        )
    )


def review_list(
    *,
    product,
    order: str = ReviewOrder.HELPFUL,
    stars: int | None = None,
    with_photos: bool = False,
) -> QuerySet[Review]:
    """A product's published reviews in the chosen order, filtered by stars and photos."""
    reviews = Review.objects.filter(product=product, status=ContentStatus.PUBLISHED)
    if stars:
        reviews = reviews.filter(rating=stars)
    if with_photos:
        reviews = reviews.filter(photo_count__gt=0)
    return _with_card_relations(reviews).order_by(*_ORDERINGS[ReviewOrder(order)])


def review_get(pk: int) -> Review:
    """One review with what its card shows; raises Review.DoesNotExist."""
    return _with_card_relations(Review.objects.all()).get(pk=pk)


def own_review(*, user, product) -> Review | None:
    """The user's review of the product that is not withdrawn (published, pending or hidden)."""
    if not user.is_authenticated:
        return None
    return (
        _with_card_relations(Review.objects.filter(author=user, product=product))
        .exclude(status=ContentStatus.DELETED)
        .first()
    )


def review_cards(reviews: list[Review], *, viewer) -> list[Review]:
    """Give each review its ``photos`` and whether ``viewer`` marked it helpful
    (``marked_helpful``): two queries for any number of reviews."""
    photos = photos_for(Review, [review.pk for review in reviews])
    for review in reviews:
        review.photos = photos.get(review.pk, [])
    return _marked_helpful(reviews, viewer=viewer)


def _marked_helpful(reviews: list[Review], *, viewer, marked=None) -> list[Review]:
    ids = [review.pk for review in reviews]
    if marked is not None:
        marked = set(marked)
    elif viewer.is_authenticated and ids:
        marked = set(
            ReviewHelpfulVote.objects.filter(voter=viewer, review_id__in=ids).values_list(
                "review_id", flat=True
            )
        )
    else:
        marked = set()
    for review in reviews:
        review.marked_helpful = review.pk in marked
    return reviews


@dataclass(frozen=True)
class StarShare:
    """One bar of the rating distribution."""

    stars: int
    count: int
    percent: int


@dataclass(frozen=True)
class RatingSummary:
    review_count: int
    average: float | None
    distribution: list[StarShare] = field(default_factory=list)

    @property
    def rounded_average(self) -> int:
        """The average to the nearest whole star, for drawing stars."""
        return int((self.average or 0) + 0.5)


def rating_summary(*, product) -> RatingSummary:
    """The product's average, count and bar per star (five to one), from its summary row."""
    row = ProductRatingSummary.objects.filter(product=product).first()
    row = row or ProductRatingSummary(product_id=product.pk)
    distribution = [
        StarShare(
            stars=stars,
            count=row.count_for(stars),
            percent=round(100 * row.count_for(stars) / row.review_count) if row.review_count else 0,
        )
        for stars in (5, 4, 3, 2, 1)
    ]
    return RatingSummary(
        review_count=row.review_count, average=row.average, distribution=distribution
    )


def review_photos_for_product(*, product, limit: int = 8) -> list[Photo]:
    """The latest photos from the product's published reviews, for a gallery (one query)."""
    published = Review.objects.filter(product=product, status=ContentStatus.PUBLISHED).values("pk")
    return list(
        Photo.objects.filter(
            target_type=ContentType.objects.get_for_model(Review), target_id__in=published
        ).order_by("-created_at", "-pk")[:limit]
    )


def top_public_reviews(product, *, limit: int) -> tuple[RatingSummary, list[Review]]:
    """The product's rating summary and its most helpful published reviews: the same for
    every reader."""
    summary = rating_summary(product=product)
    if not summary.review_count:
        return summary, []
    return summary, list(review_list(product=product, order=ReviewOrder.HELPFUL)[:limit])


@dataclass(frozen=True)
class ProductReviews:
    """Everything the product page shows about reviews."""

    summary: RatingSummary
    top_reviews: list[Review]  # each with ``photos``, read when a template shows them
    photos: Callable[[], list[Photo]]  # read when a template shows them
    gate: ReviewGate
    own_review: Review | None


def product_reviews(
    *,
    product,
    viewer,
    bought: bool,
    limit: int = 3,
    public_reviews=None,
    marked_helpful=None,
    has_own_review: bool | None = None,
) -> ProductReviews:
    """The product page's review block in a fixed number of queries however many reviews
    there are. ``bought``: whether the viewer is a verified buyer (the page knows it). The
    photos are read when the page shows them: not when a member is served its kept copy.
    ``public_reviews``, when given, returns ``top_public_reviews(product, limit=limit)``
    (kept by the caller): two queries fewer. ``marked_helpful``, when given, holds the ids of
    the product's reviews the viewer marked helpful (the page read them with its marks): one
    query fewer. ``has_own_review`` False: the page knows the viewer has no review of the
    product that is not withdrawn (a buyer's review is read only when they have one)."""
    if public_reviews is None:
        summary, top_reviews = top_public_reviews(product, limit=limit)
    else:
        summary, top_reviews = public_reviews()
    top_reviews = _marked_helpful(top_reviews, viewer=viewer, marked=marked_helpful)
    review_photos = cache(lambda: photos_for(Review, [review.pk for review in top_reviews]))
    for review in top_reviews:
        review.photos = partial(lambda pk: review_photos().get(pk, []), review.pk)
    mine = None
    if bought and has_own_review is not False:
        mine = own_review(user=viewer, product=product)
    return ProductReviews(
        summary=summary,
        top_reviews=top_reviews,
        photos=cache(
            lambda: review_photos_for_product(product=product) if summary.review_count else []
        ),
        gate=review_gate(viewer, product, bought=bought, own_review=mine),
        own_review=mine,
    )


def helpful_votes_on_product(*, viewer: int, product: int) -> QuerySet[ReviewHelpfulVote]:
    """A member's (by id) helpful votes on a product's (by id) reviews."""
    return ReviewHelpfulVote.objects.filter(voter_id=viewer, review__product_id=product)


def own_reviews_of_product(*, user: int, product: int) -> QuerySet[Review]:
    """A member's (by id) reviews of a product (by id) that are not withdrawn, as
    ``own_review`` finds them."""
    return Review.objects.filter(author_id=user, product_id=product).exclude(
        status=ContentStatus.DELETED
    )


def reviews_awaiting_reply() -> QuerySet[Review]:
    """The staff queue: published reviews the shop has not replied to, lowest rating first,
    oldest first within a rating; the product's title in the reader's language."""
    return (
        Review.objects.filter(status=ContentStatus.PUBLISHED, reply__isnull=True)
        .select_related("author", "product")
        .annotate(product_title=title_in_reader_language("product"))
        .order_by("rating", "created_at", "pk")
    )


@dataclass(frozen=True)
class InvitationLink:
    """What an invitation link says: the product, and whether the link is too old."""

    product_id: int | None
    expired: bool


def review_invitation_link(token: str) -> InvitationLink:
    """Read an invitation link's token. A tampered token gives no product."""
    signer = signing.TimestampSigner(salt=INVITATION_SALT)
    max_age = settings.REVIEW_INVITATION_LINK_MAX_AGE_DAYS * 86400
    try:
        content = signer.unsign_object(token, max_age=max_age)
        expired = False
    except signing.SignatureExpired:
        # The signature is ours, only old: the product it names can still be trusted.
        content = signer.unsign_object(token)
        expired = True
    except signing.BadSignature:
        return InvitationLink(product_id=None, expired=False)
    product_id = content.get("product") if isinstance(content, dict) else None
    if not isinstance(product_id, int):
        product_id = None
    return InvitationLink(product_id=product_id, expired=expired)


def review_opt_out_address(token: str) -> str | None:
    """The address an opt-out link is for, or None when the link was tampered with."""
    try:
        content = signing.Signer(salt=OPT_OUT_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    email = content.get("email") if isinstance(content, dict) else None
    return email if isinstance(email, str) and email else None
