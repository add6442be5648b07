"""A member reports an answer without leaving the page; staff find it in the queue, hide it
with a reason, and the reporter sees the outcome. A newcomer's first answer waits for
approval and appears once a moderator approves it."""

from playwright.sync_api import expect

from community.common.buying_phase import Phase
from qa import services
from tests.conftest import PASSWORD


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()


def _sign_out(page):
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()


def test_a_report_reaches_the_queue_and_the_reporter_sees_the_outcome(page, user_factory, settings):
    settings.MODERATION_HOLD_FIRST_POSTS = 1
    asker = user_factory(username="asker", reputation=100)
    spammer = user_factory(username="spammer", reputation=100)
    user_factory(username="reporter")
    user_factory(username="newcomer")
    user_factory(username="support", display_name="Sam Support", is_staff=True)
    question = services.question_create(
        author=asker,
        title="Does the lid fit the 28 cm skillet?",
        body="I have the skillet.",
        phase=Phase.BEFORE_PURCHASE,
    )
    services.answer_create(
        question=question, author=spammer, body="Buy cheap lids at our shop, great deals."
    )

    _sign_in(page, "reporter")
    page.goto(question.get_absolute_url())
    page.evaluate("window.__same_page = true")
    answer = page.locator(".answer", has_text="Buy cheap lids")
    answer.get_by_text("Report", exact=True).click()
    answer.get_by_label("Spam or advertising").check()
    answer.get_by_role("button", name="Send the report").click()
    expect(answer.get_by_text("Thank you. A moderator will look at it.")).to_be_visible()
    assert page.evaluate("window.__same_page === true"), "reporting reloaded the page"
    _sign_out(page)

    _sign_in(page, "newcomer")
    page.goto(question.get_absolute_url())
    page.get_by_label("Your answer").fill("Yes, the 28 cm lid fits it well; I use both daily.")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.get_by_text("waits for a moderator's approval")).to_be_visible()
    expect(page.get_by_text("Waiting for approval by a moderator")).to_be_visible()
    _sign_out(page)

    _sign_in(page, "support")
    page.get_by_role("link", name="Moderation (2)").click()
    spam_row = page.locator(".moderation-row", has_text="Buy cheap lids")
    expect(spam_row).to_contain_text("Spam or advertising")
    spam_row.get_by_label("Reason (the author sees it)").fill("Advertising another shop")
    spam_row.get_by_role("button", name="Hide").click()
    expect(page.get_by_text("Hid 1 item.")).to_be_visible()
    held_row = page.locator(".moderation-row", has_text="the 28 cm lid fits")
    expect(held_row).to_contain_text("Held for approval")
    held_row.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Nothing waits for a decision.")).to_be_visible()
    expect(page.get_by_role("link", name="Moderation (0)")).to_be_visible()
    page.get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("cell", name="Advertising another shop")).to_be_visible()
    _sign_out(page)

    _sign_in(page, "reporter")
    page.goto(question.get_absolute_url())
    expect(page.get_by_text("Buy cheap lids")).to_have_count(0)
    expect(page.get_by_text("the 28 cm lid fits it well")).to_be_visible()
    page.goto("/moderation/reports/")
    expect(page.get_by_text("A moderator agreed and acted")).to_be_visible()
