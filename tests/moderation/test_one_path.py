"""One hide/restore/approve/delete path and one endpoint for every kind of content: the apps
register their kinds, staff tools on an item's page post to the queue's endpoint, and the
buttons shown are the ones moderation.permissions allows."""

import pytest
from django.core.exceptions import ValidationError

from community.moderation import services
from community.moderation.enums import AuditAction, ContentStatus
from community.moderation.models import AuditLogEntry
from community.moderation.permissions import moderation_actions
from community.moderation.registry import KINDS
from forum.models import Post, Topic
from qa.models import Answer, Comment, Question, Review

pytestmark = pytest.mark.django_db

DECIDE = "/moderation/decide/"


def hold(item):
    type(item).objects.filter(pk=item.pk).update(status=ContentStatus.PENDING)
    item.refresh_from_db()
    return item


def test_the_apps_register_every_kind_of_content():
    assert {key: kind.model for key, kind in KINDS.items()} == {
        "question": Question,
        "answer": Answer,
        "comment": Comment,
        "review": Review,
        "topic": Topic,
        "post": Post,
    }


def test_a_staff_tool_decision_goes_back_where_staff_came_from(staff_client, question_factory):
    question = question_factory()
    back = f"{question.get_absolute_url()}?sort=votes"

    response = staff_client.post(
        DECIDE,
        {"item": f"question:{question.pk}", "action": "hide", "reason": "Spam", "next": back},
        follow=True,
    )

    assert response.redirect_chain[0][0] == back
    assert "Hidden. Nothing is lost: you can restore it." in response.content.decode()
    question.refresh_from_db()
    assert (question.status, question.status_reason) == (ContentStatus.HIDDEN, "Spam")


def test_a_staff_tool_ignores_an_address_on_another_site(staff_client, question_factory):
    question = question_factory()

    response = staff_client.post(
        DECIDE,
        {
            "item": f"question:{question.pk}",
            "action": "hide",
            "reason": "Spam",
            "next": "https://elsewhere.example/",
        },
    )

    assert response["Location"] == question.get_absolute_url()


@pytest.mark.parametrize("kind", ["question", "answer", "topic", "review"])
def test_hiding_needs_a_reason_for_every_kind(
    kind,
    staff_client,
    staff_user,
    product,
    question_factory,
    answer_factory,
    topic_factory,
    review_factory,
):
    make = {
        "question": question_factory,
        "answer": lambda: answer_factory(question=question_factory()),
        "topic": topic_factory,
        "review": lambda: review_factory(product=product),
    }[kind]
    item = make()

    response = staff_client.post(
        DECIDE, {"item": f"{kind}:{item.pk}", "action": "hide", "reason": "  "}, follow=True
    )

    assert "Please give a reason: the author sees it." in response.content.decode()
    item.refresh_from_db()
    assert item.status == ContentStatus.PUBLISHED
    with pytest.raises(ValidationError):
        services.content_hide(item=item, staff=staff_user, reason="")
    assert not AuditLogEntry.objects.exists()


def test_approving_a_held_post_from_its_page_announces_it(
    staff_client, question_factory, answer_factory, monkeypatch
):
    from community.notifications import events

    announced = []
    monkeypatch.setattr(events, "content_published", announced.append)
    answer = hold(answer_factory(question=question_factory()))

    staff_client.post(DECIDE, {"item": f"answer:{answer.pk}", "action": "approve"})

    answer.refresh_from_db()
    assert answer.status == ContentStatus.PUBLISHED
    assert announced == [answer]
    assert AuditLogEntry.objects.get().action == AuditAction.APPROVE


def test_writing_an_approval_to_the_audit_log_announces_nothing(
    staff_user, question_factory, monkeypatch
):
    from community.notifications import events

    announced = []
    monkeypatch.setattr(events, "content_published", announced.append)

    services.audit_record(actor=staff_user, action=AuditAction.APPROVE, target=question_factory())

    assert announced == []


def test_restoring_a_merged_topic_is_refused_with_the_forums_reason(
    staff_client, staff_user, topic_factory
):
    topic = topic_factory()
    services.content_hide(item=topic, staff=staff_user, reason="Merged")
    Topic.objects.filter(pk=topic.pk).update(merged_into=topic_factory())

    response = staff_client.post(
        DECIDE, {"item": f"topic:{topic.pk}", "action": "restore"}, follow=True
    )

    assert "This topic was merged into another; it cannot come back." in (response.content.decode())
    assert Topic.objects.get(pk=topic.pk).status == ContentStatus.HIDDEN


# SECTION which buttons staff get


def test_members_get_no_moderation_buttons(customer, question_factory):
    assert not moderation_actions(customer, question_factory()).any


def test_staff_may_hide_and_delete_a_public_post_but_not_restore_it(staff_user, question_factory):
    actions = moderation_actions(staff_user, question_factory())

    assert (actions.hide, actions.delete, actions.keep) == (True, True, True)
    assert (actions.approve, actions.restore) == (False, False)


def test_staff_approve_a_held_post(staff_user, question_factory):
    actions = moderation_actions(staff_user, hold(question_factory()))

    assert (actions.approve, actions.hide, actions.restore) == (True, True, False)


def test_staff_restore_a_hidden_post_and_cannot_hide_it_again(staff_user, question_factory):
    question = question_factory()
    services.content_hide(item=question, staff=staff_user, reason="Spam")

    actions = moderation_actions(staff_user, question)

    assert (actions.restore, actions.hide, actions.approve) == (True, False, False)


def test_staff_cannot_hide_a_post_its_author_withdrew(staff_user, question_factory):
    question = question_factory()
    services.content_delete_by_author(item=question, author=question.author)

    actions = moderation_actions(staff_user, question)

    assert (actions.hide, actions.delete, actions.restore) == (False, False, True)
    with pytest.raises(ValidationError):
        services.content_hide(item=question, staff=staff_user, reason="Spam")


def test_a_merged_topic_offers_no_restore(staff_user, topic_factory):
    topic = topic_factory()
    services.content_hide(item=topic, staff=staff_user, reason="Merged")
    Topic.objects.filter(pk=topic.pk).update(merged_into=topic_factory())
    topic.refresh_from_db()

    assert not moderation_actions(staff_user, topic).restore


def test_the_page_shows_staff_the_one_form_and_members_nothing(
    staff_client, client_for, customer, question_factory
):
    question = question_factory()

    staff_page = staff_client.get(question.get_absolute_url()).content.decode()
    member_page = client_for(customer).get(question.get_absolute_url()).content.decode()

    assert f'name="item" value="question:{question.pk}"' in staff_page
    assert 'action="/moderation/decide/"' in staff_page
    assert 'action="/moderation/decide/"' not in member_page
