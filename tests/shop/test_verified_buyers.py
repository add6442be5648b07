import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from shop.models import Purchase
from shop.selectors import products_bought_by, user_bought_product, verified_buyers_of

pytestmark = pytest.mark.django_db

LAST_WEEK = timezone.now() - dt.timedelta(days=7)
YESTERDAY = timezone.now() - dt.timedelta(days=1)


def buy(product, email: str, *, delivered_at=YESTERDAY, order_id: str | None = None) -> Purchase:
    return Purchase.objects.create(
        order_id=order_id or f"O-{Purchase.objects.count() + 1}",
        email=email.lower(),
        sku=product.sku,
        product=product,
        ordered_at=LAST_WEEK,
        delivered_at=delivered_at,
    )


@pytest.fixture
def kettle(product_factory):
    return product_factory(sku="CT-KET-12", title="Gooseneck kettle")


def test_a_customer_with_the_verified_address_of_a_delivered_purchase_bought_it(
    user_factory, kettle
):
    anna = user_factory(username="anna", email="anna@example.com")
    buy(kettle, "anna@example.com")
    assert user_bought_product(user=anna, product=kettle)


def test_an_unverified_address_does_not_make_a_buyer_until_it_is_verified(user_factory, kettle):
    anna = user_factory(username="anna", email="anna@example.com", verified=False)
    buy(kettle, "anna@example.com")
    assert not user_bought_product(user=anna, product=kettle)

    EmailAddress.objects.filter(user=anna).update(verified=True)

    assert user_bought_product(user=anna, product=kettle)


def test_an_account_made_after_the_import_is_a_buyer_once_verified(user_factory, kettle):
    buy(kettle, "late@example.com")
    newcomer = user_factory(username="late", email="late@example.com")
    assert user_bought_product(user=newcomer, product=kettle)


def test_a_second_verified_address_counts_too(user_factory, kettle):
    anna = user_factory(username="anna", email="anna@example.com")
    EmailAddress.objects.create(
        user=anna, email="anna.work@example.com", verified=True, primary=False
    )
    buy(kettle, "anna.work@example.com")
    assert user_bought_product(user=anna, product=kettle)


def test_a_purchase_not_yet_delivered_does_not_count(user_factory, kettle):
    anna = user_factory(username="anna", email="anna@example.com")
    buy(kettle, "anna@example.com", delivered_at=None)
    buy(kettle, "anna@example.com", delivered_at=timezone.now() + dt.timedelta(days=2))
    assert not user_bought_product(user=anna, product=kettle)


def test_addresses_match_whatever_their_case(user_factory, kettle):
    anna = user_factory(username="anna", email="Anna@Example.COM")
    EmailAddress.objects.filter(user=anna).update(email="Anna@Example.COM")  # as some data has it
    buy(kettle, "ANNA@example.com")
    assert user_bought_product(user=anna, product=kettle)


def test_someone_elses_purchase_or_another_product_does_not_count(
    user_factory, kettle, product_factory
):
    anna = user_factory(username="anna", email="anna@example.com")
    bram = user_factory(username="bram", email="bram@example.com")
    buy(kettle, "bram@example.com")
    buy(product_factory(sku="OTHER-1"), "anna@example.com")
    assert not user_bought_product(user=anna, product=kettle)
    assert user_bought_product(user=bram, product=kettle)


def test_visitors_and_suspended_members_are_never_buyers(
    user_factory, kettle, django_assert_num_queries
):
    buy(kettle, "gone@example.com")
    suspended = user_factory(username="gone", email="gone@example.com", is_active=False)
    with django_assert_num_queries(0):
        assert not user_bought_product(user=AnonymousUser(), product=kettle)
        assert not user_bought_product(user=suspended, product=kettle)


def test_many_products_are_checked_at_once_in_one_query(
    user_factory, kettle, django_assert_num_queries, product_factory
):
    anna = user_factory(username="anna", email="anna@example.com")
    grinder, pan = product_factory(sku="GRD-1"), product_factory(sku="PAN-1")
    buy(kettle, "anna@example.com")
    buy(grinder, "anna@example.com", order_id="X-2")
    buy(pan, "anna@example.com", delivered_at=None)

    with django_assert_num_queries(1):
        bought = products_bought_by(user=anna)

    assert bought == {kettle.pk, grinder.pk}


def test_the_verified_buyers_of_a_product_can_be_listed(user_factory, kettle):
    anna = user_factory(username="anna", email="anna@example.com")
    user_factory(username="bram", email="bram@example.com", verified=False)
    user_factory(username="carla", email="carla@example.com")
    buy(kettle, "anna@example.com")
    buy(kettle, "bram@example.com")
    buy(kettle, "carla@example.com", delivered_at=None)
    assert list(verified_buyers_of(product=kettle)) == [anna]


def test_a_verified_buyer_sees_it_on_the_product_page(client, user_factory, kettle):
    anna = user_factory(username="anna", email="anna@example.com")
    buy(kettle, "anna@example.com")
    assert "You bought this product" not in client.get(kettle.url).content.decode()
    client.force_login(anna)
    assert "You bought this product" in client.get(kettle.url).content.decode()


def test_demo_customers_are_verified_buyers_after_seeding(demo_site):
    from cms.models import ProductPage
    from community.accounts.models import User

    anna, bram, carla = (User.objects.get(username=name) for name in ("anna", "bram", "carla"))
    assert len(products_bought_by(user=anna)) >= 2
    assert len(products_bought_by(user=bram)) >= 2
    assert len(products_bought_by(user=carla)) >= 2
    pizza_oven = ProductPage.objects.get(sku="OC-PZO-12")
    assert not user_bought_product(user=anna, product=pizza_oven)  # still on its way
    assert ProductPage.objects.count() >= 12
    assert all(
        page.manuals.exists() and page.specifications.exists() for page in ProductPage.objects.all()
    )
