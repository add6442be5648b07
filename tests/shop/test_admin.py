import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from shop.models import Purchase, ShopApiToken

pytestmark = pytest.mark.django_db

PURCHASES = "/django-admin/shop/purchase/"
TOKENS = "/django-admin/shop/shopapitoken/"


@pytest.fixture
def purchases():
    now = timezone.now()
    for order_id, email, sku in [
        ("100231", "anna@example.com", "CW-SKL-28"),
        ("100245", "bram@example.com", "CT-GRD-01"),
        ("100299", "carla@example.com", "OC-STV-01"),
    ]:
        Purchase.objects.create(order_id=order_id, email=email, sku=sku, ordered_at=now)


@pytest.fixture
def support_agent(client, staff_user):
    staff_user.user_permissions.add(Permission.objects.get(codename="view_purchase"))
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("bram@example", "100245", "100231"),
        ("100299", "carla@", "anna@"),
        ("CW-SKL", "anna@", "bram@"),
    ],
)
def test_staff_find_purchases_by_e_mail_order_number_or_sku(
    support_agent, purchases, query, found, not_found
):
    response = support_agent.get(PURCHASES, {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert found in html
    assert not_found not in html


def test_staff_filter_purchases_by_delivery(support_agent, purchases):
    Purchase.objects.filter(order_id="100231").update(
        delivered_at=timezone.now() - dt.timedelta(days=1)
    )
    html = support_agent.get(PURCHASES, {"delivered": "no"}).content.decode()
    assert "100245" in html and "100231" not in html


def test_staff_without_the_permission_cannot_see_purchases(client, staff_user, purchases):
    client.force_login(staff_user)
    assert client.get(PURCHASES).status_code == 403


def test_customers_cannot_reach_the_admin(customer_client):
    assert customer_client.get(PURCHASES).status_code == 302


def test_staff_create_a_token_and_see_its_secret_once(client, user_factory):
    admin = user_factory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert "Create token" in client.get(f"{TOKENS}add/").content.decode()

    response = client.post(f"{TOKENS}add/", {"name": "Shop production"})

    html = response.content.decode()
    token = ShopApiToken.objects.get()
    assert token.name == "Shop production" and token.created_by == admin
    secret = html.split('id="shop-token" type="text" value="')[1].split('"')[0]
    assert secret.startswith(f"shop_{token.prefix}_")
    assert "no-store" in response["Cache-Control"]
    assert secret not in client.get(f"{TOKENS}{token.pk}/change/").content.decode()
    api = client.post(
        "/api/v1/shop/products/",
        data=[{"sku": "A-1", "name": "Pan"}],
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert api.status_code == 200


def test_a_token_needs_a_name(client, user_factory):
    client.force_login(user_factory(username="boss", is_staff=True, is_superuser=True))
    response = client.post(f"{TOKENS}add/", {"name": ""})
    assert "This field is required." in response.content.decode()
    assert not ShopApiToken.objects.exists()


def test_staff_revoke_tokens_from_the_list(client, user_factory, issued_token):
    client.force_login(user_factory(username="boss", is_staff=True, is_superuser=True))

    response = client.post(
        TOKENS, {"action": "revoke", "_selected_action": [issued_token.token.pk]}, follow=True
    )

    assert "1 token revoked" in response.content.decode()
    assert ShopApiToken.objects.get().revoked_at is not None


def test_staff_without_the_permission_cannot_create_tokens(client, staff_user):
    client.force_login(staff_user)
    assert client.get(f"{TOKENS}add/").status_code == 403
