"""An answer finds the asker: the bell counts it, the list marks it read without a reload,
and its link leads to the answer; a helper follows a question with one click."""

from django.core import mail
from playwright.sync_api import expect

from community.common.buying_phase import Phase
from qa import services as qa_services
from tests.conftest import PASSWORD


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()


def _sign_out(page):
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()


def test_an_answer_reaches_the_asker_through_the_bell(page, user_factory):
    asker = user_factory(username="asker", display_name="Asker Anne")
    user_factory(username="helper", display_name="Helpful Hugo")
    question = qa_services.question_create(
        author=asker,
        title="Which lid fits the 24 cm pan?",
        body="I lost the original lid.",
        phase=Phase.AFTER_PURCHASE,
    )

    _sign_in(page, "helper")
    page.goto(question.get_absolute_url())
    page.evaluate("window.__same_page = true")
    page.get_by_role("button", name="Follow this question").click()
    expect(page.get_by_role("button", name="Stop following this question")).to_be_visible()
    assert page.evaluate("window.__same_page === true"), "following reloaded the page"
    page.get_by_label("Your answer").fill("The 24 cm universal glass lid fits it perfectly.")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.get_by_role("article", name="Answer by Helpful Hugo")).to_be_visible()
    _sign_out(page)

    assert [message.to for message in mail.outbox] == [[asker.email]]

    _sign_in(page, "asker")
    bell = page.get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    item = page.locator(".notification").first
    expect(item).to_contain_text("New answer to your question")
    expect(item).to_contain_text("Which lid fits the 24 cm pan?")
    expect(item).to_contain_text("Helpful Hugo")

    page.evaluate("window.__same_page = true")
    item.get_by_role("button", name="Mark as read").click()
    expect(page.locator(".notification--unread")).to_have_count(0)
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()
    assert page.evaluate("window.__same_page === true"), "marking read reloaded the page"

    page.get_by_role("link", name="New answer to your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which lid fits the 24 cm pan?")
    assert "#answer-" in page.url
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()


def test_on_a_phone_the_bell_shows_without_opening_the_menu(page, user_factory):
    asker = user_factory(username="asker")
    helper = user_factory(username="helper")
    question = qa_services.question_create(
        author=asker, title="Does the lid fit?", body="Curious.", phase=Phase.AFTER_PURCHASE
    )
    qa_services.answer_create(question=question, author=helper, body="It does.")

    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in_folded(page, "asker")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    bell = page.get_by_role("banner").get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")


def _sign_in_folded(page, username):
    """Sign in on a phone, where the account links sit behind the Menu button."""
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Menu")).to_be_visible()
