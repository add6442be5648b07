"""Every change to product reviews goes through these functions: writing, editing and
withdrawing a review, marking one helpful, the shop's reply, hiding and restoring. The
e-mails that invite buyers to write one are in ``invitations``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.accounts.models import User
from community.common.markup import render_markup
from community.common.models import full_clean_in_hand, save_checked
from community.common.transactions import save_once, write_transaction
from community.common.uploads import ImageUpload
from community.moderation.enums import AuditAction, ContentStatus
from community.moderation.services import (
    admitted_post,
    audit_record,
    content_admitted,
    content_delete_by_author,
    edit_admit,
)
from community.moderation.trust import PreparedPost, check_vote_rate, post_prepare
from community.notifications.events import content_posted
from community.photos.rules import PhotoRules
from community.photos.services import (
    PreparedPhoto,
    photos_count,
    photos_remove,
)
from community.reputation.services import reputation_reverse
from community.revisions.services import revision_record

from .. import notifications as qa_notifications
from .. import permissions
from .. import webhooks as qa_webhooks
from ..models import ProductRatingSummary, Review, ReviewHelpfulVote, ReviewReply
from ..reputation import QaEventKind, author_earns, badges_for_helpful_marks

# SECTION writing reviews


def review_create(
    *,
    author: User,
    product,
    rating: int,
    title: str,
    body: str,
    pros: str = "",
    cons: str = "",
    photos: Sequence[ImageUpload] = (),
) -> Review:
    """A verified buyer's review of a product; it counts in the product's rating at once."""
    permissions.check_can_review(author, product)
    prepared = post_prepare(author=author, kind="review", body=body)
    with REVIEW_PHOTOS.prepared(author, photos) as stored_photos:
        return _review_store(
            author=author,
            product=product,
            prepared=prepared,
            photos=stored_photos,
            **_review_fields(rating=rating, title=title, pros=pros, cons=cons),
        )


def _review_fields(*, rating: int, title: str, pros: str, cons: str) -> dict:
    """A review's fields besides its text, tidied as they are stored."""
    return {
        "rating": rating,
        "title": " ".join(title.split()),
        "pros": pros.strip(),
        "cons": cons.strip(),
    }


@write_transaction
def _review_store(
    *,
    author: User,
    product,
    prepared: PreparedPost,
    photos: Sequence[PreparedPhoto],
    **fields,
) -> Review:
    review = admitted_post(Review, author=author, prepared=prepared, product=product, **fields)
    if not save_once(review):
        # The same customer's other tab saved a review a moment earlier.
        raise PermissionDenied(permissions.gate_refusal(permissions.review_gate(author, product)))
    content_admitted(item=review)
    _photos_attach(review=review, owner=author, photos=photos)
    revision_record(item=review, editor=author, title=review.title, body=_revision_text(review))
    rating_summary_refresh(product_id=product.pk)
    content_posted(review)
    return review


def review_edit(
    *,
    review: Review,
    editor: User,
    rating: int,
    title: str,
    body: str,
    pros: str,
    cons: str,
    photos: Sequence[ImageUpload] = (),
    remove_photo_ids: Sequence[int] = (),
    summary: str = "",
) -> Review:
    """The author changes their review; every version is kept and the rating recounted. An
    edit the trust rules hold sends the review back to the queue. An edit states every field
    of the review as it is to be (a field left out would otherwise be emptied unasked)."""
    permissions.check_can_edit_review(editor, review)
    prepared = post_prepare(author=editor, kind="review", body=body, editing=review)
    with REVIEW_PHOTOS.prepared(editor, photos) as stored_photos:
        return _review_edit_store(
            review=review,
            editor=editor,
            prepared=prepared,
            photos=stored_photos,
            remove_photo_ids=remove_photo_ids,
            summary=summary,
            **_review_fields(rating=rating, title=title, pros=pros, cons=cons),
        )


@write_transaction
def _review_edit_store(
    *,
    review: Review,
    editor: User,
    prepared: PreparedPost,
    photos: Sequence[PreparedPhoto],
    remove_photo_ids: Sequence[int],
    summary: str,
    **fields,
) -> Review:
    before = (review.title, _revision_text(review))
    for name, value in fields.items():  # rating, title, pros, cons
        setattr(review, name, value)
    review.body = prepared.body
    review.body_rendered = prepared.html
    if remove_photo_ids:
        photos_remove(target=review, photo_ids=remove_photo_ids)
    _photos_attach(review=review, owner=editor, photos=photos)
    changed = (review.title, _revision_text(review)) != before
    if changed:
        review.edited_at = timezone.now()
    full_clean_in_hand(review, validate_constraints=False)
    review.save()
    if changed:
        revision_record(
            item=review,
            editor=editor,
            title=review.title,
            body=_revision_text(review),
            summary=summary,
        )
        edit_admit(item=review, prepared=prepared)
    rating_summary_refresh(product_id=review.product_id)
    return review


@transaction.atomic
def review_withdraw(*, review: Review, user: User) -> Review:
    """The author takes their review back; they may then write a new one."""
    permissions.check_can_withdraw_review(user, review)
    content_delete_by_author(item=review, author=user)
    rating_summary_refresh(product_id=review.product_id)
    return review


