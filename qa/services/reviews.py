"""Every change to product reviews goes through these functions: writing, editing and
withdrawing a review, marking one helpful, the shop's reply, hiding and restoring, and the
e-mails that invite buyers to write one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.accounts.models import User
from community.common.markup import render_markup
from community.common.models import full_clean_in_hand
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
from community.notifications.mail import (
    Letter,
    MailRun,
    Outbox,
    Outcome,
    deliver,
    recipient_language,
)
from community.notifications.services import mail_preference_set
from community.photos.rules import PhotoRules
from community.photos.services import (
    PreparedPhoto,
    photos_count,
    photos_remove,
)
from community.reputation.services import reputation_reverse
from community.revisions.services import revision_record
from shop.models import Purchase

from .. import notifications as qa_notifications
from .. import permissions
from .. import webhooks as qa_webhooks
from ..enums import MailKind
from ..models import (
    ProductRatingSummary,
    Review,
    ReviewHelpfulVote,
    ReviewInvitation,
    ReviewInvitationOptOut,
    ReviewReply,
)
from ..reputation import QaEventKind, author_earns, badges_for_helpful_marks
from ..selectors.reviews import INVITATION_SALT, OPT_OUT_SALT

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
    pros: str = "",
    cons: str = "",
    photos: Sequence[ImageUpload] = (),
    remove_photo_ids: Sequence[int] = (),
    summary: str = "",
) -> Review:
    """The author changes their review; every version is kept and the rating recounted. An
    edit the trust rules hold sends the review back to the queue."""
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
        summary.full_clean()
        summary.save()
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


# SECTION invitations


def review_invitation_token(*, invitation: ReviewInvitation) -> str:
    """The signed part of the invitation link: which product to review. It expires."""
    return signing.TimestampSigner(salt=INVITATION_SALT).sign_object(
        {"product": invitation.product_id, "invitation": invitation.pk}
    )


def review_opt_out_token(*, email: str) -> str:
    """The signed part of the opt-out link; it does not expire, so old e-mails keep working."""
    return signing.Signer(salt=OPT_OUT_SALT).sign_object({"email": email.lower()})


def review_invitation_opt_out(*, email: str) -> ReviewInvitationOptOut:
    """Never invite this address to review again (asking twice is harmless); a member with
    this address sees review invitations switched off in their preference centre too."""
    email = email.strip().lower()
    member = _member_with_address(email)
    if member is not None:
        mail_preference_set(user=member, kind=MailKind.REVIEW_INVITATION, enabled=False)
    opt_out = ReviewInvitationOptOut.objects.filter(email=email).first()
    if opt_out:
        return opt_out
    try:
        with transaction.atomic():
            opt_out = ReviewInvitationOptOut(email=email)
            opt_out.full_clean(validate_unique=False)
            opt_out.save()
    except IntegrityError:  # the same click, twice at once
        opt_out = ReviewInvitationOptOut.objects.get(email=email)
    return opt_out


# An invitation keeps its claim on its own row: inserting the row is the first claim, and a
# failure is recorded there. REVIEW_INVITATION_MAX_ATTEMPTS limits the tries.
INVITATION_OUTBOX = Outbox.on_own_row(
    ReviewInvitation, max_attempts_setting="REVIEW_INVITATION_MAX_ATTEMPTS"
)


def review_invitations_send_due(*, now=None) -> MailRun:
    """E-mail every buyer whose delivery is due for a review invitation, once per purchase.

    Safe to run repeatedly and concurrently: each invitation is claimed by inserting its row
    (unique per purchase, and per address and product) before the e-mail goes out, so of two
    overlapping runs only the one whose insert succeeds sends. Failures, and claims of runs
    that died mid-send, are tried again by later runs through the one mail path, up to
    REVIEW_INVITATION_MAX_ATTEMPTS times.
    """
    now = now or timezone.now()
    run = MailRun()
    for purchase in _purchases_due(now):
        if purchase.opted_out or purchase.already_reviewed:
            run = run.counted(Outcome.SKIPPED)
            continue
        try:
            with transaction.atomic():
                invitation = ReviewInvitation(
                    purchase=purchase,
                    email=purchase.email,
                    product_id=purchase.product_id,
                    claimed_at=timezone.now(),
                )
                invitation.save()
        except IntegrityError:
            # Another run claimed it, or this address was invited already.
            run = run.counted(Outcome.SKIPPED)
            continue
        run = run.counted(_invitation_send(invitation, product=purchase.product))
    for invitation in _invitations_to_retry(now):
        if invitation.opted_out or invitation.already_reviewed:
            run = run.counted(Outcome.SKIPPED)
            continue
        if not INVITATION_OUTBOX.claim(ReviewInvitation.objects.filter(pk=invitation.pk), now=now):
            run = run.counted(Outcome.SKIPPED)  # another run is retrying it
            continue
        run = run.counted(_invitation_send(invitation, product=invitation.product))
    return run


def _reviewed_by_address(email_ref: str, product_ref: str) -> Exists:
    """Whether an account with the address in ``email_ref`` reviewed the product (at all)."""
    accounts = (
        EmailAddress.objects.filter(verified=True)
        .annotate(address=Lower("email"))
        .filter(address=OuterRef(OuterRef(email_ref)))
        .values("user")
    )
    return Exists(Review.objects.filter(product=OuterRef(product_ref), author__in=accounts))


def _purchases_due(now):
    delivered_before = now - timedelta(days=settings.REVIEW_INVITATION_DELAY_DAYS)
    delivered_after = now - timedelta(days=settings.REVIEW_INVITATION_MAX_AGE_DAYS)
    return (
        Purchase.objects.filter(
            delivered_at__lte=delivered_before,
            delivered_at__gte=delivered_after,
            product__isnull=False,
            product__live=True,
            review_invitation__isnull=True,
        )
        .exclude(
            Exists(
                ReviewInvitation.objects.filter(
                    email=OuterRef("email"), product=OuterRef("product")
                )
            )
        )
        .annotate(
            opted_out=Exists(ReviewInvitationOptOut.objects.filter(email=OuterRef("email"))),
            already_reviewed=_reviewed_by_address("email", "product"),
        )
        .select_related("product")
        .order_by("delivered_at", "pk")
    )


def _invitations_to_retry(now):
    """Failures of earlier runs, and claims whose run died before it could record one."""
    return (
        ReviewInvitation.objects.filter(INVITATION_OUTBOX.sendable(now), product__live=True)
        .annotate(
            opted_out=Exists(ReviewInvitationOptOut.objects.filter(email=OuterRef("email"))),
            already_reviewed=_reviewed_by_address("email", "product"),
        )
        .select_related("product")
        .order_by("claimed_at", "pk")
    )


def _invitation_send(invitation: ReviewInvitation, *, product) -> Outcome:
    """Send one claimed invitation; its row records the outcome.

    To a member's address it counts against their weekly e-mail budget and follows their
    switch (off unless they consented, where the site requires consent); to an address
    with no account only the opt-out applies.
    """
    member = _member_with_address(invitation.email)
    return deliver(
        INVITATION_OUTBOX,
        [invitation.pk],
        partial(_invitation_letter, invitation, product=product),
        kind=MailKind.REVIEW_INVITATION,
        recipient_id=member.pk if member is not None else None,
        language=recipient_language(member),
    )


def _member_with_address(email: str) -> User | None:
    """The member who verified ``email`` (addresses are unique to one account)."""
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True)
        .select_related("user")
        .first()
    )
    return address.user if address is not None else None


def _invitation_letter(invitation: ReviewInvitation, *, product) -> Letter:
    """The invitation: a signed link to the review form, and the opt-out as its
    one-click unsubscribe."""
    review_url = settings.SITE_URL + reverse(
        "qa:review-invitation", kwargs={"token": review_invitation_token(invitation=invitation)}
    )
    opt_out_url = settings.SITE_URL + reverse(
        "qa:review-opt-out", kwargs={"token": review_opt_out_token(email=invitation.email)}
    )
    context = {
        "product": product,
        "product_url": settings.SITE_URL + product.url if product.url else settings.SITE_URL,
        "review_url": review_url,
        "link_days": settings.REVIEW_INVITATION_LINK_MAX_AGE_DAYS,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return Letter(
        to=invitation.email,
        subject=render_to_string("emails/review_invitation_subject.txt", context).strip(),
        template="emails/review_invitation",
        context=context,
        unsubscribe_url=opt_out_url,
    )
