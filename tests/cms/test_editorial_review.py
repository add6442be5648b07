"""An editor polishes a promoted answer and publishes it through the knowledge-base review;
the people who can approve hear of it (bell and e-mail), and the submitter hears the outcome."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import ArticlePage
from community.common.buying_phase import Phase
from community.notifications.models import Notification
from qa import services as qa_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def answer(user_factory, product_factory):
    question = qa_services.question_create(
        author=user_factory(),
        title="My kettle shows E1, what now?",
        body="It beeps.",
        phase=Phase.AFTER_PURCHASE,
        product=product_factory(title="Kettle"),
        tags=[],
    )
    return qa_services.answer_create(
        question=question, author=user_factory(), body="I filled it with water and waited."
    )


@pytest.fixture
def editors(user_factory):
    group = Group.objects.get(name="Editors")
    eva, olga = user_factory(username="eva"), user_factory(username="olga")
    for editor in (eva, olga):
        editor.groups.add(group)
    return eva, olga


@pytest.fixture
def moderator(user_factory):
    sam = user_factory(username="sam", is_staff=True)
    sam.groups.add(Group.objects.get(name="Moderators"))
    return sam


def _submit(client, article):
    empty = {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "What E1 on the kettle means.",
            "body": streamfield([("heading", "What E1 means")]),
            "tags": "",
            "manuals": empty,
            "related_links": empty,
            "action-submit": "submit",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)


def test_an_editor_publishes_a_promoted_answer_through_the_review(
    client,
    knowledge_base,
    answer,
    editors,
    moderator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    eva, olga = editors
    # Staff promote the answer and are told what happens next, in the editor.
    client.force_login(moderator)
    response = client.post(reverse("qa:answer-promote", args=[answer.pk]))
    article = ArticlePage.objects.get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[article.pk])
    told = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "Submit for review" in told and "an editor approves it" in told

    # Eva's dashboard lists the draft; its editor starts with the hint to reword it.
    client.force_login(eva)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Knowledge-base drafts waiting for you" in dashboard
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in dashboard
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "reword it in the shop&#x27;s voice" in editor

    # She submits it: the other editor hears of it (bell and e-mail), the moderator does not.
    with django_capture_on_commit_callbacks(execute=True):
        assert _submit(client, article).status_code == 302
    waiting = Notification.objects.filter(kind="article_waits_for_approval")
    assert set(waiting.values_list("recipient__username", flat=True)) == {"olga"}
    to_olga = [message for message in mailoutbox if message.to == [olga.email]]
    assert len(to_olga) == 1
    assert to_olga[0].subject == "Waiting for your approval: “My kettle shows E1, what now?”"
    assert not [message for message in mailoutbox if moderator.email in message.to]
    # The draft left Eva's list of drafts (the only one, so the panel is gone): it is in review.
    client.force_login(eva)
    assert (
        "Knowledge-base drafts waiting for you"
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )

    # The moderator may not approve it; Olga may, and it goes live; Eva hears that it did.
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]
    )
    client.force_login(moderator)
    refused = client.post(approve_url, {"comment": ""})
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    article.refresh_from_db()
    assert not article.live
    client.force_login(olga)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve_url, {"comment": ""})
    article.refresh_from_db()
    assert article.live
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    decided = Notification.objects.get(kind="article_review_decided")
    assert decided.recipient == eva
    assert decided.text == "“My kettle shows E1, what now?” was approved and is live."


def test_the_admin_shows_the_members_own_avatar_and_never_asks_an_outside_host(
    client, editors, settings
):
    eva, _olga = editors
    client.force_login(eva)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar" not in html
    assert "default-user-avatar" in html
    eva.avatar = "avatars/eva.jpg"
    eva.save(update_fields=["avatar"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/avatars/eva.jpg" in html
