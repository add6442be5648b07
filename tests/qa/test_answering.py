from datetime import timedelta

import pytest
from django.utils import timezone

from community.moderation.services import content_hide
from qa import services
from qa.models import Answer, Question
from shop.models import Purchase

pytestmark = pytest.mark.django_db


def _answer(client, question, body="It fits the 28 cm pan, I use it daily."):
    return client.post(f"/questions/{question.pk}/answer/", {"body": body})


def _purchase(*, email, product, delivered_days_ago=3, order_id="A-1"):
    """A shop order line; ``delivered_days_ago=None`` means it is still on its way."""
    now = timezone.now()
    delivered_at = None
    if delivered_days_ago is not None:
        delivered_at = now - timedelta(days=delivered_days_ago)
    return Purchase.objects.create(
        order_id=order_id,
        email=email,
        sku=product.sku,
        product=product,
        ordered_at=now - timedelta(days=10),
        delivered_at=delivered_at,
    )


def _answer_block(html: str, answer: Answer) -> str:
    return html.split(f'id="answer-{answer.pk}"')[1].split("</article>")[0]


def test_customer_answers_and_sees_their_answer(customer_client, customer, question_factory):
    question = question_factory()

    response = _answer(customer_client, question, "Yes, it **fits** the 28 cm pan.")

    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{question.get_absolute_url()}#answer-{answer.pk}"
    assert answer.author == customer
    html = customer_client.get(question.get_absolute_url()).content.decode()
    assert "Yes, it <strong>fits</strong> the 28 cm pan." in html
    assert "Thank you! Your answer is posted." in html
    assert "1 answer" in html
    question.refresh_from_db()
    assert question.answer_count == 1


def test_answer_that_is_too_short_explains_and_keeps_the_text(customer_client, question_factory):
    question = question_factory()

    response = _answer(customer_client, question, "Yes!")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at least 10 characters" in html
    assert "Yes!</textarea>" in html
    assert question.title in html
    assert not Answer.objects.exists()
    question.refresh_from_db()
    assert question.answer_count == 0


def test_empty_answer_is_refused(customer_client, question_factory):
    question = question_factory()

    response = _answer(customer_client, question, "")

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Answer.objects.exists()


def test_anonymous_visitor_is_sent_to_sign_in_to_answer(client, question_factory):
    question = question_factory()

    response = _answer(client, question)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Answer.objects.exists()


def test_anonymous_visitor_sees_a_sign_in_link_instead_of_the_form(client, question_factory):
    question = question_factory()

    html = client.get(question.get_absolute_url()).content.decode()

    assert "Sign in to answer" in html
    assert f'action="/questions/{question.pk}/answer/"' not in html


def test_answering_a_locked_question_is_refused_with_the_reason(
    customer_client, staff_user, question_factory
):
    question = question_factory()
    services.question_set_locked(question=question, staff=staff_user, locked=True)

    response = _answer(customer_client, question)

    assert response.status_code in (400, 403)
    assert "This question is locked: it takes no new answers." in response.content.decode()
    assert not Answer.objects.exists()
    page = customer_client.get(question.get_absolute_url()).content.decode()
    assert f'action="/questions/{question.pk}/answer/"' not in page
    assert "This question is locked: it takes no new answers." in page


def test_answering_a_question_closed_as_duplicate_is_refused_with_the_reason(
    customer_client, staff_user, question_factory
):
    original = question_factory(title="Which lid fits the 28 cm pan?")
    question = question_factory()
    services.question_close_as_duplicate(question=question, original=original, staff=staff_user)

    response = _answer(customer_client, question)

    assert response.status_code in (400, 403)
    assert "closed as a duplicate" in response.content.decode()
    assert not Answer.objects.exists()


