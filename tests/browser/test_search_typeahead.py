"""A customer types into the header's search box, sees the first results appear, picks one
with the arrow keys and opens it with Enter; without JavaScript the box is a plain search."""

import re

from playwright.sync_api import expect

from cms.enums import Layer
from tests.browser.test_content_security import REPORT_VIOLATIONS
from tests.conftest import PASSWORD


def test_type_ahead_by_keyboard(page, knowledge_base, article_factory, question_factory):
    article = article_factory(
        section=knowledge_base[1][Layer.AFTER_BUYING], title="Descaling the kettle"
    )
    question = question_factory(title="Kettle descaling with vinegar?", answers=1)

    page.context.add_init_script(REPORT_VIOLATIONS)
    page.goto("/questions/")
    box = page.get_by_role("combobox", name="Search the community")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("kettle desc", delay=40)

    listbox = page.get_by_role("listbox", name="Search suggestions")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(3)  # two results and "See all results"
    expect(options.first).to_contain_text("Descaling the kettle")
    expect(options.first).to_contain_text("Article")
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#site-search-status")).to_have_text(re.compile(r"^2 suggestions\."))
    assert page.evaluate("window.__violations || []") == []  # nothing the policy blocks

    box.press("ArrowDown")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-option-2")
    expect(box).to_be_focused()
    box.press("ArrowUp")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")

    box.press("Escape")  # closes the list, keeps what was typed
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("kettle desc")
    box.press("ArrowDown")  # opens it again on the first option
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")

    box.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(article.url) + "$"))
    assert question.title not in page.title()


def test_enter_without_a_chosen_option_searches(page, question_factory):
    question_factory(title="Kettle lid stuck")

    page.goto("/")
    box = page.get_by_role("combobox", name="Search the community")
    box.press_sequentially("kettle", delay=40)
    expect(page.get_by_role("listbox", name="Search suggestions")).to_be_visible()
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=kettle$"))
    expect(page.get_by_role("link", name="Kettle lid stuck")).to_be_visible()


def test_without_javascript_the_box_is_a_plain_search(page, live_server, question_factory):
    question_factory(title="Kettle lid stuck")
    context = page.context.browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto("/")
        box = tab.get_by_role("searchbox", name="Search the community")
        box.fill("kettle lid")
        box.press("Enter")
        expect(tab).to_have_url(re.compile(r"/search/\?q=kettle\+lid$"))
        expect(tab.get_by_role("link", name="Kettle lid stuck")).to_be_visible()
    finally:
        context.close()


def test_the_ask_form_shows_answers_that_may_already_help(
    page, user_factory, knowledge_base, article_factory, question_factory
):
    """A customer types a question the way they would say it ("rusty"); before posting, the
    form offers the article and the answered question about rust."""
    article = article_factory(
        section=knowledge_base[1][Layer.AFTER_BUYING], title="Rust on cast iron: how to fix it"
    )
    question_factory(title="My skillet is rusting after washing", answers=1)
    question_factory(title="Which oil for seasoning?", answers=1)
    user_factory(username="asker")

    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill("asker")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.goto("/questions/ask/")
    page.get_by_label("Your question").press_sequentially("pan rusty after washing", delay=30)

    slot = page.locator(".search-suggestions-slot")
    expect(slot.get_by_role("link", name=article.title)).to_be_visible()
    expect(slot.get_by_role("link", name="My skillet is rusting after washing")).to_be_visible()
    expect(slot).not_to_contain_text("Which oil for seasoning?")
