"""The demo shop link, for `manage.py seed_demo`: the example catalogue and orders.

Both go through the same import service as the commands and the API, from the files in
examples/, so seeding again changes nothing. The orders make the demo customers anna, bram
and carla verified buyers of several products (one of anna's orders is still on its way).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from cms.demo import product_support_seed

from .enums import FeedSubject, MissingProducts
from .feeds import feed_rows_from_file
from .services import product_import_rows, purchase_import_rows

EXAMPLES_DIR = settings.BASE_DIR / "examples"


@transaction.atomic
def seed(stdout) -> None:
    products = product_import_rows(
        rows=feed_rows_from_file(EXAMPLES_DIR / "products.csv", subject=FeedSubject.PRODUCTS),
        missing=MissingProducts.IGNORE,
    )
    stdout.write(f"Demo catalogue: {products.summary_lines()[0]}")
    product_support_seed(stdout)
    orders = purchase_import_rows(
        rows=feed_rows_from_file(EXAMPLES_DIR / "orders.csv", subject=FeedSubject.ORDERS)
    )
    stdout.write(f"Demo orders: {orders.summary_lines()[0]}")
