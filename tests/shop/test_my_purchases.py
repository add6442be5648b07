import datetime as dt

import pytest
from django.utils import timezone

from shop.models import Purchase

pytestmark = pytest.mark.django_db

URL = "/accounts/purchases/"


def buy(email: str, *, product=None, sku: str = "", delivered: bool = True, order_id: str = "A-1"):
    return Purchase.objects.create(
        order_id=order_id,
        email=email,
        sku=product.sku if product else sku,
        product=product,
        quantity=2,
        ordered_at=timezone.now() - dt.timedelta(days=5),
        delivered_at=timezone.now() - dt.timedelta(days=2) if delivered else None,
    )


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/accounts/purchases/")


def test_a_customer_sees_their_purchases_linked_to_the_product_pages(
    customer_client, customer, product_factory
):
    kettle = product_factory(title="Gooseneck kettle", sku="CT-KET-12")
    buy(customer.email, product=kettle, order_id="100231")
    buy(customer.email, sku="GONE-1", delivered=False, order_id="100300")
    buy("someone.else@example.com", product=product_factory(title="Not mine"), order_id="OTHER-777")

    response = customer_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{kettle.url}">Gooseneck kettle</a>' in html
    assert "100231" in html and "× 2" in html and "Delivered" in html
    assert "Article GONE-1" in html and "On its way" in html
    # An order number no timestamp on the page can contain by chance.
    assert "Not mine" not in html and "OTHER-777" not in html


def test_the_account_menu_links_to_my_purchases_and_marks_it_current(customer_client):
    html = customer_client.get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">My purchases</a>' in html
    assert f'href="{URL}"' in customer_client.get("/accounts/profile/").content.decode()


def test_a_customer_without_purchases_is_told_how_they_appear(customer_client):
    html = customer_client.get(URL).content.decode()
    assert "No purchases yet." in html


@pytest.mark.slow
def test_my_purchases_costs_the_same_queries_for_few_or_many(
    customer_client, customer, product_factory
):
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        customer_client.get(URL)  # the first visit caches the site's page paths
        with CaptureQueriesContext(connection) as captured:
            assert customer_client.get(URL).status_code == 200
        return len(captured)

    for number in range(2):
        buy(customer.email, product=product_factory(), order_id=f"F-{number}")
    few = queries()
    for number in range(20):
        buy(customer.email, product=product_factory(), order_id=f"M-{number}")
    many = queries()
    assert many == few
    assert few <= 8  # the frame (session, user, permissions, navigation) and 3 of our own


def test_each_delivered_product_links_to_its_review_form(
    customer_client, customer, product_factory
):
    kettle = product_factory(title="Gooseneck kettle", sku="CT-KET-12")
    pan = product_factory(title="Frying pan", sku="CT-PAN-28")
    buy(customer.email, product=kettle, order_id="100231")
    buy(customer.email, product=pan, delivered=False, order_id="100232")

    html = customer_client.get(URL).content.decode()

    assert f'href="/reviews/product/{kettle.pk}/write/">Review this product</a>' in html
    assert f"/reviews/product/{pan.pk}/write/" not in html
    assert customer_client.get(f"/reviews/product/{kettle.pk}/write/").status_code == 200
