import datetime as dt

import pytest

from shop.models import Purchase

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db

HEADER = "order_id,email,sku,quantity,ordered_at,delivered_at\n"


def _purchases() -> list[tuple]:
    return sorted(
        Purchase.objects.values_list(
            "order_id",
            "email",
            "sku",
            "product_id",
            "quantity",
            "ordered_at",
            "delivered_at",
            "created_at",
            "updated_at",
        )
    )


@pytest.mark.slow
def test_importing_the_example_orders_twice_gives_the_same_database(run_command):
    run_command("import_products", str(EXAMPLES / "products.csv"))
    first = run_command("import_orders", str(EXAMPLES / "orders.csv"))
    after_first = _purchases()

    again = run_command("import_orders", str(EXAMPLES / "orders.csv"))
    from_json = run_command("import_orders", str(EXAMPLES / "orders.json"))

    assert "Orders: 15 created, 0 updated, 0 unchanged, 0 rejected." in first
    assert "0 created, 0 updated, 15 unchanged, 0 rejected" in again
    assert "0 created, 0 updated, 15 unchanged, 0 rejected" in from_json
    assert _purchases() == after_first
    assert all(product_id for *_, product_id, _q, _o, _d, _c, _u in after_first)


def test_a_delivery_reported_later_updates_the_purchase(run_command, feed_file):
    run_command(
        "import_orders",
        str(feed_file("a.csv", HEADER + "9001,a@example.com,PAN-1,1,2026-01-05T10:00,\n")),
    )

    output = run_command(
        "import_orders",
        str(
            feed_file(
                "b.csv",
                HEADER + "9001,a@example.com,PAN-1,1,2026-01-05T10:00,2026-01-07T12:00\n",
            )
        ),
    )

    assert "0 created, 1 updated, 0 unchanged" in output
    purchase = Purchase.objects.get()
    assert purchase.delivered_at == dt.datetime(2026, 1, 7, 11, 0, tzinfo=dt.UTC)


def test_bad_order_rows_are_reported_with_reasons_and_good_rows_import(run_command, feed_file):
    feed = feed_file(
        "orders.csv",
        HEADER
        + "1,good@example.com,PAN-1,2,2026-01-05,2026-01-06\n"
        + "2,not-an-address,PAN-1,1,2026-01-05,\n"
        + "3,c@example.com,PAN-1,0,2026-01-05,\n"
        + "4,d@example.com,PAN-1,1,2026-01-05,2026-01-01\n"
        + "5,e@example.com,,1,yesterday,\n"
        + "1,good@example.com,PAN-1,1,2026-01-05,\n",
    )

    output = run_command("import_orders", str(feed))

    assert "Orders: 1 created, 0 updated, 0 unchanged, 5 rejected." in output
    assert "row 3 (2/PAN-1): email: Enter a valid email address." in output
    assert "row 4 (3/PAN-1): quantity: Ensure this value is greater than or equal to 1." in output
    assert "row 5 (4/PAN-1): delivered_at: The delivery cannot be before the order." in output
    assert "row 6 (5): sku: This field is required.; ordered_at: Enter a valid date/time." in output
    assert "row 7 (1/PAN-1): order_id: The feed already has this line at row 2" in output
    assert Purchase.objects.get().quantity == 2


def test_e_mail_addresses_are_stored_in_lower_case(run_command, feed_file):
    run_command(
        "import_orders",
        str(feed_file("a.csv", HEADER + "7,Anna.de.Vries@Example.COM,PAN-1,1,2026-01-05,\n")),
    )
    assert Purchase.objects.get().email == "anna.de.vries@example.com"


def test_orders_for_unknown_skus_import_and_are_noted(run_command, feed_file, product_factory):
    product_factory(sku="PAN-1")
    output = run_command(
        "import_orders",
        str(
            feed_file(
                "a.csv",
                HEADER
                + "7,a@example.com,PAN-1,1,2026-01-05,\n8,a@example.com,NEW-9,1,2026-01-05,\n",
            )
        ),
    )
    assert "2 created" in output
    assert "1 SKU is not in the catalogue yet (NEW-9)" in output
    assert Purchase.objects.get(sku="PAN-1").product.sku == "PAN-1"
    assert Purchase.objects.get(sku="NEW-9").product is None


def test_a_missing_quantity_means_one(run_command, feed_file):
    run_command(
        "import_orders",
        str(
            feed_file(
                "a.json",
                [
                    {
                        "order_id": 77,
                        "email": "a@example.com",
                        "sku": "PAN-1",
                        "ordered_at": "2026-01-05T10:00:00Z",
                    }
                ],
            )
        ),
    )
    purchase = Purchase.objects.get()
    assert (purchase.order_id, purchase.quantity) == ("77", 1)
