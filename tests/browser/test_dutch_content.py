"""A visitor switches the site to Dutch on a product page and reads the product in Dutch, at
the same address, with the community's questions about it."""

import re

from playwright.sync_api import expect

from tests.cms.test_translations import translate


def test_switching_to_dutch_shows_the_dutch_product_page(page, product_factory, question_factory):
    product = product_factory(
        title="Cast-iron skillet 28 cm",
        sku="CW-SKL-28",
        short_description="A pre-seasoned cast-iron skillet that sears and bakes.",
    )
    question_factory(title="Will the skillet scratch my glass hob?", product=product)
    translate(
        product,
        title="Gietijzeren koekenpan 28 cm",
        short_description="Een voorgebrande gietijzeren koekenpan die dichtschroeit en bakt.",
    )

    page.goto(product.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cast-iron skillet 28 cm")
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Change").click()

    expect(page).to_have_url(re.compile(re.escape(product.url) + "$"))  # the same address
    expect(page.get_by_role("heading", level=1)).to_have_text("Gietijzeren koekenpan 28 cm")
    expect(page.get_by_text("Een voorgebrande gietijzeren koekenpan")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    # The community's questions are the original's, whatever the language.
    expect(page.get_by_role("link", name="Will the skillet scratch my glass hob?")).to_be_visible()
    expect(page.get_by_role("link", name="Producten").first).to_be_visible()


def test_a_dutch_reader_sees_the_products_of_the_questions_by_their_dutch_titles(
    page, product_factory, question_factory, translate_page
):
    skillet = product_factory(title="Cast-iron skillet 28 cm")
    translate_page(skillet, title="Gietijzeren koekenpan 28 cm")
    kettle = product_factory(title="Whistling kettle")  # not translated: its own title
    question_factory(title="Will the skillet scratch my glass hob?", product=skillet)
    question_factory(title="How loud is the whistle?", product=kettle)

    page.goto("/questions/")
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Change").click()

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    rows = page.locator(".question-row")
    expect(rows.filter(has_text="Will the skillet scratch my glass hob?")).to_contain_text(
        "Gietijzeren koekenpan 28 cm"
    )
    expect(rows.filter(has_text="How loud is the whistle?")).to_contain_text("Whistling kettle")
    expect(page.get_by_text("Cast-iron skillet 28 cm")).to_have_count(0)
    page.get_by_role("link", name="Gietijzeren koekenpan 28 cm").click()
    expect(page.get_by_role("link", name="Gietijzeren koekenpan 28 cm")).to_be_visible()
