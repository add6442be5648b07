"""A moderator works the queue from the keyboard: Enter in a row's reason box hides that
row's post, Enter in its "Suspend for" box suspends that row's author; never another row,
never the form's bulk action."""

from playwright.sync_api import expect

from community.moderation.enums import ContentStatus
from tests.browser.test_qa_journey import _sign_in
from tests.moderation.test_queue import flag

REASON = "Reason (the author sees it)"


def _row(page, title):
    return page.locator("[data-row-actions]").filter(has_text=title)


def test_enter_acts_on_its_own_row(page, user_factory, question_factory):
    lids = question_factory(title="First reported question about lids")
    kettles = question_factory(title="Second reported question about kettles")
    for item in (lids, kettles):
        flag(item, by=user_factory(), reason="rude")
    user_factory(username="mod", is_staff=True)
    _sign_in(page, "mod")
    page.goto("/moderation/")

    _row(page, "kettles").get_by_placeholder(REASON).fill("Rude to other members")
    _row(page, "kettles").get_by_placeholder(REASON).press("Enter")
    expect(_row(page, "kettles")).to_have_count(0)

    lids.refresh_from_db()
    kettles.refresh_from_db()
    assert kettles.status == ContentStatus.HIDDEN
    assert lids.status == ContentStatus.PUBLISHED

    _row(page, "lids").get_by_placeholder(REASON).fill("Keeps being rude")
    _row(page, "lids").get_by_label("Suspend for").fill("30")
    with page.expect_navigation():
        _row(page, "lids").get_by_label("Suspend for").press("Enter")

    lids.refresh_from_db()
    lids.author.refresh_from_db()
    assert lids.author.suspended_until is not None
    assert lids.status == ContentStatus.PUBLISHED  # the post stays; its author is suspended
