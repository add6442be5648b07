"""Staff promote a helpful answer into a knowledge-base draft; an editor rewords it and
submits it for review; another editor approves it, confirming first, and it is public."""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cms.models import ArticlePage
from community.common.buying_phase import Phase
from qa import services as qa_services
from tests.browser.test_qa_journey import _sign_in, _sign_out


def _editor(user_factory, username, name):
    """An editor as the demo has them: a member in the "Editors" group, not staff."""
    editor = user_factory(username=username, display_name=name)
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def _more_actions(page):
    """The editor's footer: open the menu under "Save draft" where the other actions are."""
    page.get_by_role("button", name="More actions").click()


def test_an_editor_publishes_a_promoted_answer(page, user_factory, knowledge_base, product_factory):
    sam = user_factory(username="sam", display_name="Sam Support", is_staff=True)
    sam.groups.add(Group.objects.get(name="Moderators"))
    _editor(user_factory, "eva", "Eva Editor")
    _editor(user_factory, "olga", "Olga Editor")
    index, _sections = knowledge_base
    index.save_revision().publish()
    question = qa_services.question_create(
        author=user_factory(),
        title="My kettle shows E1, what now?",
        body="It beeps three times.",
        phase=Phase.AFTER_PURCHASE,
        product=product_factory(title="Camping kettle"),
        tags=[],
    )
    qa_services.answer_create(
        question=question,
        author=user_factory(display_name="Helpful Hugo"),
        body="I filled it with water and waited ten minutes; the E1 went away.",
    )

    # Staff promote the answer and land in the page editor, told what happens next.
    _sign_in(page, "sam")
    page.goto(question.get_absolute_url())
    page.get_by_role("article", name="Answer by Helpful Hugo").get_by_role(
        "button", name="Promote to article"
    ).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_text("an editor approves it")).to_be_visible()
    edit_url = page.url
    page.goto("/")
    _sign_out(page)

    # Eva opens the draft: the hint asks her to reword it; she does and submits it for review.
    _sign_in(page, "eva")
    page.goto(edit_url)
    expect(page.get_by_text("reword it in the shop's voice")).to_be_visible()
    page.get_by_role("textbox", name=re.compile(r"^Summary")).fill(
        "What E1 on the camping kettle means and how to clear it."
    )
    _more_actions(page)
    page.get_by_role("button", name="Submit to Knowledge base review").click()
    expect(page.get_by_text(re.compile("has been submitted"))).to_be_visible()
    article = ArticlePage.objects.get()
    assert not article.live
    page.goto("/")
    _sign_out(page)

    # Olga approves: the approve action asks her to confirm that it goes live, then says so.
    _sign_in(page, "olga")
    page.goto(edit_url)
    _more_actions(page)
    page.get_by_role("button", name="Approve and publish").click()
    dialog = page.get_by_role("dialog")
    expect(
        dialog.get_by_text("Approving publishes “My kettle shows E1, what now?”")
    ).to_be_visible()
    article.refresh_from_db()
    assert not article.live, "approving acted before the editor confirmed"
    dialog.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("is approved and published")).to_be_visible()
    page.get_by_role("link", name="View the article").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My kettle shows E1, what now?")

    # Everyone can read it now.
    page.goto("/")
    _sign_out(page)
    page.goto(ArticlePage.objects.get().url)
    expect(page.get_by_role("heading", level=1)).to_have_text("My kettle shows E1, what now?")
    expect(page.get_by_text("on the camping kettle means")).to_be_visible()
