"""Suggested edits and editing others' posts, unlocked by reputation (issue 9, privileges)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.accounts.models import User
from community.moderation.services import content_hide
from community.reputation.enums import Privilege
from community.reputation.models import ReputationEvent
from community.reputation.privileges import has_privilege
from community.revisions.models import Revision
from qa import services
from qa.enums import SuggestedEditStatus
from qa.models import Answer, Question, SuggestedEdit
from qa.reputation import QaEventKind
from tests.qa.test_listing import DETAIL_QUERIES_SIGNED_IN

pytestmark = pytest.mark.django_db

SUGGEST_AT = 100
EDIT_AT = 1000


@pytest.fixture(autouse=True)
def thresholds(settings):
    settings.REPUTATION_PRIVILEGE_THRESHOLDS = {
        **settings.REPUTATION_PRIVILEGE_THRESHOLDS,
        "suggest_edits": SUGGEST_AT,
        "edit_others": EDIT_AT,
    }
    settings.REPUTATION_POINTS = {**settings.REPUTATION_POINTS, "edit_accepted": 2}


def _with_reputation(user: User, points: int) -> User:
    User.objects.filter(pk=user.pk).update(reputation=points)
    user.refresh_from_db()
    return user


@pytest.fixture
def author(user_factory):
    return user_factory(username="asker")


@pytest.fixture
def question(author, question_factory):
    return question_factory(
        author=author, title="Does the lid fit the pan?", body="First line.\nSecond line."
    )


@pytest.fixture
def answer(question, answer_factory, user_factory):
    return answer_factory(
        question=question, author=user_factory(username="answerer"), body="It fits fine, yes."
    )


@pytest.fixture
def suggester(user_factory):
    return _with_reputation(user_factory(username="helper"), SUGGEST_AT)


@pytest.fixture
def editor(user_factory):
    return _with_reputation(user_factory(username="trusted"), EDIT_AT)


def _suggest_on_question(client, question, **changes):
    fields = {
        "title": "Does the glass lid fit the 28 cm pan?",
        "body": question.body,
        "summary": "Named the lid and the size",
    }
    fields.update(changes)
    return client.post(f"/questions/{question.pk}/suggest-edit/", fields)


def _suggest_on_answer(client, answer, **changes):
    fields = {"body": "It fits fine, yes: the 28 cm lid.", "summary": "Added the size"}
    fields.update(changes)
    return client.post(f"/answers/{answer.pk}/suggest-edit/", fields)


def _pending_suggestion(item, suggester, **changes) -> SuggestedEdit:
    if isinstance(item, Question):
        fields = {"title": "Does the glass lid fit the 28 cm pan?", "body": item.body}
    else:
        fields = {"body": "It fits fine, yes: the 28 cm lid."}
    fields.update(changes)
    return services.suggested_edit_create(
        item=item, suggester=suggester, summary="Made it clearer", **fields
    )


def _revisions(item):
    return Revision.objects.filter(
        target_id=item.pk, target_type__model=type(item)._meta.model_name
    ).order_by("pk")


# SECTION who may suggest


def test_below_the_threshold_there_is_no_link_and_suggesting_is_refused(
    client, user_factory, question, answer
):
    member = _with_reputation(user_factory(), SUGGEST_AT - 1)
    client.force_login(member)

    html = client.get(question.get_absolute_url()).content.decode()
    assert "Suggest an edit" not in html

    refused = client.get(f"/answers/{answer.pk}/suggest-edit/")
    assert refused.status_code == 403
    assert "once you have 100 reputation points" in refused.content.decode()
    assert _suggest_on_question(client, question).status_code == 403
    assert _suggest_on_answer(client, answer).status_code == 403
    assert not SuggestedEdit.objects.exists()


def test_at_the_threshold_the_member_suggests_from_a_prefilled_form(client, suggester, question):
    client.force_login(suggester)

    html = client.get(question.get_absolute_url()).content.decode()
    assert f'href="/questions/{question.pk}/suggest-edit/"' in html
    assert "Suggest an edit" in html

    form = client.get(f"/questions/{question.pk}/suggest-edit/")
    assert form.status_code == 200
    assert 'value="Does the lid fit the pan?"' in form.content.decode()
    assert "First line.\nSecond line.</textarea>" in form.content.decode()

    response = _suggest_on_question(client, question)

    suggestion = SuggestedEdit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/edits/{suggestion.pk}/"
    assert suggestion.status == SuggestedEditStatus.PENDING
    assert suggestion.suggester == suggester
    assert suggestion.title == "Does the glass lid fit the 28 cm pan?"
    assert suggestion.summary == "Named the lid and the size"
    # Nothing changes before someone decides.
    assert Question.objects.get(pk=question.pk).title == "Does the lid fit the pan?"
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for a decision" in page
    assert "Accept and apply" not in page


def test_the_author_edits_their_own_post_rather_than_suggesting(client, author, question):
    _with_reputation(author, SUGGEST_AT)
    client.force_login(author)

    html = client.get(question.get_absolute_url()).content.decode()
    assert f'href="/questions/{question.pk}/edit/"' in html
    assert "Suggest an edit" not in html
    refused = client.get(f"/questions/{question.pk}/suggest-edit/")
    assert refused.status_code == 403
    assert "edit it directly" in refused.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(client, question):
    response = _suggest_on_question(client, question)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not SuggestedEdit.objects.exists()


def test_a_suspended_member_cannot_suggest(client, suggester, question):
    User.objects.filter(pk=suggester.pk).update(
        suspended_until=timezone.now() + timedelta(days=3), suspension_reason="Spam"
    )
    client.force_login(suggester)

    assert _suggest_on_question(client, question).status_code == 403
    assert not SuggestedEdit.objects.exists()


def test_one_suggestion_waits_per_post(client, suggester, user_factory, answer):
    _pending_suggestion(answer, user_factory(reputation=SUGGEST_AT))
    client.force_login(suggester)

    assert (
        "is waiting for a decision"
        in client.get(f"/answers/{answer.pk}/suggest-edit/").content.decode()
    )
    response = _suggest_on_answer(client, answer, body="My own better wording of it.")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Another suggested edit to this post is waiting for a decision" in html
    assert "My own better wording of it.</textarea>" in html
    assert SuggestedEdit.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "Short?", "body": "My better details."}, "at least 10 characters"),
        (
            {"title": "Does the lid fit the pan?", "body": "First line.\nSecond line."},
            "Your suggestion changes nothing yet",
        ),
        ({"summary": "", "body": "My better details."}, "This field is required."),
    ],
)
def test_bad_input_on_a_question_keeps_the_typed_text(
    client, suggester, question, changes, message
):
    client.force_login(suggester)

    response = _suggest_on_question(client, question, **changes)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'value="{changes.get("title", "Does the glass lid fit the 28 cm pan?")}"' in html
    assert f"{changes['body']}</textarea>" in html
    assert not SuggestedEdit.objects.exists()


def test_an_empty_answer_text_is_refused_and_the_summary_kept(client, suggester, answer):
    client.force_login(suggester)

    response = _suggest_on_answer(client, answer, body="", summary="Cleared it up")

    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert 'value="Cleared it up"' in html
    assert not SuggestedEdit.objects.exists()


def test_hidden_posts_and_locked_questions_take_no_suggestions(
    client, suggester, staff_user, question, answer
):
    content_hide(item=answer, staff=staff_user, reason="Off-topic")
    client.force_login(suggester)

    assert client.get(f"/answers/{answer.pk}/suggest-edit/").status_code == 404

    services.question_set_locked(question=question, staff=staff_user, locked=True)
    assert _suggest_on_question(client, question).status_code == 403


# SECTION deciding


def test_the_author_sees_the_marker_and_the_changed_lines(client, author, suggester, question):
    suggestion = _pending_suggestion(question, suggester)
    client.force_login(author)

    html = client.get(question.get_absolute_url()).content.decode()
    assert "1 suggested edit waiting" in html
    assert f'href="/edits/{suggestion.pk}/"' in html

    page = client.get(f"/edits/{suggestion.pk}/").content.decode()
    assert '<del><span class="visually-hidden">removed: </span>Does the lid fit the pan?</del>' in (
        page
    )
    assert "Does the glass lid fit the 28 cm pan?</ins>" in page
    assert "Made it clearer" in page
    assert "Accept and apply" in page


def test_others_see_no_marker_and_cannot_open_or_decide(client, user_factory, suggester, question):
    suggestion = _pending_suggestion(question, suggester)
    client.force_login(user_factory(reputation=SUGGEST_AT))

    assert "suggested edit waiting" not in client.get(question.get_absolute_url()).content.decode()
    assert client.get(f"/edits/{suggestion.pk}/").status_code == 404
    assert client.post(f"/edits/{suggestion.pk}/accept/").status_code == 404
    assert client.post(f"/edits/{suggestion.pk}/reject/", {"reason": "No"}).status_code == 404
    assert SuggestedEdit.objects.get().status == SuggestedEditStatus.PENDING


def test_the_suggester_cannot_accept_their_own_suggestion(client, suggester, question):
    suggestion = _pending_suggestion(question, suggester)
    client.force_login(suggester)

    assert client.post(f"/edits/{suggestion.pk}/accept/").status_code == 403
    assert SuggestedEdit.objects.get().status == SuggestedEditStatus.PENDING


def test_accepting_applies_the_edit_as_the_suggesters_revision_and_gives_points(
    client, author, suggester, question
):
    suggestion = _pending_suggestion(question, suggester)
    client.force_login(author)

    response = client.post(f"/edits/{suggestion.pk}/accept/")

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.title == "Does the glass lid fit the 28 cm pan?"
    assert question.edited_at is not None
    revision = _revisions(question).last()
    assert revision.editor == suggester
    assert revision.summary == "Made it clearer"
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestedEditStatus.ACCEPTED
    assert suggestion.decided_by == author
    suggester.refresh_from_db()
    assert suggester.reputation == SUGGEST_AT + 2
    assert ReputationEvent.objects.get(user=suggester).kind == QaEventKind.EDIT_ACCEPTED
    # The suggester sees the outcome.
    client.force_login(suggester)
    page = client.get(f"/edits/{suggestion.pk}/").content.decode()
    assert "Accepted by asker" in page
    assert "Accept and apply" not in page
    # Accepting twice does nothing more.
    client.force_login(author)
    assert client.post(f"/edits/{suggestion.pk}/accept/").status_code == 403
    assert User.objects.get(pk=suggester.pk).reputation == SUGGEST_AT + 2


def test_accepted_edit_points_agree_with_the_recompute(author, suggester, question, capsys):
    # The suggester's starting reputation came from outside the events in this test: give them
    # events that add up to it, so that only the edit's points are checked.
    User.objects.filter(pk=suggester.pk).update(reputation=0)
    suggestion = _pending_suggestion(question, suggester)

    services.suggested_edit_accept(suggestion=suggestion, user=author)

    assert User.objects.get(pk=suggester.pk).reputation == 2
    call_command("reputation_recompute")
    assert "Every stored reputation matches its events." in capsys.readouterr().out


def test_rejecting_keeps_the_post_and_tells_the_suggester_why(client, author, suggester, answer):
    suggestion = _pending_suggestion(answer, suggester)
    client.force_login(User.objects.get(pk=answer.author_id))

    without_reason = client.post(f"/edits/{suggestion.pk}/reject/", {"reason": ""})
    assert without_reason.status_code == 200
    assert "This field is required." in without_reason.content.decode()

    response = client.post(f"/edits/{suggestion.pk}/reject/", {"reason": "The size is wrong"})

    assert response.status_code == 302
    assert Answer.objects.get(pk=answer.pk).body == "It fits fine, yes."
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestedEditStatus.REJECTED
    assert suggestion.reason == "The size is wrong"
    assert User.objects.get(pk=suggester.pk).reputation == SUGGEST_AT
    client.force_login(suggester)
    page = client.get(f"/edits/{suggestion.pk}/").content.decode()
    assert "Rejected by answerer" in page
    assert "Reason: The size is wrong" in page


def test_a_stale_suggestion_is_refused(client, author, suggester, question):
    suggestion = _pending_suggestion(question, suggester)
    services.question_edit(
        question=question,
        editor=author,
        title=question.title,
        body="The author rewrote this.",
        phase=question.phase,
        product=question.product,
        tags=question.tags.names(),
    )
    client.force_login(author)

    assert (
        "post changed after this edit was suggested"
        in client.get(f"/edits/{suggestion.pk}/").content.decode()
    )
    response = client.post(f"/edits/{suggestion.pk}/accept/", follow=True)

    assert "post changed after this edit was suggested" in response.content.decode()
    question.refresh_from_db()
    assert question.title == "Does the lid fit the pan?"
    assert question.body == "The author rewrote this."
    assert SuggestedEdit.objects.get().status == SuggestedEditStatus.PENDING


def test_staff_accept_and_reject_but_do_not_edit_directly(
    client, staff_user, suggester, user_factory, question, answer
):
    assert not has_privilege(staff_user, Privilege.SUGGEST_EDITS)
    assert not has_privilege(staff_user, Privilege.EDIT_OTHERS)
    assert has_privilege(staff_user, Privilege.VOTE_DOWN)
    on_question = _pending_suggestion(question, suggester)
    on_answer = _pending_suggestion(answer, user_factory(reputation=SUGGEST_AT))
    client.force_login(staff_user)

    html = client.get(question.get_absolute_url()).content.decode()
    assert html.count("1 suggested edit waiting") == 2
    assert "Suggest an edit" not in html
    assert client.get(f"/questions/{question.pk}/edit/").status_code == 403
    assert client.get(f"/answers/{answer.pk}/edit/").status_code == 403

    assert client.post(f"/edits/{on_question.pk}/accept/").status_code == 302
    assert client.post(f"/edits/{on_answer.pk}/reject/", {"reason": "Not better"}).status_code == (
        302
    )
    assert Question.objects.get(pk=question.pk).title == "Does the glass lid fit the 28 cm pan?"
    assert Answer.objects.get(pk=answer.pk).body == "It fits fine, yes."
    assert _revisions(question).last().editor == suggester


# SECTION editing others' posts directly


def test_a_member_with_edit_others_edits_directly_with_a_revision(client, editor, question, answer):
    client.force_login(editor)

    html = client.get(question.get_absolute_url()).content.decode()
    assert f'href="/answers/{answer.pk}/edit/"' in html
    assert "Suggest an edit" not in html
    assert client.get(f"/answers/{answer.pk}/suggest-edit/").status_code == 403

    response = client.post(f"/answers/{answer.pk}/edit/", {"body": "It fits: the 28 cm lid."})

    assert response.status_code == 302
    assert Answer.objects.get(pk=answer.pk).body == "It fits: the 28 cm lid."
    assert _revisions(answer).last().editor == editor

    client.post(
        f"/questions/{question.pk}/edit/",
        {"title": "Does the glass lid fit the pan?", "body": question.body, "phase": "before"},
    )
    assert Question.objects.get(pk=question.pk).title == "Does the glass lid fit the pan?"
    assert _revisions(question).last().editor == editor


def test_a_member_with_edit_others_decides_on_suggestions(client, editor, suggester, answer):
    suggestion = _pending_suggestion(answer, suggester)
    client.force_login(editor)

    assert "1 suggested edit waiting" in client.get(answer.get_absolute_url()).content.decode()
    client.post(f"/edits/{suggestion.pk}/accept/")

    assert Answer.objects.get(pk=answer.pk).body == "It fits fine, yes: the 28 cm lid."
    assert SuggestedEdit.objects.get().decided_by == editor


def test_others_cannot_edit_hidden_posts_or_posts_on_locked_questions(
    client, editor, staff_user, question, answer
):
    content_hide(item=answer, staff=staff_user, reason="Off-topic")
    client.force_login(editor)

    assert client.get(f"/answers/{answer.pk}/edit/").status_code == 404

    services.question_set_locked(question=question, staff=staff_user, locked=True)
    assert client.get(f"/questions/{question.pk}/edit/").status_code == 403


def test_below_edit_others_a_member_cannot_edit_directly(client, suggester, answer):
    client.force_login(suggester)

    response = client.post(f"/answers/{answer.pk}/edit/", {"body": "Vandalised answer text."})

    assert response.status_code == 403
    assert Answer.objects.get(pk=answer.pk).body == "It fits fine, yes."


def test_the_profile_lists_the_edit_privileges(client, suggester):
    client.force_login(suggester)

    html = client.get(f"/users/{suggester.username}/").content.decode()

    assert "Suggest edits" in html
    assert "Edit others&#x27; posts" in html


# SECTION queries


@pytest.mark.parametrize("count", [1, pytest.param(12, marks=pytest.mark.slow)])
def test_question_page_markers_take_one_query_for_all_posts(
    client,
    django_assert_max_num_queries,
    user_factory,
    question_factory,
    answer_factory,
    editor,
    count,
    warm_related_content,
):
    question = question_factory()
    _pending_suggestion(question, user_factory(reputation=SUGGEST_AT))
    for number in range(count):
        answer = answer_factory(question=question, body=f"Answer number {number} says yes.")
        _pending_suggestion(
            answer, user_factory(reputation=SUGGEST_AT), body=f"Answer {number} says yes."
        )
    client.force_login(editor)
    warm_related_content("question", question)

    # The signed-in question page's limit (tests/qa/test_listing.py) for any number of answers.
    with django_assert_max_num_queries(DETAIL_QUERIES_SIGNED_IN):
        response = client.get(question.get_absolute_url())

    assert response.content.decode().count("1 suggested edit waiting") == count + 1


@pytest.mark.parametrize("on_answer", [False, True])
def test_review_page_queries_are_fixed(
    client, django_assert_max_num_queries, author, suggester, question, answer, on_answer
):
    suggestion = _pending_suggestion(answer if on_answer else question, suggester)
    client.force_login(User.objects.get(pk=(answer if on_answer else question).author_id))

    # Measured: session, user, the signed-in header and banners, and the suggestion with its
    # question, answer and the people involved in one query; the same for either kind of post.
    with django_assert_max_num_queries(9):
        assert client.get(f"/edits/{suggestion.pk}/").status_code == 200


@pytest.mark.parametrize("count", [1, pytest.param(25, marks=pytest.mark.slow)])
def test_the_member_lists_their_suggestions_in_fixed_queries(
    client, django_assert_max_num_queries, question_factory, author, suggester, count
):
    for number in range(count):
        suggestion = _pending_suggestion(
            question_factory(author=author, title=f"Does lid number {number} fit the pan?"),
            suggester,
        )
    services.suggested_edit_reject(suggestion=suggestion, user=author, reason="Not needed")
    client.force_login(suggester)

    with django_assert_max_num_queries(9):
        response = client.get("/edits/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="suggested-edit__status') == min(count, 20)
    assert "Rejected" in html
    if count > 1:
        assert "Waiting for a decision" in html


def test_others_suggestions_are_not_listed(client, user_factory, suggester, question):
    _pending_suggestion(question, suggester)
    client.force_login(user_factory())

    html = client.get("/edits/").content.decode()

    assert "You have not suggested any edits yet." in html
    assert question.title not in html


def test_anonymous_visitor_is_sent_to_sign_in_for_the_list(client):
    response = client.get("/edits/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# SECTION posts that speak for the shop


def test_staff_posts_and_official_answers_are_never_edited_by_others(
    client, editor, suggester, staff_user, question, answer
):
    staff_answer = services.answer_create(
        question=question, author=staff_user, body="The 28 cm lid fits; we tested it."
    )
    services.answer_mark_official(answer=answer, staff=staff_user)
    refusal = "Posts by the shop&#x27;s staff and official answers can only be edited by their"

    for item in (staff_answer, answer):
        original = Answer.objects.get(pk=item.pk).body
        client.force_login(editor)
        page = client.get(question.get_absolute_url()).content.decode()
        assert f'href="/answers/{item.pk}/edit/"' not in page
        direct = client.post(f"/answers/{item.pk}/edit/", {"body": "Rewritten by a member."})
        assert direct.status_code == 403
        assert refusal in direct.content.decode()

        client.force_login(suggester)
        suggested = _suggest_on_answer(client, item)
        assert suggested.status_code == 403
        assert refusal in suggested.content.decode()
        assert Answer.objects.get(pk=item.pk).body == original
    assert not SuggestedEdit.objects.exists()


def test_the_author_of_an_official_answer_still_edits_it(client, staff_user, answer):
    services.answer_mark_official(answer=answer, staff=staff_user)
    client.force_login(answer.author)

    response = client.post(f"/answers/{answer.pk}/edit/", {"body": "It fits: the 28 cm lid."})

    assert response.status_code == 302
    assert Answer.objects.get(pk=answer.pk).body == "It fits: the 28 cm lid."


def test_a_suggestion_waiting_on_an_answer_made_official_is_left_to_its_author_and_staff(
    client, editor, suggester, staff_user, answer
):
    suggestion = _pending_suggestion(answer, suggester)
    services.answer_mark_official(answer=answer, staff=staff_user)
    client.force_login(editor)

    assert client.post(f"/edits/{suggestion.pk}/accept/").status_code == 404
    assert Answer.objects.get(pk=answer.pk).body == "It fits fine, yes."