def test_answering_a_hidden_question_is_refused(customer_client, staff_user, question_factory):
    question = question_factory()
    content_hide(item=question, staff=staff_user, reason="Spam")

    response = _answer(customer_client, question)

    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_staff_answer_shows_the_staff_badge(client, staff_user, question_factory):
    question = question_factory()
    client.force_login(staff_user)
    _answer(client, question, "Yes, the 28 cm lid fits; see the size chart.")
    answer = Answer.objects.get()

    html = client.get(question.get_absolute_url()).content.decode()

    assert 'class="badge badge--staff">Staff<' in _answer_block(html, answer)


def test_customer_answer_shows_no_staff_badge(customer_client, question_factory):
    question = question_factory()
    _answer(customer_client, question)

    html = customer_client.get(question.get_absolute_url()).content.decode()

    assert "badge--staff" not in html


def test_answer_by_a_verified_buyer_shows_verified_owner(
    client, user_factory, question_factory, answer_factory, product_factory
):
    product = product_factory(title="Cast iron pan")
    question = question_factory(product=product)
    buyer = user_factory(email="buyer@example.com")
    _purchase(email="buyer@example.com", product=product)
    bought = answer_factory(question=question, author=buyer)
    other = answer_factory(question=question)

    html = client.get(question.get_absolute_url()).content.decode()

    assert "Verified owner" in _answer_block(html, bought)
    assert "Verified owner" not in _answer_block(html, other)


def test_buyer_with_an_unverified_address_is_not_a_verified_owner(
    client, user_factory, question_factory, answer_factory, product_factory
):
    product = product_factory(title="Cast iron pan")
    question = question_factory(product=product)
    buyer = user_factory(email="buyer@example.com", verified=False)
    _purchase(email="buyer@example.com", product=product)
    answer_factory(question=question, author=buyer)

    html = client.get(question.get_absolute_url()).content.decode()

    assert "Verified owner" not in html


def test_buyer_whose_order_is_not_delivered_is_not_a_verified_owner(
    client, user_factory, question_factory, answer_factory, product_factory
):
    product = product_factory(title="Cast iron pan")
    question = question_factory(product=product)
    buyer = user_factory(email="buyer@example.com")
    _purchase(email="buyer@example.com", product=product, delivered_days_ago=None)
    answer_factory(question=question, author=buyer)

    html = client.get(question.get_absolute_url()).content.decode()

    assert "Verified owner" not in html


def test_buyer_of_another_product_is_not_a_verified_owner(
    client, user_factory, question_factory, answer_factory, product_factory
):
    product = product_factory(title="Cast iron pan")
    question = question_factory(product=product)
    buyer = user_factory(email="buyer@example.com")
    _purchase(email="buyer@example.com", product=product_factory(title="Kettle"))
    answer_factory(question=question, author=buyer)

    html = client.get(question.get_absolute_url()).content.decode()

    assert "Verified owner" not in html


def test_answers_are_ordered_accepted_then_official_then_by_score(
    client, user_factory, staff_user, question_factory, answer_factory
):
    asker = user_factory()
    question = question_factory(author=asker)
    low = answer_factory(question=question, body="The low scoring answer.")
    high = answer_factory(question=question, body="The high scoring answer.")
    official = answer_factory(question=question, body="The official answer.")
    accepted = answer_factory(question=question, body="The accepted answer.")
    for _ in range(2):
        services.vote_cast(voter=user_factory(), item=high, value=1)
    services.vote_cast(voter=user_factory(), item=low, value=-1)
    services.answer_accept(answer=accepted, user=asker)
    services.answer_mark_official(answer=official, staff=staff_user)

    html = client.get(question.get_absolute_url()).content.decode()

    positions = [html.index(f'id="answer-{a.pk}"') for a in (accepted, official, high, low)]
    assert positions == sorted(positions)


def test_answering_moves_the_question_up_in_recent_activity(customer_client, question_factory):
    answered = question_factory(title="The older question gets an answer")
    question_factory(title="The newer question stays unanswered")

    _answer(customer_client, answered)

    html = customer_client.get("/questions/?order=active").content.decode()
    assert html.index("The older question gets an answer") < html.index(
        "The newer question stays unanswered"
    )
    assert Question.objects.get(pk=answered.pk).answer_count == 1
