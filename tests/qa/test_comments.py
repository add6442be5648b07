import pytest

from community.moderation.services import content_hide
from qa import services
from qa.models import Answer, Comment, Question

pytestmark = pytest.mark.django_db


def _comment(client, question, body="Which size do you have?", answer=None):
    data = {"body": body}
    if answer is not None:
        data["answer"] = answer.pk
    return client.post(f"/questions/{question.pk}/comment/", data)


def test_customer_comments_on_a_question(customer_client, customer, question_factory):
    question = question_factory()

    response = _comment(customer_client, question, "Which **size** do you have?")

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{question.get_absolute_url()}#comment-{comment.pk}"
    assert comment.author == customer
    assert comment.answer is None
    assert Question.objects.get(pk=question.pk).comment_count == 1
    html = customer_client.get(question.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' in html
    assert "Which <strong>size</strong> do you have?" in html


def test_customer_comments_on_an_answer(customer_client, question_factory, answer_factory):
    question = question_factory()
    answer = answer_factory(question=question)

    _comment(customer_client, question, "Did you try the small one?", answer=answer)

    comment = Comment.objects.get()
    assert comment.answer == answer
    assert Answer.objects.get(pk=answer.pk).comment_count == 1
    assert Question.objects.get(pk=question.pk).comment_count == 0
    html = customer_client.get(question.get_absolute_url()).content.decode()
    answer_block = html.split(f'id="answer-{answer.pk}"')[1].split("</article>")[0]
    assert "Did you try the small one?" in answer_block


def test_commenting_on_an_answer_of_another_question_is_refused(
    customer_client, question_factory, answer_factory
):
    question = question_factory()
    elsewhere = answer_factory(question=question_factory())

    response = _comment(customer_client, question, "Sneaky.", answer=elsewhere)

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_too_short_comment_is_refused_with_a_message(customer_client, question_factory):
    question = question_factory()

    response = _comment(customer_client, question, "?")

    assert response.status_code == 302
    assert not Comment.objects.exists()
    html = customer_client.get(response["Location"]).content.decode()
    assert "A comment needs at least 2 and at most 600 characters." in html


def test_too_long_comment_is_refused(customer_client, question_factory):
    question = question_factory()

    _comment(customer_client, question, "x" * 601)

    assert not Comment.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in_to_comment(client, question_factory):
    question = question_factory()

    response = _comment(client, question)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Comment.objects.exists()
    assert "Add a comment" not in client.get(question.get_absolute_url()).content.decode()


def test_commenting_on_a_locked_question_is_refused(customer_client, staff_user, question_factory):
    question = question_factory()
    services.question_set_locked(question=question, staff=staff_user, locked=True)

    response = _comment(customer_client, question)

    assert response.status_code == 403
    assert "This question is locked: it takes no new comments." in response.content.decode()
    assert not Comment.objects.exists()


def test_commenting_on_a_hidden_answer_is_refused(
    customer_client, staff_user, question_factory, answer_factory
):
    question = question_factory()
    answer = answer_factory(question=question)
    content_hide(item=answer, staff=staff_user, reason="Spam")

    response = _comment(customer_client, question, answer=answer)

    assert response.status_code in (403, 404)
    assert not Comment.objects.exists()


def test_author_deletes_their_own_comment(customer_client, customer, question_factory):
    question = question_factory()
    comment = services.comment_create(question=question, author=customer, body="Typo, sorry.")

    response = customer_client.post(f"/comments/{comment.pk}/delete/")

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "deleted"
    assert Question.objects.get(pk=question.pk).comment_count == 0
    html = customer_client.get(question.get_absolute_url()).content.decode()
    assert "Your comment is deleted." in html


def test_deleted_comment_disappears_for_others(
    client, customer, user_factory, question_factory, answer_factory
):
    question = question_factory()
    answer = answer_factory(question=question)
    comment = services.comment_create(
        question=question, answer=answer, author=customer, body="Typo, sorry."
    )
    services.comment_delete(comment=comment, user=customer)

    html = client.get(question.get_absolute_url()).content.decode()

    assert "Typo, sorry." not in html
    assert Answer.objects.get(pk=answer.pk).comment_count == 0


def test_deleting_someone_elses_comment_is_refused(customer_client, user_factory, question_factory):
    question = question_factory()
    comment = services.comment_create(question=question, author=user_factory(), body="Mine.")

    response = customer_client.post(f"/comments/{comment.pk}/delete/")

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == "published"
    assert Question.objects.get(pk=question.pk).comment_count == 1


def test_delete_button_shows_only_on_ones_own_comments(
    customer_client, customer, user_factory, question_factory
):
    question = question_factory()
    own = services.comment_create(question=question, author=customer, body="Mine.")
    other = services.comment_create(question=question, author=user_factory(), body="Theirs.")

    html = customer_client.get(question.get_absolute_url()).content.decode()

    assert f'action="/comments/{own.pk}/delete/"' in html
    assert f'action="/comments/{other.pk}/delete/"' not in html


def test_anonymous_visitor_cannot_delete_a_comment(client, user_factory, question_factory):
    question = question_factory()
    comment = services.comment_create(question=question, author=user_factory(), body="Mine.")

    response = client.post(f"/comments/{comment.pk}/delete/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    comment.refresh_from_db()
    assert comment.status == "published"
