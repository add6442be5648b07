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


def test_asking_with_details_from_the_product_page(page, user_factory, product_factory):
    product = product_factory(title="Camping kettle")
    user_factory(username="asker", display_name="Asker Anne")
    _sign_in(page, "asker")
    page.goto(product.url)
    ask = page.locator(".panel", has=page.get_by_role("heading", name="Ask about this product"))
    ask.get_by_label("Your question").fill("Does the camping kettle work on induction?")
    ask.get_by_label("Details").fill("I have a **small** induction plate of 1200 W.")
    ask.get_by_label("After buying").check()
    ask.get_by_role("button", name="Ask", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Does the camping kettle work on induction?"
    )
    question = page.get_by_role("main")
    expect(question.locator("strong", has_text="small")).to_be_visible()  # the details, as Markdown
    expect(question.get_by_role("link", name="Camping kettle").first).to_be_visible()
    page.goto(product.url)
    expect(
        page.get_by_role("link", name="Does the camping kettle work on induction?")
    ).to_be_visible()


def test_accepting_by_keyboard_comes_back_to_the_answer(
    page, user_factory, question_factory, answer_factory
):
    asker = user_factory(username="asker", display_name="Asker Anne")
    question = question_factory(title="Which lid fits the 28 cm pan, please?", author=asker)
    answer_factory(question=question, author=user_factory(display_name="Early Eddie"))
    answer_factory(question=question, author=user_factory(display_name="Helpful Hugo"))
    _sign_in(page, "asker")
    page.goto(question.get_absolute_url())
    answer = page.get_by_role("article", name="Answer by Helpful Hugo")
    answer.get_by_role("button", name="Accept this answer").focus()
    page.keyboard.press("Enter")

    expect(answer.get_by_text("Accepted by the asker")).to_be_visible()
    # Back on the same answer: its "Un-accept" has the focus, so the keyboard goes on from here.
    expect(answer.get_by_role("button", name="Un-accept")).to_be_focused()
    page.keyboard.press("Enter")  # and pressing again takes the mark off, still from here
    expect(answer.get_by_text("Accepted by the asker")).to_have_count(0)
    expect(answer.get_by_role("button", name="Accept this answer")).to_be_focused()
