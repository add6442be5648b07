"""Every decision that restricts a member's content or account leaves a statement of reasons
the member reads on their post, in a notification and under "Decisions about my content"."""

import pytest
from django.urls import reverse

from community.moderation import services
from community.moderation.enums import ContentStatus, DecisionGround, DecisionType
from community.moderation.models import DecisionStatement, MemberWarning
from community.notifications.enums import NotificationKind
from community.notifications.models import Notification
from forum import services as forum_services
from qa import services as qa_services

pytestmark = pytest.mark.django_db

DECIDE = "/moderation/decide/"
MY_DECISIONS = "/moderation/decisions/"


def trusted(user):
    type(user).objects.filter(pk=user.pk).update(reputation=100)
    user.refresh_from_db()
    return user


def only_statement(**where) -> DecisionStatement:
    statements = list(DecisionStatement.objects.filter(**where))
    assert len(statements) == 1, statements
    return statements[0]


def test_hiding_from_a_posts_page_states_the_reasons_with_the_chosen_rule(
    staff_client, staff_user, question_factory, answer_factory, client_for
):
    answer = answer_factory(question=question_factory())

    staff_client.post(
        DECIDE,
        {
            "item": f"answer:{answer.pk}",
            "action": "hide",
            "reason": "A link to a shop selling fakes",
            "ground": DecisionGround.ILLEGAL,
            "ground_detail": "Trademark law, art. 2.20",
        },
    )

    statement = only_statement(member=answer.author)
    assert statement.decision == DecisionType.HIDE
    assert statement.target == answer
    assert statement.facts == "A link to a shop selling fakes"
    assert (statement.ground, statement.ground_detail) == (
        DecisionGround.ILLEGAL,
        "Trademark law, art. 2.20",
    )
    assert statement.automated is False and statement.decided_by == staff_user
    author = client_for(answer.author)
    post_page = author.get(answer.get_absolute_url()).content.decode()
    about = reverse("moderation:decision-about", args=["answer", answer.pk])
    assert about in post_page
    assert author.get(about)["Location"] == statement.get_absolute_url()
    page = author.get(statement.get_absolute_url()).content.decode()
    assert "A link to a shop selling fakes" in page
    assert "Trademark law, art. 2.20" in page
    assert "By a moderator." in page
    assert "Send the appeal" in page
    listing = author.get(MY_DECISIONS).content.decode()
    assert statement.get_absolute_url() in listing


@pytest.mark.parametrize("action", ["delete", "warn", "suspend"])
def test_queue_decisions_state_the_reasons(
    action, staff_client, staff_user, question_factory, answer_factory, user_factory
):
    answer = answer_factory(question=question_factory())
    services.flag_create(flagger=user_factory(), target=answer, reason="rude")
    token = f"answer:{answer.pk}"

    staff_client.post(
        DECIDE,
        {
            "row_action": f"{action}:{token}",
            f"reason-{token}": "Insults another member",
            f"days-{token}": "3",
        },
    )

    statement = only_statement(member=answer.author)
    assert statement.decision == action
    assert statement.decided_by == staff_user and not statement.automated
    expected_target = {
        "delete": answer,
        "warn": MemberWarning.objects.filter(user=answer.author).first(),
        "suspend": answer.author,
    }[action]
    assert statement.target == expected_target
    assert "Insults another member" in statement.facts
    if action == "delete":
        # The ground follows from what the post was reported for.
        assert statement.ground == DecisionGround.RUDE
        assert statement.reported_at is not None
    else:
        assert statement.ground == DecisionGround.COMMUNITY_RULES


def test_a_post_hidden_after_reports_states_automated_reasons_and_notifies(
    question_factory, answer_factory, user_factory, client_for
):
    answer = answer_factory(question=question_factory())

    for _ in range(3):
        client_for(user_factory()).post(
            reverse("moderation:flag", args=["answer", answer.pk]), {"reason": "spam"}
        )

    answer.refresh_from_db()
    assert answer.status == ContentStatus.HIDDEN
    statement = only_statement(member=answer.author)
    assert (statement.decision, statement.automated, statement.decided_by) == (
        DecisionType.HIDE,
        True,
        None,
    )
    assert statement.ground == DecisionGround.SPAM
    note = Notification.objects.get(
        recipient=answer.author, kind=NotificationKind.MODERATION_DECISION
    )
    assert note.url == statement.get_absolute_url()
    assert "hidden automatically" in note.text
    page = client_for(answer.author).get(statement.get_absolute_url()).content.decode()
    assert "without a moderator" in page