def _revision_text(review: Review) -> str:
    """A review as one text for its history, so changes to rating, pros and cons show too."""
    parts = [_("Rating: %(stars)s of 5") % {"stars": review.rating}, review.body]
    if review.pros:
        parts.append(_("Pros:") + "\n" + review.pros)
    if review.cons:
        parts.append(_("Cons:") + "\n" + review.cons)
    return "\n\n".join(parts)


REVIEW_PHOTOS = PhotoRules(
    limit_setting="REVIEW_MAX_PHOTOS",
    too_many=gettext_lazy("A review can carry at most %(count)s photos."),
)


def _photos_attach(*, review: Review, owner: User, photos: Sequence[PreparedPhoto]) -> None:
    """Attach the stored photos through the site's one attach function and recount them."""
    REVIEW_PHOTOS.attach(target=review, owner=owner, photos=photos)
    review.photo_count = photos_count(review)
    if review.pk:
        Review.objects.filter(pk=review.pk).update(photo_count=review.photo_count)


# SECTION the rating summary


def rating_summary_refresh(*, product_id: int) -> ProductRatingSummary:
    """Count the product's published reviews again, with its summary row locked.

    Called inside every transaction that publishes, changes or unpublishes a review. Locking
    the row first makes concurrent changes wait for each other, so the count read after the
    lock includes every committed change: the summary is always exact.
    """
    with transaction.atomic():
        ProductRatingSummary.objects.get_or_create(product_id=product_id)
        summary = ProductRatingSummary.objects.select_for_update().get(product_id=product_id)
        per_star = dict(
            Review.objects.filter(product_id=product_id, status=ContentStatus.PUBLISHED)
            .order_by()
            .values_list("rating")
            .annotate(count=Count("pk"))
        )
        for stars, field in ProductRatingSummary.STAR_FIELDS.items():
            setattr(summary, field, per_star.get(stars, 0))
        summary.review_count = sum(per_star.values())
        summary.rating_total = sum(stars * count for stars, count in per_star.items())
        save_checked(summary)
    return summary


# SECTION helpful votes


def review_helpful_toggle(*, review: Review, voter: User) -> tuple[bool, int]:
    """Mark the review helpful for ``voter``, or take the mark back if they had set it.

    Returns whether it is marked now and the new count. A unique constraint allows one mark
    per voter and the count moves in one UPDATE, so double clicks and concurrent voters are
    counted exactly.
    """
    permissions.check_can_mark_helpful(voter, review)
    check_vote_rate(voter)  # a helpful mark is a vote: the same limit per member
    for attempt in range(2):
        try:
            with transaction.atomic():
                existing = (
                    ReviewHelpfulVote.objects.select_for_update()
                    .filter(review=review, voter=voter)
                    .first()
                )
                if existing:
                    existing.delete()
                    Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") - 1)
                    marked = False
                else:
                    ReviewHelpfulVote.objects.create(review=review, voter=voter)
                    Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
                    marked = True
                if marked:
                    author_earns(
                        QaEventKind.REVIEW_HELPFUL,
                        review,
                        actor=voter,
                        product_id=review.product_id,
                    )
                    badges_for_helpful_marks(author=review.author)
                else:
                    reputation_reverse(kind=QaEventKind.REVIEW_HELPFUL, source=review, actor=voter)
                break
        except IntegrityError:
            # Another request by the same voter inserted first: read it again.
            if attempt:
                raise
    count = Review.objects.values_list("helpful_count", flat=True).get(pk=review.pk)
    review.helpful_count = count
    return marked, count


# SECTION staff


def review_reply_save(*, review: Review, staff: User, body: str) -> ReviewReply:
    """The shop's public reply to a review: written once, edited afterwards, each version kept."""
    permissions.check_can_reply_to_review(staff, review)
    return _reply_store(review=review, staff=staff, body=body, html=render_markup(body))


@write_transaction
def _reply_store(*, review: Review, staff: User, body: str, html: str) -> ReviewReply:
    reply = ReviewReply.objects.select_for_update().filter(review=review).first()
    is_new = reply is None
    if reply is None:
        reply = ReviewReply(review=review, author=staff)
    elif reply.body == body:
        return reply
    else:
        reply.edited_at = timezone.now()
        # The name under the reply is whoever answers for the shop now.
        reply.author = staff
    reply.body = body
    reply.body_rendered = html
    full_clean_in_hand(reply)
    reply.save()
    revision_record(item=reply, editor=staff, body=body)
    audit_record(
        actor=staff,
        action=AuditAction.REVIEW_REPLY_CREATE if is_new else AuditAction.REVIEW_REPLY_EDIT,
        target=reply,
    )
    qa_notifications.review_replied(reply)
    qa_webhooks.review_replied(reply, is_new=is_new)
    return reply


def review_status_changed(*, item: Review, previous: str) -> None:
    """Moderation changed a review's status: the product's rating counts published reviews
    only."""
    rating_summary_refresh(product_id=item.product_id)


def review_restore_refusal(review: Review) -> str:
    """Why staff cannot bring ``review`` back ("" when they can): its author has written a
    newer one of the same product since, and only one can be public."""
    newer = (
        Review.objects.filter(author_id=review.author_id, product_id=review.product_id)
        .exclude(status=ContentStatus.DELETED)
        .exclude(pk=review.pk)
    )
    if newer.exists():
        return _("The author has written a newer review of this product; only one can be public.")
    return ""
