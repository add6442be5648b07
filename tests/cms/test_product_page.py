from decimal import Decimal

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from cms.models import HomePage, ProductIndexPage, ProductPage

pytestmark = pytest.mark.django_db


def _support_content(text: str):
    return [
        ("subheading", f"{text} heading"),
        ("paragraph", RichText(f"<p>{text} paragraph</p>")),
        ("tip", {"title": f"{text} tip", "text": RichText("<p>Mind the handle.</p>")}),
        ("question_answer", {"question": f"{text} question?", "answer": RichText("<p>Yes.</p>")}),
    ]


@pytest.fixture
def skillet(document_factory, product_category_factory, product_factory):
    return product_factory(
        title="Cast-iron skillet 28 cm",
        sku="CW-SKL-28",
        brand="Ferrum",
        category=product_category_factory(name="Cookware"),
        price=Decimal("59.95"),
        short_description="Sears, bakes and goes from hob to oven.",
        shop_url="https://shop.example.com/p/cw-skl-28",
        specifications=(("Diameter", "28 cm"), ("Weight", "3.1 kg")),
        manuals=(
            document_factory(title="Skillet quick-start manual", body=b"%PDF-1.4 skillet\n%%EOF\n"),
        ),
        before_buying=_support_content("Before"),
        after_buying=_support_content("After"),
        around_product=_support_content("Around"),
    )


def test_product_page_shows_the_products_facts(client, skillet):
    html = client.get(skillet.url).content.decode()

    assert '<h1 id="product-title">Cast-iron skillet 28 cm</h1>' in html
    assert "Ferrum" in html and "CW-SKL-28" in html and "Cookware" in html
    assert "€\N{NO-BREAK SPACE}59.95" in html
    assert 'href="https://shop.example.com/p/cw-skl-28"' in html


def test_product_page_shows_specifications_as_a_table_with_row_headers(client, skillet):
    html = client.get(skillet.url).content.decode()

    assert '<h2 id="specifications-title">Specifications</h2>' in html
    assert '<tr><th scope="row">Diameter</th><td>28 cm</td></tr>' in html
    assert html.index("Diameter") < html.index("Weight")


def test_visitor_can_download_the_products_manual(client, skillet):
    manual = skillet.manuals.get().document

    html = client.get(skillet.url).content.decode()
    download = client.get(manual.url)

    assert f'<a href="{manual.url}">Skillet quick-start manual</a>' in html
    assert "(PDF," in html
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_support_content_sits_in_three_headed_sections_in_order(client, skillet):
    html = client.get(skillet.url).content.decode()

    before = html.index('<h2 id="before-buying-title">Before you buy</h2>')
    after = html.index('<h2 id="after-buying-title">After you buy</h2>')
    around = html.index('<h2 id="around-the-product-title">More around this product</h2>')
    assert before < html.index("Before paragraph") < after < html.index("After paragraph") < around
    assert around < html.index("Around paragraph")
    assert '<h3 class="block-subheading">After heading</h3>' in html
    assert "<summary>Before question?</summary>" in html
    assert 'href="#before-buying"' in html  # the in-page navigation


def test_empty_sections_are_left_out(client, product_factory):
    bare = product_factory(title="Bare product")
    html = client.get(bare.url).content.decode()
    assert "Before you buy" not in html
    assert "Specifications" not in html
    assert "After you buy" not in html


def test_later_capabilities_fill_the_named_places_on_the_product_page(rf_request, skillet):
    template = Template(
        '{% extends "cms/product_page.html" %}'
        "{% block product_questions %}<section>QUESTIONS</section>{% endblock %}"
        "{% block product_reviews %}<section>REVIEWS</section>{% endblock %}"
        "{% block product_articles %}<section>ARTICLES</section>{% endblock %}"
    )
    context = skillet.get_context(rf_request)
    html = template.render(Context({**context, "request": rf_request}))
    assert html.index("Around paragraph") < html.index("QUESTIONS")
    assert html.index("QUESTIONS") < html.index("REVIEWS") < html.index("ARTICLES")


def test_product_image_has_alternative_text(client, image_factory, product_factory):
    product = product_factory(title="Gooseneck kettle", image=image_factory(title="kettle.png"))
    html = client.get(product.url).content.decode()
    assert 'alt="Gooseneck kettle"' in html


@pytest.mark.slow
def test_product_page_costs_the_same_queries_however_many_products_exist(
    client, skillet, product_factory
):
    def queries_for_page() -> int:
        client.get(skillet.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(skillet.url).status_code == 200
        return len(queries)

    for _number in range(3):
        product_factory(category=skillet.category)
    with_few = queries_for_page()
    for _number in range(27):
        product_factory(category=skillet.category)
    with_many = queries_for_page()

    assert with_many == with_few
    assert with_few <= 16


def test_product_pages_belong_under_the_product_index_only():
    assert ProductPage.allowed_parent_page_models() == [ProductIndexPage]
    assert ProductPage.allowed_subpage_models() == []
    assert ProductIndexPage.allowed_parent_page_models() == [HomePage]


def test_editor_can_open_a_product_in_the_wagtail_admin(client, user_factory, skillet):
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    response = client.get(f"/admin/pages/{skillet.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Specifications" in html and "Before buying" in html and "Manuals" in html


def test_editor_manages_product_categories_as_snippets(
    client, user_factory, product_category_factory
):
    product_category_factory(name="Cookware")
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    response = client.get("/admin/snippets/cms/productcategory/")
    assert response.status_code == 200
    assert "Cookware" in response.content.decode()


@pytest.fixture
def rf_request(db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/products/")
    request.user = AnonymousUser()
    return request
