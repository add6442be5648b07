import pytest

from cms.models import ProductPage
from shop.models import Purchase, ShopApiToken
from shop.services import shop_api_token_revoke

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/shop/products/"
ORDERS = "/api/v1/shop/orders/"
SKILLET = {
    "sku": "CW-SKL-28",
    "name": "Cast-iron skillet 28 cm",
    "category": "Cookware",
    "price": 59.95,
    "specifications": [{"name": "Diameter", "value": "28 cm"}],
}


def test_a_request_without_a_token_is_refused(api):
    response = api(PRODUCTS, [SKILLET], token="")
    assert response.status_code == 401
    assert response.json() == {
        "error": "unauthorized",
        "message": "Send your shop API token as 'Authorization: Bearer <token>'.",
    }
    assert response["WWW-Authenticate"] == 'Bearer realm="shop"'
    assert not ProductPage.objects.exists()


def test_a_wrong_token_is_refused(api, issued_token):
    response = api(PRODUCTS, [SKILLET], token=issued_token.secret + "x")
    assert response.status_code == 401
    assert response.json()["message"] == "This token is not valid."
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_a_revoked_token_is_refused(api, issued_token):
    shop_api_token_revoke(token=issued_token.token)
    response = api(PRODUCTS, [SKILLET])
    assert response.status_code == 401
    assert response.json()["message"] == "This token has been revoked."
    assert not ProductPage.objects.exists()


def test_only_a_hash_of_the_token_is_stored(issued_token):
    stored = ShopApiToken.objects.get()
    assert issued_token.secret.startswith(f"shop_{stored.prefix}_")
    assert issued_token.secret not in {stored.token_hash, stored.prefix, stored.name}
    assert len(stored.token_hash) == 64


def test_products_pushed_with_a_valid_token_are_imported_and_reported(api, issued_token):
    response = api(PRODUCTS, {"products": [SKILLET]})

    assert response.status_code == 200
    assert response.json() == {
        "subject": "products",
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": [],
        "notes": [],
    }
    skillet = ProductPage.objects.get(sku="CW-SKL-28")
    assert str(skillet.price) == "59.95" and skillet.live
    assert ShopApiToken.objects.get().last_used_at is not None


def test_pushing_the_same_batch_again_changes_nothing(api):
    api(PRODUCTS, [SKILLET])
    again = api(PRODUCTS, [SKILLET])
    assert again.status_code == 200
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 1)
    assert ProductPage.objects.count() == 1


def test_orders_pushed_with_a_valid_token_are_imported_once(api):
    order = {
        "order_id": "A-1",
        "email": "Anna@Example.com",
        "sku": "CW-SKL-28",
        "quantity": 1,
        "ordered_at": "2026-01-05T10:00:00+01:00",
        "delivered_at": None,
    }
    first = api(ORDERS, {"orders": [order]})
    second = api(ORDERS, [order])

    assert first.status_code == 200 and first.json()["created"] == 1
    assert second.json()["unchanged"] == 1
    assert Purchase.objects.get().email == "anna@example.com"


def test_malformed_json_is_a_400_saying_where(api):
    response = api(PRODUCTS, '[{"sku": "A"')
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_json"
    assert "line 1, column" in body["message"]


def test_json_of_the_wrong_shape_is_a_400(api):
    response = api(PRODUCTS, {"items": [SKILLET]})
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_payload",
        "message": 'Send a JSON list of products, or an object with a "products" list.',
    }


def test_bad_rows_are_a_400_listing_every_bad_field_and_nothing_is_imported(api):
    response = api(
        PRODUCTS,
        [
            SKILLET,
            {"sku": "BAD 1", "name": "", "price": "cheap"},
            {"sku": "OK-2", "name": "Pot", "url": "nope", "specifications": [{"name": "Size"}]},
        ],
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_rows"
    assert (
        body["message"]
        == "2 of 3 rows are invalid; nothing was imported. Fix them and send the batch again."
    )
    assert body["errors"] == [
        {
            "row": 2,
            "key": "BAD 1",
            "fields": {
                "sku": ["Use letters, digits, dots, dashes, underscores and slashes only."],
                "name": ["This field is required."],
                "price": ["Enter a number."],
            },
        },
        {
            "row": 3,
            "key": "OK-2",
            "fields": {
                "url": ["Enter a valid URL."],
                "specifications": ['Specification 1 needs a "name" and a "value".'],
            },
        },
    ]
    assert not ProductPage.objects.exists()


def test_bad_order_rows_get_the_same_messages_as_the_command(api):
    response = api(ORDERS, [{"order_id": "1", "email": "nope", "sku": "A", "ordered_at": "soon"}])
    assert response.status_code == 400
    assert response.json()["errors"][0]["fields"] == {
        "email": ["Enter a valid email address."],
        "ordered_at": ["Enter a valid date/time."],
    }


def test_a_body_that_is_not_json_is_refused_as_such(api):
    response = api(PRODUCTS, "sku=A", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.json()["error"] == "unsupported_media_type"


def test_too_many_rows_in_one_request_is_a_400(api):
    rows = [{"sku": f"S-{n}", "name": f"P {n}"} for n in range(1001)]
    response = api(PRODUCTS, rows)
    assert response.status_code == 400
    assert response.json()["error"] == "too_many_rows"


def test_only_post_is_allowed(client):
    response = client.get(PRODUCTS)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_token_that_sends_too_often_is_told_to_wait(api, settings):
    settings.SHOP_API_RATE_LIMITS = {"token": "2/m", "failed_auth": "20/m"}
    assert api(PRODUCTS, [SKILLET]).status_code == 200
    assert api(PRODUCTS, [SKILLET]).status_code == 200

    response = api(PRODUCTS, [SKILLET])

    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60


def test_an_address_that_keeps_guessing_tokens_is_told_to_wait(api, issued_token, settings):
    settings.SHOP_API_RATE_LIMITS = {"token": "100/m", "failed_auth": "3/m"}
    for _attempt in range(3):
        assert api(PRODUCTS, [SKILLET], token="shop_guess").status_code == 401

    refused = api(PRODUCTS, [SKILLET], token="shop_guess")

    assert refused.status_code == 429 and "Retry-After" in refused
    assert api(PRODUCTS, [SKILLET], token="shop_another_guess").status_code == 429
    assert not ProductPage.objects.exists()


def test_guessing_from_the_shops_own_address_never_locks_the_shop_out(api, issued_token, settings):
    """Someone behind the same proxy or address as the shop sends wrong tokens until that
    address is told to wait; the shop's valid token still works, and the guesser still waits."""
    settings.SHOP_API_RATE_LIMITS = {"token": "100/m", "failed_auth": "3/m"}
    for _attempt in range(5):
        api(PRODUCTS, [SKILLET], token="shop_guess")

    the_shop = api(PRODUCTS, [SKILLET])

    assert the_shop.status_code == 200, the_shop.content
    assert ProductPage.objects.filter(sku="CW-SKL-28").exists()
    assert api(PRODUCTS, [SKILLET], token="shop_guess").status_code == 429


def test_the_api_needs_no_csrf_token(client, issued_token):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        PRODUCTS,
        data=[SKILLET],
        content_type="application/json",
        headers={"Authorization": f"Bearer {issued_token.secret}"},
    )
    assert response.status_code == 200
