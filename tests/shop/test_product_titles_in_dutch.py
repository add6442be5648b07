"""My purchases name each product by its Dutch title to a member who reads the site in Dutch."""

import pytest

from tests.conftest import DUTCH, ENGLISH

pytestmark = pytest.mark.django_db

# As many as an English reader's (tests/shop/test_my_purchases.py): the frame (session, user,
# permissions, navigation) and the page's own; the titles come with the rows.
PURCHASES_QUERIES = 8


@pytest.mark.parametrize("count", [1, 4])
def test_my_purchases_name_the_products_in_dutch_without_a_query_per_row(
    client,
    customer,
    product_factory,
    translate_page,
    purchase_factory,
    django_assert_max_num_queries,
    count,
):
    for number in range(count):
        pan = product_factory(title=f"Pan {number}")
        translate_page(pan, title=f"Pan {number} in het Nederlands")
        purchase_factory(email=customer.email, product=pan)
    client.force_login(customer)
    english = client.get("/accounts/purchases/", **ENGLISH).content.decode()

    with django_assert_max_num_queries(PURCHASES_QUERIES):
        dutch = client.get("/accounts/purchases/", **DUTCH).content.decode()

    assert dutch.count(" in het Nederlands</a>") == count
    assert " in het Nederlands" not in english
    assert english.count(">Pan ") == count
