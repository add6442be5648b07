"""The e-mails that invite buyers to review what was delivered to them, their signed links
and the opt-out that stops them."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from community.accounts.models import User
from community.notifications.mail import (
    Letter,
    MailRun,
    Outbox,
    Outcome,
    deliver,
    recipient_language,
)
from community.notifications.services import mail_preference_set
from shop.models import Purchase

from ..enums import MailKind
from ..models import Review, ReviewInvitation, ReviewInvitationOptOut
from ..selectors.reviews import INVITATION_SALT, OPT_OUT_SALT


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
