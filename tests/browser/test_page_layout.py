"""The page frame on a phone and for editors: the signed-in phone header stays one row, and
Wagtail's user bar never lies over the page's own buttons and links."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def _top(locator):
    box = locator.bounding_box()
    return box["y"] + box["height"] / 2


def test_signed_in_on_a_phone_the_header_is_one_row(page, user_factory):
    user_factory(username="member", display_name="Member with a rather long name")
    page.set_viewport_size(PHONE)
    _sign_in(page, "member")
    page.goto("/questions/")

    header = page.get_by_role("banner")
    brand = header.get_by_role("link", name="Webshop Community")
    ask = header.get_by_role("link", name="Ask", exact=True)
    bell = header.get_by_role("link", name="Notifications, 0 unread")
    menu = header.get_by_role("button", name="Menu")
    for part in (brand, ask, bell, menu):
        expect(part).to_be_visible()
    middles = [_top(part) for part in (brand, ask, bell, menu)]
    assert max(middles) - min(middles) < 8, middles
    assert header.bounding_box()["height"] < 72
    # The search and every other link wait behind the menu button.
    search = header.get_by_label("Search the community")
    expect(search).to_be_hidden()
    expect(header.get_by_role("link", name="Notification settings")).to_be_hidden()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(search).to_be_visible()
    expect(header.get_by_role("link", name="Notification settings")).to_be_visible()
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    # Folding it again hides the search too.
    page.keyboard.press("Escape")
    expect(search).to_be_hidden()
    expect(menu).to_be_focused()


def test_signed_out_on_a_phone_the_header_offers_ask_and_the_menu(page):
    page.set_viewport_size(PHONE)
    page.goto("/questions/")
    header = page.get_by_role("banner")
    ask = header.get_by_role("link", name="Ask", exact=True)
    expect(ask).to_be_visible()
    expect(header.get_by_role("button", name="Menu")).to_be_visible()
    expect(header.get_by_role("link", name="Sign in")).to_be_hidden()
    ask.click()
    expect(page).to_have_url("/accounts/login/?next=/questions/ask/")


# Every control outside the user bar, at every scroll position: is the bar's button over it?
_COVERED_CONTROLS = """() => {
  const host = document.querySelector('wagtail-userbar');
  const trigger = host.shadowRoot.querySelector('.w-userbar-trigger');
  const covered = new Set();
  const height = document.documentElement.scrollHeight;
  for (let y = 0; y <= height; y += 80) {
    window.scrollTo(0, y);
    const bar = trigger.getBoundingClientRect();
    document.querySelectorAll('a[href], button, input, select, textarea, summary').forEach((el) => {
      const box = el.getBoundingClientRect();
      if (box.width && box.height && box.left < bar.right && box.right > bar.left
          && box.top < bar.bottom && box.bottom > bar.top) {
        covered.add((el.textContent || el.name || el.tagName).trim().slice(0, 40));
      }
    });
  }
  return [...covered];
}"""


@pytest.mark.parametrize("width", [390, 1024, 1280, 1600])
def test_the_wagtail_user_bar_never_covers_the_pages_controls(page, user_factory, width):
    user_factory(username="editor", is_staff=True, is_superuser=True)
    page.set_viewport_size({"width": width, "height": 800})
    _sign_in(page, "editor")
    page.goto("/questions/")
    trigger = page.get_by_role("button", name="View Wagtail quick actions")
    expect(trigger).to_be_visible()

    assert page.evaluate(_COVERED_CONTROLS) == []

    # Its menu still opens.
    trigger.click()
    expect(page.get_by_role("menuitem", name="Go to Wagtail admin")).to_be_visible()
