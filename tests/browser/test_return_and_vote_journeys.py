"""A newcomer joins from a product page and lands back on it; a member votes by keyboard and
the focus stays on the arrow they pressed."""

import re

from playwright.sync_api import expect

from tests.browser.test_qa_journey import _sign_in

PASSWORD = "a-long-and-unusual-passphrase-7"


def test_joining_from_a_product_page_comes_back_to_it(page, db, mailoutbox, product_factory):
    product = product_factory(title="Camping kettle")
    page.goto(product.url)
    page.get_by_role("banner").get_by_role("link", name="Join", exact=True).click()
    page.get_by_label("Email").fill("mira@example.com")
    page.get_by_label("Username").fill("mira")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mailoutbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Camping kettle")
    expect(page.get_by_role("link", name="mira", exact=True)).to_be_visible()


def test_voting_by_keyboard_keeps_the_focus_on_the_arrow(
    page, user_factory, question_factory, answer_factory
):
    question = question_factory(title="Does the lid fit the 28 cm pan at all?")
    answer_factory(question=question, author=user_factory(display_name="Helpful Hugo"))
    user_factory(username="voter")
    _sign_in(page, "voter")
    page.goto(question.get_absolute_url())
    answer = page.get_by_role("article", name="Answer by Helpful Hugo")
    up = answer.get_by_role("button", name="Useful", exact=True)
    up.focus()
    page.keyboard.press("Enter")
    expect(answer.locator(".vote__score")).to_contain_text("1")
    expect(answer.get_by_role("button", name="Useful", exact=True)).to_be_focused()
    page.keyboard.press("Enter")  # pressing again withdraws the vote, still from the keyboard
    expect(answer.locator(".vote__score")).to_contain_text("0")
    expect(answer.get_by_role("button", name="Useful", exact=True)).to_be_focused()
