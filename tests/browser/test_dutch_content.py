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