def test_a_first_post_held_through_the_form_states_the_reasons(
    strict_trust, question_factory, user_factory, client_for
):
    question = question_factory(author=trusted(user_factory()))
    newcomer = user_factory()
    browser = client_for(newcomer)

    response = browser.post(
        reverse("qa:answer-create", args=[question.pk]),
        {"body": "My very first answer here"},
        follow=True,
    )

    statement = only_statement(member=newcomer)
    assert (statement.decision, statement.automated) == (DecisionType.HOLD, True)
    assert statement.ground == DecisionGround.TRUST_RULES
    assert "first post" in statement.facts
    assert "The reasons, and how to object" in response.content.decode()
    assert Notification.objects.filter(
        recipient=newcomer, url=statement.get_absolute_url()
    ).exists()


def test_link_and_duplicate_holds_state_their_reasons(
    strict_trust, question_factory, user_factory, staff_user
):
    strict_trust.MODERATION_HOLD_FIRST_POSTS = 0
    question = question_factory(author=trusted(user_factory()))
    newcomer = user_factory()

    linked = qa_services.answer_create(
        question=question, author=newcomer, body="https://pans.com and https://lids.org"
    )
    qa_services.answer_create(question=question, author=newcomer, body="Same words again")
    repeat = qa_services.answer_create(question=question, author=newcomer, body="Same words again")

    facts = dict(
        DecisionStatement.objects.filter(decision=DecisionType.HOLD).values_list(
            "target_id", "facts"
        )
    )
    assert set(facts) == {linked.pk, repeat.pk}
    assert "links" in facts[linked.pk]
    assert "same text" in facts[repeat.pk]


def test_held_forum_topics_and_edits_sent_back_to_the_queue_state_reasons(
    strict_trust, board, user_factory, question_factory, staff_user
):
    newcomer = user_factory()
    topic = forum_services.topic_create(
        board=board, author=newcomer, title="My new kettle", body="It whistles."
    )
    assert topic.status == ContentStatus.PENDING
    assert only_statement(decision=DecisionType.HOLD).target == topic
    services.content_approve(item=topic, staff=staff_user)

    # An approved question edited into a link-heavy post goes back to the queue.
    strict_trust.MODERATION_HOLD_FIRST_POSTS = 0
    question = question_factory(author=newcomer, body="Plain words")
    qa_services.question_edit(
        question=question,
        editor=newcomer,
        title=question.title,
        body="https://pans.com and https://lids.org",
        phase=question.phase,
        product=question.product,
        tags=question.tags.names(),
    )
    question.refresh_from_db()
    assert question.status == ContentStatus.PENDING
    assert DecisionStatement.objects.filter(
        decision=DecisionType.HOLD, target_id=question.pk, automated=True
    ).exists()


def test_restoring_approving_and_an_authors_own_delete_state_nothing(
    staff_user, question_factory, answer_factory
):
    answer = answer_factory(question=question_factory())
    qa_services.answer_delete(answer=answer, user=answer.author)
    services.content_restore(item=answer, staff=staff_user)
    services.content_approve(item=answer, staff=staff_user)

    assert not DecisionStatement.objects.exists()


def test_only_the_member_and_staff_see_a_statement(
    staff_client, staff_user, question_factory, answer_factory, user_factory, client_for, client
):
    answer = answer_factory(question=question_factory())
    services.content_hide(item=answer, staff=staff_user, reason="Spam")
    statement = DecisionStatement.objects.get()
    url = statement.get_absolute_url()
    about = reverse("moderation:decision-about", args=["answer", answer.pk])

    other = client_for(user_factory())
    assert other.get(url).status_code == 404
    assert other.get(about).status_code == 404
    assert url not in other.get(MY_DECISIONS).content.decode()
    assert client.get(url).status_code == 302  # to sign in
    staff_page = staff_client.get(url)
    assert staff_page.status_code == 200
    assert "Send the appeal" not in staff_page.content.decode()


def test_the_decisions_list_has_a_fixed_query_count(
    staff_user,
    question_factory,
    answer_factory,
    user_factory,
    client_for,
    django_assert_max_num_queries,
):
    member = user_factory()
    question = question_factory()
    for _ in range(3):
        answer = answer_factory(question=question, author=member)
        services.content_hide(item=answer, staff=staff_user, reason="Spam")
    browser = client_for(member)
    browser.get(MY_DECISIONS)

    with django_assert_max_num_queries(6):
        page = browser.get(MY_DECISIONS).content.decode()
    assert page.count("/moderation/decisions/") >= 3
