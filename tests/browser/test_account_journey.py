"""A newcomer signs up, confirms their e-mail from the outbox, signs out and back in."""

import re

from playwright.sync_api import expect

PASSWORD = "a-long-and-unusual-passphrase-7"


def test_sign_up_confirm_email_and_sign_in(page, db, mailoutbox):
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name="Join", exact=True).click()

    page.get_by_label("Email").fill("jovan@example.com")
    page.get_by_label("Username").fill("jovan")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mailoutbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("link", name="jovan", exact=True)).to_be_visible()

    header = page.get_by_role("banner")
    header.get_by_role("button", name="Sign out").click()
    expect(header.get_by_role("link", name="Sign in")).to_be_visible()

    header.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username or email").fill("jovan@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="jovan", exact=True)).to_be_visible()


def test_keyboard_user_can_skip_to_the_main_content(page, db):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
