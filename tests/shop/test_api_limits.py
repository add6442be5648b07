"""The shop API's bounds: the body, rows and specifications one request may carry, deep or
odd JSON, and batches written in chunks so members' writes never wait for a whole batch."""

import contextlib
import json
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from cms.models import ProductPage
from shop import api as shop_api
from shop import services
from shop.models import Purchase

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/shop/products/"
ORDERS = "/api/v1/shop/orders/"


def products(count: int, *, specifications: int = 0) -> list[dict]:
    specs = [{"name": f"Spec {n}", "value": "yes"} for n in range(specifications)]
    return [
        {"sku": f"S-{n}", "name": f"Product {n}", "specifications": specs} for n in range(count)
    ]


def orders(count: int) -> list[dict]:
    return [
        {
            "order_id": f"O-{n}",
            "email": f"buyer{n}@example.com",
            "sku": "S-1",
            "ordered_at": "2026-01-05T10:00:00+01:00",
        }
        for n in range(count)
    ]


@pytest.fixture
def counted_transactions(monkeypatch):
    """How many transactions the API opened for the batch."""
    opened = []

    @contextlib.contextmanager
    def atomic(*args, **kwargs):
        opened.append(1)
        with transaction.atomic(*args, **kwargs):
            yield

    monkeypatch.setattr(shop_api, "transaction", SimpleNamespace(atomic=atomic))
    return opened


# SECTION chunks


@pytest.mark.parametrize(
    ("url", "rows", "chunk", "model"),
    [(PRODUCTS, products(25), 10, ProductPage), (ORDERS, orders(250), 100, Purchase)],
    ids=["products", "orders"],
)
def test_a_large_batch_is_written_in_chunks_each_its_own_transaction(
    api, settings, counted_transactions, url, rows, chunk, model
):
    settings.SHOP_API_CHUNK_ROWS = chunk

    response = api(url, rows)

    assert response.status_code == 200, response.json()
    assert response.json()["created"] == len(rows)
    assert model.objects.count() == len(rows)
    assert len(counted_transactions) == 3


def test_a_row_failing_while_saved_in_chunk_three_keeps_chunks_one_and_two(
    api, settings, monkeypatch
):
    settings.SHOP_API_CHUNK_ROWS = 10
    apply = services._product_apply

    def refuse_one(row, *args):
        if row.sku == "S-24":
            raise ValidationError({"slug": ["This slug is in use."]})
        return apply(row, *args)

    monkeypatch.setattr(services, "_product_apply", refuse_one)

    response = api(PRODUCTS, products(30))

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_rows"
    assert body["message"].startswith("A row could not be saved. The first 20 of 30 rows")
    assert body["errors"] == [
        {"row": 25, "key": "S-24", "fields": {"name": ["This slug is in use."]}}
    ]
    assert body["imported"] == {"created": 20, "updated": 0, "unchanged": 0}
    assert sorted(ProductPage.objects.values_list("sku", flat=True)) == sorted(
        f"S-{n}" for n in range(20)
    )


def test_a_bad_row_anywhere_still_means_nothing_is_imported(api, settings):
    settings.SHOP_API_CHUNK_ROWS = 10
    rows = products(30)
    rows[27]["price"] = "cheap"

    response = api(PRODUCTS, rows)

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"row": 28, "key": "S-27", "fields": {"price": ["Enter a number."]}}
    ]
    assert not ProductPage.objects.exists()


# SECTION caps


def test_a_product_with_too_many_specifications_is_a_bad_row(api, settings):
    settings.SHOP_MAX_SPECIFICATIONS_PER_PRODUCT = 5

    response = api(PRODUCTS, products(1, specifications=6))

    assert response.status_code == 400
    assert response.json()["errors"][0]["fields"] == {
        "specifications": ["A product may have at most 5 specifications; this one has 6."]
    }
    assert api(PRODUCTS, products(1, specifications=5)).status_code == 200


def test_a_file_import_caps_specifications_alike(run_command, feed_file, settings):
    settings.SHOP_MAX_SPECIFICATIONS_PER_PRODUCT = 2
    path = feed_file("products.csv", "sku,name,specifications\nS-1,Pan,A: 1 | B: 2 | C: 3\n")

    output = run_command("import_products", str(path))

    assert "A product may have at most 2 specifications; this one has 3." in output
    assert not ProductPage.objects.exists()


def test_too_many_specifications_in_one_request_are_refused_naming_the_limit(api, settings):
    settings.SHOP_API_MAX_SPECIFICATIONS = 100

    response = api(PRODUCTS, products(11, specifications=10))

    assert response.status_code == 400
    assert response.json() == {
        "error": "too_many_specifications",
        "message": "Send at most 100 specifications (of all products together) per request; "
        "this one has 110.",
        "limit": 100,
    }
    assert not ProductPage.objects.exists()


def test_too_many_rows_are_refused_naming_the_limit(api, settings):
    settings.SHOP_API_MAX_ROWS = 20

    response = api(ORDERS, orders(21))

    assert response.status_code == 400
    assert response.json()["error"] == "too_many_rows"
    assert response.json()["limit"] == 20
    assert "at most 20 rows" in response.json()["message"]


def test_a_body_over_the_limit_is_a_413_naming_it(api, settings):
    settings.SHOP_API_MAX_BODY_BYTES = 1000

    response = api(PRODUCTS, products(30))

    assert response.status_code == 413
    assert response.json() == {
        "error": "too_large",
        "message": "The request body is larger than 1000 bytes; send fewer rows at a time.",
    }


# SECTION odd JSON


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deeply_nested_json_is_a_400(api, opening):
    closing = "]" if opening == "[" else "}"
    body = opening * 100_000 + "1" + closing * 100_000

    response = api(PRODUCTS, body)

    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_json",
        "message": "The request body is nested too deeply to be rows.",
    }


def test_a_number_too_long_to_read_is_a_400(api):
    response = api(
        PRODUCTS,
        json.dumps([{"sku": "S-1", "name": "Pan"}])[:-2] + ', "price": ' + "9" * 5000 + "}]",
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_json"
