import threading

import pytest
from django.db import connection

from community.moderation.services import content_hide
from qa import services
from qa.models import Answer, AnswerVote, Question, QuestionVote

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _vote_answer(client, answer, value, **kwargs):
    return client.post(f"/answers/{answer.pk}/vote/", {"value": value}, **kwargs)


def _score(item) -> int:
    return type(item).objects.values_list("score", flat=True).get(pk=item.pk)


def test_customer_upvotes_an_answer_and_sees_the_new_score(
    customer_client, question_factory, answer_factory
):
    question = question_factory()
    answer = answer_factory(question=question)

    response = _vote_answer(customer_client, answer, 1, headers=HTMX)

    assert response.status_code == 200
    assert _score(answer) == 1
    html = response.content.decode()
    assert f'id="vote-answer-{answer.pk}"' in html
    assert 'aria-pressed="true"' in html
    page = customer_client.get(question.get_absolute_url()).content.decode()
    assert f'id="vote-answer-{answer.pk}"' in page
    assert "1 vote</span>" in page and 'aria-hidden="true">1</span>' in page


def test_customer_downvotes_an_answer(customer_client, question_factory, answer_factory):
    answer = answer_factory(question=question_factory())

    _vote_answer(customer_client, answer, -1)

    assert _score(answer) == -1
    assert AnswerVote.objects.get().value == -1


def test_customer_upvotes_a_question(customer_client, question_factory):
    question = question_factory()

    response = customer_client.post(f"/questions/{question.pk}/vote/", {"value": 1})

    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert _score(question) == 1
    assert QuestionVote.objects.filter(question=question).count() == 1


def test_changing_a_vote_moves_the_score_by_the_difference(
    customer_client, question_factory, answer_factory
):
    answer = answer_factory(question=question_factory())

    _vote_answer(customer_client, answer, 1)
    _vote_answer(customer_client, answer, -1)

    assert _score(answer) == -1
    assert AnswerVote.objects.get().value == -1


def test_withdrawing_a_vote_resets_the_score(customer_client, question_factory, answer_factory):
    question = question_factory()
    answer = answer_factory(question=question)
    _vote_answer(customer_client, answer, 1)
    customer_client.post(f"/questions/{question.pk}/vote/", {"value": 1})

    _vote_answer(customer_client, answer, 0)
    customer_client.post(f"/questions/{question.pk}/vote/", {"value": 0})

    assert _score(answer) == 0
    assert _score(question) == 0
    assert not AnswerVote.objects.exists()
    assert not QuestionVote.objects.exists()


def test_voting_twice_the_same_way_counts_once(customer_client, question_factory, answer_factory):
    question = question_factory()
    answer = answer_factory(question=question)

    for _ in range(3):
        _vote_answer(customer_client, answer, 1)
        customer_client.post(f"/questions/{question.pk}/vote/", {"value": 1})

    assert _score(answer) == 1
    assert _score(question) == 1
    assert AnswerVote.objects.count() == 1
    assert QuestionVote.objects.count() == 1


def test_votes_of_different_members_add_up(client, user_factory, question_factory, answer_factory):
    answer = answer_factory(question=question_factory())

    for value in (1, 1, -1):
        client.force_login(user_factory())
        _vote_answer(client, answer, value)

    assert _score(answer) == 1


def test_page_marks_the_viewers_own_vote(customer_client, question_factory, answer_factory):
    question = question_factory()
    answer = answer_factory(question=question)
    _vote_answer(customer_client, answer, -1)

    html = customer_client.get(question.get_absolute_url()).content.decode()

    fragment = html.split(f'id="vote-answer-{answer.pk}"')[1].split("</div>")[0]
    assert 'name="value" value="0"' in fragment  # pressing "down" again withdraws the vote
    assert 'aria-hidden="true">-1</span>' in fragment


