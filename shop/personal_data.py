"""The purchases linked to a member (by their verified addresses), for their download; and
when the account is erased, the order lines stay for the shop's books but no longer carry
the member's address, so nothing links them to anyone."""

from community.accounts.personal_data import Erasure, register_personal_data

from .models import Purchase
from .selectors import purchases_for_user


def purchases(user):
    return purchases_for_user(user=user).values(
        "order_id", "sku", "product__title", "quantity", "ordered_at", "delivered_at"
    )


def purchases_unlink(erasure: Erasure) -> None:
    Purchase.objects.filter(email__in=erasure.addresses).update(email=erasure.placeholder_email)


def register() -> None:
    register_personal_data("purchases", export=purchases, erase=purchases_unlink)
