"""A customer asks, another answers, votes without a page reload, and the asker accepts."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()


def _sign_out(page):
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()


def test_ask_answer_vote_and_accept(page, user_factory):
    user_factory(username="asker", display_name="Asker Anne")
    user_factory(username="helper", display_name="Helpful Hugo")
    user_factory(username="voter")

    _sign_in(page, "asker")
    page.goto("/questions/")
    page.get_by_role("main").get_by_role("link", name="Ask a question").click()
    page.get_by_label("Your question").fill("Which size lid fits the 24 cm pan?")
    page.get_by_label("Details").fill("I lost the **original** lid.")
    page.get_by_label("After buying").check()
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which size lid fits the 24 cm pan?")
    question_url = page.url
    _sign_out(page)

    _sign_in(page, "helper")
    page.goto(question_url)
    page.get_by_label("Your answer").fill("The 24 cm universal glass lid fits it perfectly.")
    page.get_by_role("button", name="Post your answer").click()
    answer = page.get_by_role("article", name="Answer by Helpful Hugo")
    expect(answer).to_contain_text("universal glass lid")
    _sign_out(page)

    _sign_in(page, "voter")
    page.goto(question_url)
    answer = page.get_by_role("article", name="Answer by Helpful Hugo")
    page.evaluate("window.__same_page = true")
    answer.get_by_role("button", name="Useful", exact=True).click()
    expect(answer.locator(".vote__score")).to_contain_text("1")
    expect(answer.get_by_role("button", name="Useful", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.evaluate("window.__same_page === true"), "voting reloaded the page"
    _sign_out(page)

    _sign_in(page, "asker")
    page.goto(question_url)
    page.get_by_role("button", name="Accept this answer").click()
    expect(page.get_by_text("Accepted by the asker")).to_be_visible()