def test_voting_on_ones_own_answer_is_refused(client, question_factory, answer_factory, customer):
    answer = answer_factory(question=question_factory(), author=customer)
    client.force_login(customer)

    response = _vote_answer(client, answer, 1)

    assert response.status_code == 403
    assert "You cannot vote on your own post." in response.content.decode()
    assert _score(answer) == 0
    assert not AnswerVote.objects.exists()


def test_voting_on_ones_own_question_is_refused(customer_client, customer, question_factory):
    question = question_factory(author=customer)

    response = customer_client.post(f"/questions/{question.pk}/vote/", {"value": 1})

    assert response.status_code == 403
    assert _score(question) == 0


def test_own_posts_show_no_vote_buttons(customer_client, customer, question_factory):
    question = question_factory(author=customer)

    html = customer_client.get(question.get_absolute_url()).content.decode()

    assert f'action="/questions/{question.pk}/vote/"' not in html


def test_anonymous_visitor_is_sent_to_sign_in_to_vote(client, question_factory, answer_factory):
    question = question_factory()
    answer = answer_factory(question=question)

    answer_response = _vote_answer(client, answer, 1)
    question_response = client.post(f"/questions/{question.pk}/vote/", {"value": 1})

    for response in (answer_response, question_response):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert _score(answer) == 0
    assert _score(question) == 0


def test_voting_on_a_hidden_answer_is_refused(
    customer_client, staff_user, question_factory, answer_factory
):
    answer = answer_factory(question=question_factory())
    content_hide(item=answer, staff=staff_user, reason="Spam")

    response = _vote_answer(customer_client, answer, 1)

    assert response.status_code == 404
    assert _score(answer) == 0


def test_voting_on_an_answer_of_a_hidden_question_is_refused(
    customer_client, staff_user, question_factory, answer_factory
):
    question = question_factory()
    answer = answer_factory(question=question)
    content_hide(item=question, staff=staff_user, reason="Off topic")

    response = _vote_answer(customer_client, answer, 1)

    assert response.status_code in (403, 404)
    assert _score(answer) == 0


def test_voting_on_a_hidden_question_is_refused(customer_client, staff_user, question_factory):
    question = question_factory()
    content_hide(item=question, staff=staff_user, reason="Off topic")

    response = customer_client.post(f"/questions/{question.pk}/vote/", {"value": 1})

    assert response.status_code == 404
    assert _score(question) == 0


def test_author_cannot_vote_on_their_own_hidden_answer(
    client, customer, staff_user, question_factory, answer_factory
):
    answer = answer_factory(question=question_factory(), author=customer)
    content_hide(item=answer, staff=staff_user, reason="Spam")
    client.force_login(customer)

    assert _vote_answer(client, answer, 1).status_code == 403
    assert _score(answer) == 0


def test_downvoting_a_question_is_refused(customer_client, question_factory):
    question = question_factory()

    response = customer_client.post(f"/questions/{question.pk}/vote/", {"value": -1})

    assert response.status_code == 403
    assert _score(question) == 0
    assert not QuestionVote.objects.exists()


def test_a_vote_that_is_not_a_number_is_refused(customer_client, question_factory, answer_factory):
    answer = answer_factory(question=question_factory())

    assert _vote_answer(customer_client, answer, "lots").status_code == 403
    assert _vote_answer(customer_client, answer, 5).status_code == 403
    assert _score(answer) == 0


def test_voting_needs_a_post(customer_client, question_factory, answer_factory):
    answer = answer_factory(question=question_factory())

    assert customer_client.get(f"/answers/{answer.pk}/vote/").status_code == 405


