"""A shop's product page on another origin embeds the community widget with one script tag:
the rating, answered questions and reviews appear, untouched by the shop's own styles."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import expect

DEMO_PAGE = Path(__file__).resolve().parents[2] / "examples" / "widget" / "shop-page.html"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def shop_site(tmp_path, live_server):
    """The demo shop page, pointed at the live community, served on a port of its own (a
    second origin)."""
    page = DEMO_PAGE.read_text().replace("http://127.0.0.1:8000", live_server.url)
    (tmp_path / "index.html").write_text(page.replace("CW-SKL-28", "SKL-28"))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_the_widget_shows_on_a_shop_page_of_another_origin(
    page, shop_site, settings, product_factory, question_factory, answer_factory, review_factory
):
    settings.API_ALLOWED_ORIGINS = [shop_site]
    product = product_factory(title="Cast-iron skillet 28 cm", sku="SKL-28")
    question = question_factory(product=product, title="Can it go in the oven?")
    answer_factory(question=question, body="Yes, up to 260 °C; mind the hot handle.")
    review_factory(product=product, rating=5, title="Sears like a dream")
    review_factory(product=product, rating=4, title="Heavy but worth it")

    page.goto(shop_site + "/index.html")

    widget = page.locator(".community-widget")
    expect(
        widget.get_by_role("heading", name="Customer community: Cast-iron skillet 28 cm")
    ).to_be_visible()
    expect(widget.get_by_role("img", name="Rated 4.5 out of 5")).to_be_visible()
    expect(widget.get_by_text("2 reviews")).to_be_visible()
    expect(widget.get_by_role("link", name="Can it go in the oven?")).to_be_visible()
    expect(widget.get_by_text("Yes, up to 260 °C; mind the hot handle.")).to_be_visible()
    expect(widget.get_by_role("link", name="Sears like a dream")).to_be_visible()
    ask = widget.get_by_role("link", name="Ask a question")
    assert ask.get_attribute("href").endswith(f"/questions/ask/?product={product.pk}")
    # The shop's red, upper-case headings stay the shop's: the widget's are its own.
    heading = widget.get_by_role("heading", name="Questions and answers")
    assert heading.evaluate("h => getComputedStyle(h).textTransform") == "none"
    # Keyboard: the widget's links are reached with Tab from the shop's button.
    page.get_by_role("button", name="Add to basket").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.shadowRoot.activeElement.textContent")
    assert focused == "Can it go in the oven?"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-on-shop-page.png"), full_page=True)


def test_the_widget_stays_away_from_an_origin_that_is_not_allowed(
    page, shop_site, settings, product_factory
):
    settings.API_ALLOWED_ORIGINS = ["https://another-shop.example"]
    product_factory(title="Cast-iron skillet 28 cm", sku="SKL-28")
    page.goto(shop_site + "/index.html")

    expect(page.locator(".community-widget")).to_be_hidden()
    assert page.get_by_role("heading", name="Cast-iron skillet 28 cm").is_visible()
