"""Approving a knowledge-base article publishes it, so the editor confirms first, and afterwards
reads that it is published; the review works the same in a translated knowledge base."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import ArticlePage, KnowledgeBaseApprovalTask
from cms.services import KB_WORKFLOW_NAME, knowledge_base_workflow_get_or_create

pytestmark = pytest.mark.django_db

PUBLISHED = "is approved and published: everyone can read it on the site now."


@pytest.fixture
def editor(user_factory):
    olga = user_factory(username="olga")
    olga.groups.add(Group.objects.get(name="Editors"))
    return olga


@pytest.fixture
def in_review(article_factory, user_factory):
    """A draft article submitted for review by another editor: (article, its task state)."""
    article = article_factory(title="Descaling the kettle", live=False)
    submitter = user_factory(username="eva")
    submitter.groups.add(Group.objects.get(name="Editors"))
    article.save_revision(user=submitter)
    article.get_workflow().start(article, submitter)
    return article, TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)


def _action_url(name, article, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[article.pk, name, task_state.pk])


def _told(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_the_review_step_is_a_knowledge_base_approval(knowledge_base):
    workflow = knowledge_base_workflow_get_or_create()
    task = workflow.tasks.get().specific
    assert isinstance(task, KnowledgeBaseApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Editors"]


def test_the_editor_offers_approval_only_through_a_confirmation(client, editor, in_review):
    article, task_state = in_review
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    # One approve button, and it opens the confirmation instead of acting at once.
    assert html.count('data-workflow-action-name="approve"') == 1
    collect_url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=[article.pk, "approve", task_state.pk],
    )
    assert (
        f'data-workflow-action-name="approve" data-workflow-action-modal-url="{collect_url}"'
        in (html)
    )
    assert "Approve and publish" in html

    confirmation = client.get(collect_url).json()
    assert confirmation["step"] == "action"
    assert "Approving publishes “Descaling the kettle” at once" in confirmation["html"]
    assert "Approve and publish" in confirmation["html"]
    article.refresh_from_db()
    assert not article.live  # asking is not approving


def test_confirming_on_the_action_endpoint_publishes_and_says_so(
    client, editor, in_review, django_capture_on_commit_callbacks
):
    article, task_state = in_review
    client.force_login(editor)
    url = _action_url("approve", article, task_state)
    # Opening the action shows the confirmation; nothing happens yet.
    modal = client.get(url).json()
    assert "Approving publishes “Descaling the kettle” at once" in modal["html"]
    article.refresh_from_db()
    assert not article.live

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": "Clear and short, thanks."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    told = _told(response)
    assert f"“Descaling the kettle” {PUBLISHED}" in told
    assert article.url in told  # with a link to the article


def test_confirming_from_the_modal_returns_json_and_the_message_follows(client, editor, in_review):
    article, task_state = in_review
    client.force_login(editor)
    response = client.post(
        _action_url("approve", article, task_state),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["step"] == "success"
    following = client.get(response.json()["redirect"])
    assert PUBLISHED in following.content.decode()


def test_approving_from_the_page_editor_says_published_not_updated(client, editor, in_review):
    """The modal hands the comment back to the editor form, which saves and approves."""
    article, task_state = in_review
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    empty = {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}
    data = nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": "How to descale the kettle.",
            "body": streamfield([("heading", "Descaling")]),
            "tags": "",
            "manuals": empty,
            "related_links": empty,
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": ""}',
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.context["form"].errors
    article.refresh_from_db()
    assert article.live
    told = _told(response)
    assert PUBLISHED in told
    assert "has been updated" not in told


def test_requesting_changes_publishes_nothing_and_says_nothing_of_it(client, editor, in_review):
    article, task_state = in_review
    client.force_login(editor)
    response = client.post(_action_url("reject", article, task_state), {"comment": "Reword it."})
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live
    assert PUBLISHED not in _told(response)


def test_someone_outside_the_editors_can_neither_see_nor_confirm_the_approval(
    client, user_factory, in_review
):
    article, task_state = in_review
    outsider = user_factory(username="sam", is_staff=True)
    outsider.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(outsider)
    url = _action_url("approve", article, task_state)
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert not article.live
    assert PUBLISHED not in _told(response)


def test_approving_a_review_that_already_ended_publishes_nothing_again(client, editor, in_review):
    article, task_state = in_review
    client.force_login(editor)
    url = _action_url("approve", article, task_state)
    client.post(url, {"comment": ""})
    client.get(reverse("wagtailadmin_home"))  # reads the first message
    again = client.post(url, {"comment": ""})
    assert again.status_code == 302
    told = _told(again)
    assert "not currently awaiting moderation" in told
    assert PUBLISHED not in told


def test_the_migration_turns_the_existing_review_step_into_a_confirming_one(db, user_factory):
    """A site whose review was made before: its group approval becomes a knowledge-base
    approval, keeping its id, groups and the review in progress."""
    migration = __import__("cms.migrations.0006_knowledge_base_approval_confirms", fromlist=["x"])
    editors = Group.objects.get(name="Editors")
    workflow = Workflow.objects.create(name=KB_WORKFLOW_NAME, active=True)
    task = GroupApprovalTask.objects.create(name="Editorial approval")
    task.groups.set([editors])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    other = GroupApprovalTask.objects.create(name="Legal check")

    migration.to_knowledge_base_approval(apps, None)

    converted = Task.objects.get(pk=task.pk).specific
    assert isinstance(converted, KnowledgeBaseApprovalTask)
    assert converted.name == "Editorial approval"
    assert list(converted.groups.all()) == [editors]
    assert type(Task.objects.get(pk=other.pk).specific) is GroupApprovalTask

    migration.to_group_approval(apps, None)
    assert type(Task.objects.get(pk=task.pk).specific) is GroupApprovalTask
    assert list(GroupApprovalTask.objects.get(pk=task.pk).groups.all()) == [editors]


def test_a_translated_knowledge_base_is_reviewed_the_same_way(
    settings, knowledge_base, article_factory, editor, user_factory, client
):
    settings.WAGTAIL_I18N_ENABLED = True
    index, _sections = knowledge_base
    article = article_factory(title="Descaling the kettle", live=True)
    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    index.get_parent().copy_for_translation(dutch)
    index.copy_for_translation(dutch)
    article.get_parent().copy_for_translation(dutch)
    vertaald = article.copy_for_translation(dutch)
    assert vertaald.locale == dutch and not vertaald.live

    assert vertaald.get_workflow().name == KB_WORKFLOW_NAME
    submitter = user_factory(username="eva")
    submitter.groups.add(Group.objects.get(name="Editors"))
    vertaald.save_revision(user=submitter)
    vertaald.get_workflow().start(vertaald, submitter)
    task_state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)

    client.force_login(editor)
    response = client.post(_action_url("approve", vertaald, task_state), {"comment": ""})
    vertaald = ArticlePage.objects.get(pk=vertaald.pk)
    assert vertaald.live
    assert PUBLISHED in _told(response)
