import io
import json

import pytest
from django.core.management import CommandError
from wagtail.models import Revision

from cms.models import ProductCategory, ProductPage, ProductSpecification
from shop.models import Purchase
from shop.progress import ProgressBar

from .conftest import EXAMPLES

pytestmark = pytest.mark.django_db

HEADER = "sku,name,brand,category,description,price,url,specifications\n"


def _catalogue_state() -> dict:
    """Everything an import writes, as plain values, to compare two runs."""
    return {
        "pages": sorted(
            ProductPage.objects.values_list(
                "sku",
                "title",
                "slug",
                "brand",
                "category__slug",
                "short_description",
                "price",
                "shop_url",
                "live",
                "has_unpublished_changes",
            )
        ),
        "specifications": sorted(
            ProductSpecification.objects.values_list("page__sku", "sort_order", "name", "value")
        ),
        "categories": sorted(ProductCategory.objects.values_list("name", "slug", "sort_order")),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.slow
def test_importing_the_example_catalogue_creates_product_pages(run_command, client):
    output = run_command("import_products", str(EXAMPLES / "products.csv"))

    assert "Products: 15 created, 0 updated, 0 unchanged, 0 rejected." in output
    skillet = ProductPage.objects.get(sku="CW-SKL-28")
    assert skillet.live and skillet.url == "/products/cast-iron-skillet-28-cm/"
    assert skillet.category.name == "Cookware"
    assert [(s.name, s.value) for s in skillet.specifications.all()][:2] == [
        ("Diameter", "28 cm"),
        ("Material", "Pre-seasoned cast iron"),
    ]
    assert set(ProductCategory.objects.values_list("slug", flat=True)) == {
        "cookware",
        "coffee-tea",
        "outdoor-cooking",
    }
    assert client.get(skillet.url).status_code == 200


@pytest.mark.slow
def test_importing_the_example_files_twice_gives_the_same_database(run_command):
    run_command("import_products", str(EXAMPLES / "products.csv"))
    after_first = _catalogue_state()

    again = run_command("import_products", str(EXAMPLES / "products.csv"))
    from_json = run_command("import_products", str(EXAMPLES / "products.json"))

    assert "0 created, 0 updated, 15 unchanged, 0 rejected" in again
    assert "0 created, 0 updated, 15 unchanged, 0 rejected" in from_json
    assert _catalogue_state() == after_first


@pytest.mark.slow
def test_importing_the_json_example_gives_the_same_catalogue_as_the_csv(run_command):
    run_command("import_products", str(EXAMPLES / "products.json"))
    from_json = _catalogue_state()
    ProductPage.objects.all().delete()
    ProductCategory.objects.all().delete()

    run_command("import_products", str(EXAMPLES / "products.csv"))

    from_csv = _catalogue_state()
    assert from_csv["pages"] == from_json["pages"]
    assert from_csv["specifications"] == from_json["specifications"]
    assert from_csv["categories"] == from_json["categories"]


def test_a_changed_row_updates_the_live_page_with_a_new_revision(run_command, feed_file):
    run_command(
        "import_products", str(feed_file("a.csv", HEADER + "PAN-1,Pan,Ferrum,Cookware,,10.00,,\n"))
    )
    revisions = Revision.objects.count()

    output = run_command(
        "import_products", str(feed_file("b.csv", HEADER + "PAN-1,Pan,Ferrum,Cookware,,12.50,,\n"))
    )

    assert "0 created, 1 updated, 0 unchanged" in output
    pan = ProductPage.objects.get(sku="PAN-1")
    assert str(pan.price) == "12.50"
    assert not pan.has_unpublished_changes
    assert Revision.objects.count() == revisions + 1


def test_bad_rows_are_reported_with_row_numbers_and_reasons_and_good_rows_import(
    run_command, feed_file
):
    feed = feed_file(
        "mixed.csv",
        HEADER
        + "GOOD-1,Good pan,,Cookware,,10.00,,\n"
        + "BAD-1,Pricey pan,,Cookware,,ten euros,,\n"
        + ",Nameless SKU,,,,,,\n"
        + "GOOD-2,Good pot,,Cookware,,,,Capacity: 2 l | Lid: glass\n"
        + "BAD 2,Bad sku,,,,,not a link,Weight 2 kg\n"
        + "GOOD-1,Good pan again,,,,,,\n"
        + "EXTRA-1,Too,many,cells,in,this,row,for,the,header\n",
    )

    output = run_command("import_products", str(feed))

    assert "Products: 2 created, 0 updated, 0 unchanged, 5 rejected." in output
    assert "row 3 (BAD-1): price: Enter a number." in output
    assert "row 4: sku: This field is required." in output
    assert "row 6 (BAD 2): sku: Use letters, digits" in output
    assert "url: Enter a valid URL." in output
    assert 'specifications: "Weight 2 kg" is not "name: value"' in output
    assert "row 7 (GOOD-1): sku: The feed already has this line at row 2" in output
    assert "row 8: row: This row has 10 cells but the header has 8 columns." in output
    assert set(ProductPage.objects.values_list("sku", flat=True)) == {"GOOD-1", "GOOD-2"}
    assert ProductPage.objects.get(sku="GOOD-1").title == "Good pan"


def test_bad_json_entries_are_reported_by_position(run_command, feed_file):
    feed = feed_file(
        "products.json",
        {
            "products": [
                {"sku": "OK-1", "name": "Fine"},
                "not an object",
                {"sku": "X-2", "name": "", "price": -1},
            ]
        },
    )

    output = run_command("import_products", str(feed))

    assert "1 created" in output and "2 rejected" in output
    assert "row 2: row: Each entry must be an object with named fields." in output
    assert (
        "row 3 (X-2): name: This field is required.; "
        "price: Ensure this value is greater than or equal to 0." in output
    )


def test_products_missing_from_the_feed_are_reported_and_left_live(
    run_command, feed_file, product_factory
):
    product_factory(sku="OLD-1", title="Discontinued kettle")

    output = run_command("import_products", str(feed_file("a.csv", HEADER + "NEW-1,New,,,,,,\n")))

    assert "1 live product is not in the feed and was left as it is" in output
    assert "OLD-1 (Discontinued kettle)" in output
    assert ProductPage.objects.get(sku="OLD-1").live


def test_unpublish_missing_unpublishes_what_the_feed_left_out_and_deletes_nothing(
    run_command, feed_file, product_factory
):
    product_factory(sku="OLD-1", title="Discontinued kettle")

    output = run_command(
        "import_products",
        str(feed_file("a.csv", HEADER + "NEW-1,New,,,,,,\n")),
        unpublish_missing=True,
    )

    assert "1 product was not in the feed and has been unpublished" in output
    old = ProductPage.objects.get(sku="OLD-1")
    assert not old.live


def test_unpublish_missing_refuses_when_no_row_of_the_feed_imports(
    run_command, feed_file, product_factory
):
    product_factory(sku="OLD-1")

    output = run_command(
        "import_products",
        str(feed_file("a.csv", HEADER + ",,,,,,,\nX,,,,,,,\n")),
        unpublish_missing=True,
    )

    assert "Nothing was unpublished" in output
    assert ProductPage.objects.get(sku="OLD-1").live


def test_columns_the_feed_leaves_out_keep_what_editors_set(
    run_command, feed_file, product_category_factory, product_factory
):
    kitchen = product_category_factory(name="Kitchen")
    product_factory(
        sku="PAN-1",
        title="Pan",
        category=kitchen,
        brand="Ferrum",
        specifications=(("Size", "24 cm"),),
    )

    output = run_command(
        "import_products", str(feed_file("prices.csv", "sku,name,price\nPAN-1,Pan,19.95\n"))
    )

    assert "1 updated" in output
    pan = ProductPage.objects.get(sku="PAN-1")
    assert (pan.category, pan.brand, str(pan.price)) == (kitchen, "Ferrum", "19.95")
    assert [(s.name, s.value) for s in pan.specifications.all()] == [("Size", "24 cm")]


def test_a_page_with_an_editors_draft_gets_the_shops_facts_in_a_new_draft(
    run_command, feed_file, product_factory
):
    pan = product_factory(sku="PAN-1", title="Pan")
    pan.save_revision().publish()
    draft = ProductPage.objects.get(pk=pan.pk)
    draft.short_description = "Editor's unfinished words"
    draft.save_revision()

    output = run_command(
        "import_products", str(feed_file("a.csv", "sku,name,price\nPAN-1,Pan,9.00\n"))
    )

    assert "PAN-1: saved as a draft" in output
    pan.refresh_from_db()
    assert pan.price is None and pan.short_description == ""  # the live page is untouched
    latest = pan.get_latest_revision_as_object()
    assert (str(latest.price), latest.short_description) == ("9.00", "Editor's unfinished words")


def test_semicolon_separated_csv_from_a_spreadsheet_imports(run_command, feed_file):
    feed = feed_file("excel.csv", "\ufeffsku;name;price\nPAN-1;Pan;12.00\n")
    output = run_command("import_products", str(feed))
    assert "1 created" in output
    assert str(ProductPage.objects.get(sku="PAN-1").price) == "12.00"


def test_unknown_columns_are_named_in_the_report(run_command, feed_file):
    output = run_command(
        "import_products", str(feed_file("a.csv", "sku,name,stock\nPAN-1,Pan,4\n"))
    )
    assert "These fields are not known and were ignored: stock." in output


@pytest.mark.slow
def test_dry_run_reports_but_saves_nothing(run_command):
    output = run_command("import_products", str(EXAMPLES / "products.csv"), dry_run=True)
    assert "15 created" in output and "Dry run: nothing was saved." in output
    assert not ProductPage.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.json", "[{", "This is not valid JSON"),
        (
            "wrong.json",
            json.dumps({"items": []}),
            'Send a JSON list of products, or an object with a "products" list.',
        ),
        ("feed.txt", "sku,name\n", "Cannot tell the format of feed.txt"),
        ("empty.csv", "", "The file is empty."),
    ],
)
def test_a_file_that_cannot_be_read_stops_with_a_clear_message(
    run_command, feed_file, name, content, message
):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run_command("import_products", str(feed_file(name, content)))


def test_a_missing_file_stops_with_a_clear_message(run_command, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run_command("import_products", str(tmp_path / "nope.csv"))


@pytest.mark.slow
def test_a_product_imported_after_its_orders_picks_up_their_purchases(run_command, feed_file):
    run_command("import_orders", str(EXAMPLES / "orders.csv"))
    assert not Purchase.objects.filter(product__isnull=False).exists()

    run_command("import_products", str(EXAMPLES / "products.csv"))

    assert not Purchase.objects.filter(product__isnull=True).exists()
    assert Purchase.objects.get(order_id="100231", sku="CW-SKL-28").product.sku == "CW-SKL-28"


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_is_drawn_on_a_terminal_only():
    terminal, log_file = FakeTerminal(), io.StringIO()
    for stream in (terminal, log_file):
        bar = ProgressBar(total=4, stream=stream, label="products")
        for _ in range(4):
            bar.advance()
        bar.finish()
    assert "[" + "#" * 30 + "] 4/4 (100%)" in terminal.getvalue()
    assert log_file.getvalue() == ""
