"""The widget shops embed: its script, the one request it makes, and its iframe page."""

from __future__ import annotations

import gzip

import pytest

SKU = "SKILLET-28"
WIDGET = f"/api/v1/products/{SKU}/widget/"
FRAME = f"/widget/v1/product/{SKU}/"
SCRIPT = "/widget/v1/community.js"


@pytest.fixture
def answered(product, question_factory, answer_factory, review_factory):
    """Four questions with answers of different scores, one accepted; three reviews."""
    from qa import services as qa_services

    questions = []
    for number in range(4):
        question = question_factory(product=product, title=f"Question {number} on the skillet")
        answer_factory(question=question, body=f"The answer to question {number}.")
        questions.append(question)
    best = answer_factory(question=questions[0], body="The accepted answer.")
    qa_services.answer_accept(answer=best, user=questions[0].author)
    for number in range(3):
        review_factory(product=product, rating=5 - number, title=f"Review {number}")
    return questions


def test_the_widget_answer_has_the_rating_three_questions_and_the_latest_reviews(client, answered):
    body = client.get(WIDGET).json()

    assert body["rating"]["review_count"] == 3
    assert len(body["questions"]) == 3
    answers = {q["title"]: q["answer"] for q in body["questions"]}
    assert answers["Question 0 on the skillet"]["text"] == "The accepted answer."
    assert answers["Question 0 on the skillet"]["accepted"] is True
    assert [r["title"] for r in body["reviews"]] == ["Review 2", "Review 1", "Review 0"]
    assert body["links"]["ask_question"].endswith(
        f"/questions/ask/?product={answered[0].product_id}"
    )
    assert body["labels"]["review_count"] == "3 reviews"


def test_the_widget_speaks_dutch_on_a_dutch_page(client, answered):
    body = client.get(WIDGET + "?lang=nl").json()

    assert body["language"] == "nl"
    assert body["labels"]["ask_question"] == "Stel een vraag"
    assert client.get(WIDGET + "?lang=fr").status_code == 400


def test_the_widget_leaves_out_hidden_questions_and_answers(client, answered, hide):
    from qa.models import Answer

    for question in answered[1:]:
        hide(question)
    hide(Answer.objects.get(body="The accepted answer."))

    body = client.get(WIDGET).json()

    assert [q["title"] for q in body["questions"]] == ["Question 0 on the skillet"]
    assert body["questions"][0]["answer"]["text"] == "The answer to question 0."
    assert body["questions"][0]["answer"]["accepted"] is False


def test_the_script_is_small_cached_and_compressed(client, db):
    response = client.get(SCRIPT, headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 15 * 1024
    assert b"attachShadow" in gzip.decompress(response.content)
    assert "public" in response["Cache-Control"]
    assert client.get(SCRIPT, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_the_iframe_page_shows_the_widget_without_javascript(client, settings, answered):
    settings.API_ALLOWED_ORIGINS = ["https://shop.example"]

    response = client.get(FRAME)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Question 0 on the skillet" in content
    assert "Ask a question" in content
    assert "<script" not in content
    assert "frame-ancestors https://shop.example" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response


def test_the_iframe_page_may_not_be_framed_when_no_origin_is_allowed(client, answered):
    response = client.get(FRAME)

    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_the_iframe_page_of_an_unknown_product_is_not_found(client, db):
    assert client.get("/widget/v1/product/NOPE/").status_code == 404
