"""Under the Content-Security-Policy nothing the pages need is blocked: the browser reports
no violation on the public pages (htmx and the site's script included) nor in the admin."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import PASSWORD

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    (window.__violations = window.__violations || []).push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


def _violations(page) -> list[str]:
    return page.evaluate("window.__violations || []")


def test_no_page_breaks_the_policy(page, user_factory, question_factory, product):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.context.add_init_script(REPORT_VIOLATIONS)
    editor = user_factory(username="editor", is_staff=True, is_superuser=True)
    question = question_factory(answers=1, product=product)
    home = product.get_parent().get_parent()  # the site's home page, made with the product

    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()

    for path in (
        "/",  # with the Wagtail user bar, as editors see it
        question.get_absolute_url(),
        reverse("qa:question-ask"),
        "/admin/",
        f"/admin/pages/{home.pk}/edit/",
        "/django-admin/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert _violations(page) == [], (path, _violations(page))
    # The editor's preview shows the public page, with the public policy, in a frame.
    page.goto(f"/admin/pages/{home.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe[src*='/preview/']")
    expect(preview.locator("main#main")).to_be_attached()
    # The ask form's suggestions come through htmx as the title is typed.
    page.goto(reverse("qa:question-ask"))
    page.get_by_label("Your question").fill("Does the lid fit the pan?")
    page.wait_for_load_state("networkidle")
    assert _violations(page) == []
    assert blocked == []
