"""Who may do what with product reviews. Each check raises when refused.

PermissionDenied carries a message the user sees; Http404 hides what they may not know of.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from community.accounts.permissions import (
    check_can_participate,
    check_is_community_staff,
)
from community.moderation import authorship
from community.moderation.enums import ContentStatus
from shop.selectors import user_bought_product

from ..enums import ReviewGate
from ..models import Review

# Reviews follow the usual rule: published ones are public, others only their author and
# staff see (Http404 for anyone else).
can_see_review = authorship.published_or_own
check_can_view_review = authorship.check_published_or_own


_UNKNOWN = object()


def review_gate(user, product, *, bought: bool | None = None, own_review=_UNKNOWN) -> ReviewGate:
    """Whether ``user`` may write a review of ``product`` now, and if not, why.

    ``bought`` and ``own_review`` (their review that is not withdrawn, or None) may be passed
    when the caller already knows them (the product page does), to spare the queries.
    """
    if not user.is_authenticated:
        return ReviewGate.SIGN_IN
    try:
        check_can_participate(user)
    except PermissionDenied:
        return ReviewGate.CANNOT_PARTICIPATE
    if bought is None:
        bought = user_bought_product(user=user, product=product)
    if not bought:
        return ReviewGate.NOT_A_BUYER
    if own_review is _UNKNOWN:
        own_review = (
            Review.objects.filter(author=user, product=product)
            .exclude(status=ContentStatus.DELETED)
            .first()
        )
    if own_review is not None:
        return ReviewGate.ALREADY_REVIEWED
    return ReviewGate.CAN_WRITE


def gate_refusal(gate: ReviewGate, *, user=None) -> str:
    """The reason a customer sees instead of the review form (a suspended ``user`` reads why
    and until when)."""
    if gate == ReviewGate.CANNOT_PARTICIPATE and user is not None:
        try:
            check_can_participate(user)
        except PermissionDenied as refusal:
            return str(refusal)
    if gate == ReviewGate.ALREADY_REVIEWED:
        return _("You already reviewed this product; you can edit your review.")
    return str(gate.label)


def check_can_review(user, product) -> None:
    """Only a verified buyer of a delivered purchase, once per product (until withdrawn)."""
    check_can_participate(user)
    gate = review_gate(user, product)
    if gate != ReviewGate.CAN_WRITE:
        raise PermissionDenied(gate_refusal(gate))


def check_can_edit_review(user, review: Review) -> None:
    """Only the author edits a review: staff reply or hide, they never change its words."""
    authorship.check_own_post(
        user, review, not_yours=_("Only the person who wrote a review can change it.")
    )
    if review.status == ContentStatus.HIDDEN:
        raise PermissionDenied(
            _(
                "Staff hid this review; it cannot be edited. "
                "You can withdraw it and write a new one."
            )
        )
    if review.status == ContentStatus.DELETED:
        raise PermissionDenied(_("You withdrew this review."))


def check_can_withdraw_review(user, review: Review) -> None:
    authorship.check_own_post(
        user, review, not_yours=_("Only the person who wrote a review can withdraw it.")
    )
    if review.status == ContentStatus.DELETED:
        raise PermissionDenied(_("You withdrew this review already."))


def check_can_mark_helpful(user, review: Review) -> None:
    check_can_participate(user)
    check_can_view_review(user, review)
    if review.status != ContentStatus.PUBLISHED:
        raise PermissionDenied(_("Only public reviews can be marked helpful."))
    if review.author_id == user.pk:
        raise PermissionDenied(_("You cannot mark your own review as helpful."))


def check_can_reply_to_review(user, review: Review) -> None:
    check_is_community_staff(user)
    if review.status == ContentStatus.DELETED:
        raise PermissionDenied(_("The author withdrew this review; it takes no reply."))
