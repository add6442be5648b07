"""Who bought what: the one place that decides whether a member is a verified buyer.

A purchase belongs to an account when one of the account's *verified* e-mail addresses is
the purchase's address (compared without regard to case). Nothing is copied onto the
account: the question is asked of the database each time, so the answer follows an
account created, or an address verified, after the order was imported.

A member is a verified buyer of a product once a purchase of it has been delivered.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Lower, Now
from django.utils import timezone

from cms.models import ProductPage
from community.accounts.models import User

from .models import Purchase


def purchases_for_user(*, user: User | AnonymousUser) -> QuerySet[Purchase]:
    """Every purchase made with one of the user's verified addresses, newest first.

    Each carries `is_delivered`, by the same rule that makes a verified buyer.
    """
    if not user.is_authenticated or not user.is_active:
        return Purchase.objects.none()
    return (
        Purchase.objects.filter(email__in=_verified_addresses(user=user).values("address"))
        .select_related("product")
        .annotate(
            is_delivered=ExpressionWrapper(_delivered_condition(), output_field=BooleanField())
        )
    )


def user_bought_product(*, user: User | AnonymousUser, product: ProductPage) -> bool:
    """Did this user buy this product, and has it been delivered? One query at most."""
    if not user.is_authenticated:
        return False
    return _delivered(purchases_for_user(user=user)).filter(product=product).exists()


def deliveries_to(*, user: int, product: int) -> QuerySet[Purchase]:
    """The delivered purchases of a product (by id) made with one of a member's (by id)
    verified addresses, by the rule above, with the database's clock telling what is
    delivered: the same SQL whenever it runs, so it can be built once and run with each
    request's ids (``community.common.prepared_queries``)."""
    verified_addresses = _verified_addresses(user_id=user, user__is_active=True)
    return Purchase.objects.filter(
        _delivered_condition(now=Now()),
        email__in=verified_addresses.values("address"),
        product_id=product,
    )


def products_bought_by(*, user: User | AnonymousUser) -> frozenset[int]:
    """The ids of every product the user bought and received, for marking many at once."""
    if not user.is_authenticated:
        return frozenset()
    delivered = _delivered(purchases_for_user(user=user)).filter(product__isnull=False)
    return frozenset(delivered.values_list("product_id", flat=True).distinct())


def verified_buyers_of(*, product: ProductPage) -> QuerySet[User]:
    """The active members who bought and received the product (to ask them to help, say)."""
    delivered_addresses = (
        _delivered(Purchase.objects.filter(product=product)).values("email").order_by()
    )
    verified_match = _verified_addresses(user=OuterRef("pk")).filter(
        address__in=delivered_addresses
    )
    return User.objects.filter(Exists(verified_match), is_active=True)


def first_delivery_to(*, user_ref: str, product_ref: str) -> Subquery:
    """For annotating many rows at once: when the user in ``user_ref`` first received the
    product in ``product_ref`` (None when they never did), by the verified-buyer rule above.

    Review lists use it to show each author's "Verified buyer" month without a query per row.
    """
    verified_addresses = _verified_addresses(user=OuterRef(OuterRef(user_ref)))
    first_delivered = (
        _delivered(Purchase.objects.filter(product=OuterRef(product_ref)))
        .filter(email__in=verified_addresses.values("address"))
        .order_by("delivered_at")
        .values("delivered_at")[:1]
    )
    return Subquery(first_delivered)


def _verified_addresses(**whose) -> QuerySet[EmailAddress]:
    """The verified addresses of the members ``whose`` names (a member, an id, an outer
    reference), lowercased as ``address``: purchases are matched on them (the rule of
    ``purchases_for_user``)."""
    return EmailAddress.objects.filter(verified=True, **whose).annotate(address=Lower("email"))


def _delivered_condition(now=None) -> Q:
    """A purchase has arrived when it has a delivery date that is not in the future."""
    return Q(delivered_at__lte=timezone.now() if now is None else now)


def _delivered(purchases: QuerySet[Purchase]) -> QuerySet[Purchase]:
    return purchases.filter(_delivered_condition())
