from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import ProductIndexPage
from cms.services import product_index_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def product_index():
    return product_index_get_or_create()


def test_product_index_lives_at_products_under_the_home_page(client, product_index):
    assert product_index.url == "/products/"
    assert client.get("/products/").status_code == 200


def test_product_list_shows_each_live_product_with_brand_category_and_price(
    client, product_index, product_category_factory, product_factory
):
    cookware = product_category_factory(name="Cookware")
    product_factory(
        title="Cast-iron skillet", brand="Ferrum", category=cookware, price=Decimal("59.95")
    )
    product_factory(title="Hidden prototype", live=False)

    html = client.get("/products/").content.decode()

    assert "Cast-iron skillet" in html
    assert "Ferrum" in html and "Cookware" in html
    assert "€\N{NO-BREAK SPACE}59.95" in html
    assert "Hidden prototype" not in html


def test_choosing_a_category_lists_only_its_products_and_marks_it_current(
    client, product_index, product_category_factory, product_factory
):
    cookware, coffee = (
        product_category_factory(name="Cookware"),
        product_category_factory(name="Coffee & tea"),
    )
    product_factory(title="Skillet", category=cookware)
    product_factory(title="Burr grinder", category=coffee)

    response = client.get("/products/", {"category": "coffee-tea"})

    html = response.content.decode()
    assert "Burr grinder" in html
    assert "Skillet" not in html
    assert response.context["category"] == coffee
    assert 'href="/products/?category=coffee-tea" aria-current="page"' in html
    assert '<nav class="filter-nav" aria-label="Product categories">' in html


def test_category_filters_come_in_the_editors_order(
    client, product_index, product_category_factory, product_factory
):
    product_factory(category=product_category_factory(name="Zebra", sort_order=1))
    product_factory(category=product_category_factory(name="Apple", sort_order=2))
    categories = client.get("/products/").context["categories"]
    assert [c.name for c in categories] == ["Zebra", "Apple"]


def test_an_unknown_category_is_not_found(client, product_index):
    assert client.get("/products/", {"category": "no-such-thing"}).status_code == 404


def test_categories_without_live_products_are_not_offered(
    client, product_index, product_category_factory, product_factory
):
    product_factory(title="Skillet", category=product_category_factory(name="Cookware"))
    product_category_factory(name="Garden furniture")

    html = client.get("/products/").content.decode()

    assert "?category=cookware" in html
    assert "Garden furniture" not in html


def test_products_come_a_page_at_a_time_and_paging_keeps_the_category(
    client, product_index, product_category_factory, product_factory
):
    cookware = product_category_factory(name="Cookware")
    for number in range(ProductIndexPage.products_per_page + 2):
        product_factory(title=f"Pan {number:02d}", category=cookware)
    product_factory(title="Kettle", category=product_category_factory(name="Coffee & tea"))

    first = client.get("/products/", {"category": "cookware"})
    second = client.get("/products/", {"category": "cookware", "page": 2})

    assert len(first.context["products"]) == ProductIndexPage.products_per_page
    assert [p.title for p in second.context["products"]] == ["Pan 12", "Pan 13"]
    html = first.content.decode()
    assert '<nav class="pagination" aria-label="Pages">' in html
    assert 'href="?category=cookware&amp;page=2" rel="next"' in html
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1</a>' in html
    assert "Kettle" not in second.content.decode()


def test_a_page_number_past_the_end_shows_the_last_page(client, product_index, product_factory):
    product_factory(title="Only one")
    response = client.get("/products/", {"page": 99})
    assert response.status_code == 200
    assert "Only one" in response.content.decode()


@pytest.mark.slow
def test_the_product_list_costs_the_same_queries_for_3_or_30_products(
    client, product_index, image_factory, product_category_factory, product_factory
):
    def queries_for_list() -> int:
        client.get("/products/")  # a first visit makes the image renditions
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/products/").status_code == 200
        return len(queries)

    cookware, outdoor = (
        product_category_factory(name="Cookware"),
        product_category_factory(name="Outdoor"),
    )
    image = image_factory()
    for number in range(3):
        product_factory(category=cookware if number % 2 else outdoor, image=image)
    with_three = queries_for_list()
    for number in range(27):
        product_factory(
            category=cookware if number % 2 else outdoor, image=image_factory(title=f"p{number}")
        )
    with_thirty = queries_for_list()

    assert with_thirty == with_three
    assert with_three <= 14  # routing, the frame, and 5 of our own


def test_products_section_appears_in_the_site_navigation(client, product_index):
    html = client.get("/").content.decode()
    assert 'href="/products/"' in html
