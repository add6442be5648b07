"""The site's own pages pass axe's automated accessibility checks (WCAG 2.1 A and AA, and
axe's best practices), signed out, signed in and as staff, on a wide screen and on a phone:
each page as it loads, and a few states a visitor brings about (a form with errors, the menu
opened on a phone, the search box's first results). Wagtail's admin is not ours: left out.

axe-core comes bundled with axe-playwright-python: nothing is fetched while the tests run.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from cms.enums import Layer
from community.moderation import services as moderation
from community.moderation.enums import FlagReason
from tests.browser.test_qa_journey import _sign_in

WIDTHS = {"wide": 1280, "phone": 390}
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


def _with_errors(button: str):
    """Send the page's form as it is (empty): the page comes back with its errors."""

    def act(page):
        page.get_by_role("main").get_by_role("button", name=button).click()
        expect(page.locator(".errorlist, [aria-invalid='true']").first).to_be_attached()

    return act


def _menu_opened(page):
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible():  # the phone's menu; a wide screen shows the links as they are
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")


def _typed_in_search(page):
    page.get_by_label("Search the community").fill("kettle")
    expect(page.locator("#site-search-typeahead")).to_be_visible()


@pytest.fixture
def site(
    settings,
    user_factory,
    product_factory,
    question_factory,
    answer_factory,
    board_factory,
    topic_factory,
    knowledge_base,
    article_factory,
    faq_factory,
    review_factory,
):
    """A little of everything the pages show; the pages (name, address, what the visitor does
    there, if anything) for each kind of visitor."""
    member = user_factory(username="mira", display_name="Mira Member", reputation=50)
    staff = user_factory(username="sam", display_name="Sam Support", is_staff=True)
    product = product_factory(title="Camping kettle")
    question = question_factory(
        title="Does the camping kettle work on induction?", product=product, author=member
    )
    answer = answer_factory(question=question, body="Yes, it has a **steel** base; it works.")
    review_factory(product=product)
    board = board_factory(name="Tips and tricks", slug="tips")
    topic = topic_factory(board=board, title="Cleaning the kettle with vinegar", replies=1)
    showcase = board_factory(name="Show your setup", slug="showcase", is_showcase=True)
    topic_factory(board=showcase, title="My camping kitchen", product=product)
    index, sections = knowledge_base
    index.save_revision().publish()
    article = article_factory(title="Descaling the kettle", products=[product])
    faq = faq_factory(
        parent=sections[Layer.AFTER_BUYING], pairs=[("How long is the warranty?", "Two years.")]
    )
    # The moderation queue has something in it: a report, and a newcomer's held first post.
    moderation.flag_create(flagger=member, target=answer, reason=FlagReason.WRONG_INFORMATION)
    settings.MODERATION_HOLD_FIRST_POSTS = 1
    answer_factory(question=question, body="Mine works too, on a small induction plate.")
    settings.MODERATION_HOLD_FIRST_POSTS = 0

    public = [
        ("home", "/", None),
        ("home, menu open", "/", _menu_opened),
        ("home, search typed", "/", _typed_in_search),
        ("questions", reverse("qa:question-list"), None),
        ("question", question.get_absolute_url(), None),
        ("products", product.get_parent().url, None),
        ("product", product.url, None),
        ("forum", reverse("forum:board-list"), None),
        ("board", board.get_absolute_url(), None),
        ("topic", topic.get_absolute_url(), None),
        ("knowledge base", index.url, None),
        ("article", article.url, None),
        ("faq", faq.url, None),
        ("search", reverse("search") + "?q=kettle", None),
        ("showcase", showcase.get_absolute_url(), None),
        ("leaderboard", reverse("reputation:leaderboard"), None),
        ("profile", reverse("reputation:profile", args=["mira"]), None),
    ]
    return {
        "visitor": [
            *public,
            ("sign in", reverse("account_login"), None),
            ("sign in, with errors", reverse("account_login"), _with_errors("Sign In")),
            ("sign up", reverse("account_signup"), None),
            ("sign up, with errors", reverse("account_signup"), _with_errors("Sign Up")),
        ],
        "member": [
            *public,
            ("ask", reverse("qa:question-ask") + f"?product={product.pk}", None),
            (
                "ask, with errors",
                reverse("qa:question-ask"),
                _with_errors("Post your question"),
            ),
            ("new topic", reverse("forum:topic-create", args=[board.slug]), None),
            ("notifications", reverse("notifications:list"), None),
            ("notification settings", reverse("notifications:settings"), None),
            ("profile settings", reverse("accounts:profile-edit"), None),
            ("e-mail settings", reverse("account_email"), None),
            ("password", reverse("account_change_password"), None),
            ("privacy", reverse("accounts:privacy"), None),
            ("my reports", reverse("moderation:my-reports"), None),
        ],
        "staff": [
            ("member home", "/", None),
            ("moderation queue", reverse("moderation:queue"), None),
            ("audit log", reverse("moderation:audit-log"), None),
            ("question, staff tools", question.get_absolute_url(), None),
        ],
        "users": {"member": member, "staff": staff},
    }


def _violations(page, name: str, axe: Axe) -> list[str]:
    results = axe.run(page, options=AXE_OPTIONS)
    return [
        f"{name} ({page.url}): {violation['id']} ({violation['impact']}) at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        + f" — {violation['help']}"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("who", ["visitor", "member", "staff"])
def test_pages_have_no_accessibility_violations(page, site, who, width):
    if who != "visitor":
        _sign_in(page, site["users"][who].username)  # at the default (wide) size
    page.set_viewport_size({"width": width, "height": 900})
    axe = Axe()
    found = []
    for name, url, act in site[who]:
        response = page.goto(url)
        assert response is not None and response.ok, f"{name}: {url} answered {response.status}"
        if act is not None:
            act(page)
        found += _violations(page, name, axe)
    assert not found, "axe found accessibility problems:\n" + "\n".join(found)