def test_htmx_vote_returns_only_the_vote_fragment(
    customer_client, question_factory, answer_factory
):
    answer = answer_factory(question=question_factory())

    response = _vote_answer(customer_client, answer, 1, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="vote-answer-{answer.pk}"' in html
    assert "<html" not in html
    assert "1 vote</span>" in html and 'aria-hidden="true">1</span>' in html
    assert f'hx-post="/answers/{answer.pk}/vote/"' in html


def test_htmx_question_vote_returns_only_the_question_fragment(customer_client, question_factory):
    question = question_factory()

    response = customer_client.post(f"/questions/{question.pk}/vote/", {"value": 1}, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="vote-question-{question.pk}"' in html
    assert "<html" not in html
    assert "1 vote</span>" in html and 'aria-hidden="true">1</span>' in html


def test_plain_vote_post_goes_back_to_the_answer(customer_client, question_factory, answer_factory):
    question = question_factory()
    answer = answer_factory(question=question)

    response = _vote_answer(customer_client, answer, 1)

    assert response.status_code == 302
    assert response["Location"] == f"{question.get_absolute_url()}#answer-{answer.pk}"


VOTERS = 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_votes_are_all_counted(transactional_db, user_factory):
    asker, answerer = user_factory(), user_factory()
    question = services.question_create(
        author=asker, title="Will many people vote on this?", body="Just curious.", phase="before"
    )
    answer = services.answer_create(question=question, author=answerer, body="Surely they will.")
    voters = [user_factory() for _ in range(VOTERS)]
    start = threading.Barrier(VOTERS)
    errors: list[BaseException] = []

    def vote(voter):
        try:
            start.wait()
            services.vote_cast(voter=voter, item=Answer.objects.get(pk=answer.pk), value=1)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(voter,)) for voter in voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Answer.objects.get(pk=answer.pk).score == VOTERS
    assert AnswerVote.objects.filter(answer=answer).count() == VOTERS
    assert Question.objects.get(pk=question.pk).score == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_member_voting_many_times_at_once_counts_once(transactional_db, user_factory):
    asker, answerer, voter = user_factory(), user_factory(), user_factory()
    question = services.question_create(
        author=asker, title="Will a double click count twice?", body="Just curious.", phase="before"
    )
    answer = services.answer_create(question=question, author=answerer, body="It should not.")
    start = threading.Barrier(VOTERS)
    errors: list[BaseException] = []

    def vote():
        try:
            start.wait()
            services.vote_cast(voter=voter, item=Answer.objects.get(pk=answer.pk), value=1)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(VOTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Answer.objects.get(pk=answer.pk).score == 1
    assert AnswerVote.objects.filter(answer=answer).count() == 1


def test_htmx_vote_after_the_session_ended_sends_the_page_to_sign_in(client, question_factory):
    question = question_factory(answers=1)
    answer = question.answers.get()
    response = client.post(
        f"/answers/{answer.pk}/vote/",
        {"value": "1"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{question.get_absolute_url()}",
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/accounts/login/?next={question.get_absolute_url()}"
    assert answer.votes.count() == 0


# SECTION voting too fast


def test_voting_too_fast_is_refused_with_retry_after(
    customer_client, question_factory, answer_factory, settings
):
    settings.MODERATION_RATE_VOTE = "3/10m"
    question = question_factory(answers=4)
    answers = list(question.answers.order_by("pk"))
    for answer in answers[:3]:
        assert _vote_answer(customer_client, answer, 1).status_code == 302

    plain = _vote_answer(customer_client, answers[3], 1)
    fragment = customer_client.post(f"/questions/{question.pk}/vote/", {"value": 1}, headers=HTMX)

    assert plain.status_code == 429
    assert int(plain["Retry-After"]) > 0
    assert "You are voting faster than we allow. You can vote again in" in plain.content.decode()
    assert fragment.status_code == 429
    assert int(fragment["Retry-After"]) > 0
    html = fragment.content.decode()
    assert "<html" not in html
    assert f'id="vote-question-{question.pk}"' in html
    assert "You are voting faster than we allow." in html
    assert _score(answers[3]) == 0 and _score(question) == 0


def test_members_vote_at_their_own_pace(
    client, user_factory, question_factory, answer_factory, settings
):
    settings.MODERATION_RATE_VOTE = "1/10m"
    answer = answer_factory(question=question_factory())
    for _ in range(2):
        client.force_login(user_factory())
        assert _vote_answer(client, answer, 1).status_code == 302
    assert _score(answer) == 2
