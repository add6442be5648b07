"""The public read API as a shop's system uses it: anonymous GETs through the front door."""

from __future__ import annotations

import pytest

from cms.enums import Layer
from tests.api.openapi_check import response_problems

SKU = "SKILLET-28"
PRODUCT = f"/api/v1/products/{SKU}/"
QUESTIONS = f"/api/v1/products/{SKU}/questions/"
REVIEWS = f"/api/v1/products/{SKU}/reviews/"
ARTICLES = "/api/v1/articles/"
SEARCH = "/api/v1/search/"
WIDGET = f"/api/v1/products/{SKU}/widget/"


@pytest.fixture
def catalogue(product, question_factory, answer_factory, review_factory, article_factory):
    """A product with an answered question (accepted), two reviews and an article."""
    from qa import services as qa_services

    question = question_factory(product=product, title="Does the skillet work on induction?")
    answer = answer_factory(question=question, body="Yes, it works on induction hobs.")
    qa_services.answer_accept(answer=answer, user=question.author)
    review_factory(product=product, rating=5, title="Sears beautifully")
    review_factory(product=product, rating=2, title="Too heavy for me")
    article_factory(title="Seasoning cast iron", products=[product], layer=Layer.AFTER_BUYING)
    return {"question": question, "answer": answer}


# SECTION products


def test_a_product_is_found_by_its_sku_with_its_rating(client, catalogue):
    response = client.get(PRODUCT)

    assert response.status_code == 200
    body = response.json()
    assert body["sku"] == SKU
    assert body["name"] == "Cast-iron skillet"
    assert body["brand"] == "Ferro"
    assert body["url"].startswith("http://testserver/products/")
    assert body["rating"]["review_count"] == 2
    assert body["rating"]["average"] == 3.5
    assert [share["stars"] for share in body["rating"]["distribution"]] == [5, 4, 3, 2, 1]


def test_an_unknown_sku_is_a_404_in_the_error_shape(client, db):
    response = client.get("/api/v1/products/NO-SUCH-SKU/")

    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "There is no product with SKU NO-SUCH-SKU.",
    }


def test_an_unpublished_product_is_not_found(client, product):
    product.unpublish()

    assert client.get(PRODUCT).status_code == 404


# SECTION questions


def test_a_products_questions_come_with_their_accepted_answer(client, catalogue):
    body = client.get(QUESTIONS).json()

    assert body["count"] == 1
    question = body["results"][0]
    assert question["title"] == "Does the skillet work on induction?"
    assert question["accepted_answer"]["body_html"] == "<p>Yes, it works on induction hobs.</p>"
    assert question["official_answer"] is None


def test_questions_are_paged_and_sorted(client, product, question_factory):
    for number in range(3):
        question_factory(product=product, title=f"Question number {number} about the skillet")

    first = client.get(QUESTIONS + "?order=newest&page_size=2").json()
    second = client.get(QUESTIONS + "?order=newest&page_size=2&page=2").json()

    assert (first["count"], first["pages"], first["page"]) == (3, 2, 1)
    assert [q["title"] for q in first["results"] + second["results"]] == [
        "Question number 2 about the skillet",
        "Question number 1 about the skillet",
        "Question number 0 about the skillet",
    ]


@pytest.mark.parametrize(
    "query, field",
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page_size=0", "page_size"),
        ("page_size=51", "page_size"),
        ("order=loudest", "order"),
    ],
)
def test_bad_paging_or_sorting_is_a_400_naming_the_parameter(client, product, query, field):
    response = client.get(f"{QUESTIONS}?{query}")

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert list(body["fields"]) == [field]


def test_a_page_past_the_last_is_not_found(client, catalogue):
    response = client.get(QUESTIONS + "?page=2")

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_hidden_questions_and_hidden_accepted_answers_are_left_out(
    client, catalogue, product, question_factory, hide
):
    hidden = question_factory(product=product, title="A question a moderator hid")
    hide(hidden)
    hide(catalogue["answer"])

    body = client.get(QUESTIONS).json()

    assert [q["title"] for q in body["results"]] == ["Does the skillet work on induction?"]
    assert body["results"][0]["accepted_answer"] is None
    assert b"A question a moderator hid" not in client.get(SEARCH + "?q=moderator").content


def test_held_questions_are_left_out(client, settings, product, question_factory):
    settings.MODERATION_HOLD_FIRST_POSTS = 1
    question_factory(product=product, title="A first question waiting for a moderator")

    assert client.get(QUESTIONS).json()["count"] == 0


# SECTION reviews


def test_reviews_are_filtered_and_sorted_as_on_the_site(client, catalogue):
    lowest = client.get(REVIEWS + "?order=lowest").json()
    five_stars = client.get(REVIEWS + "?stars=5").json()

    assert [r["rating"] for r in lowest["results"]] == [2, 5]
    assert [r["title"] for r in five_stars["results"]] == ["Sears beautifully"]
    review = five_stars["results"][0]
    assert review["verified_buyer"] is True
    assert review["reply"] is None
    assert client.get(REVIEWS + "?stars=6").status_code == 400


def test_a_review_comes_with_the_shops_reply(client, catalogue, staff_user):
    from qa.models import Review
    from qa.services import review_reply_save

    review = Review.objects.get(title="Too heavy for me")
    review_reply_save(review=review, staff=staff_user, body="Sorry to hear it; try the 24 cm.")

    body = client.get(REVIEWS + "?stars=2").json()

    assert body["results"][0]["reply"]["body_html"] == "<p>Sorry to hear it; try the 24 cm.</p>"


def test_hidden_reviews_are_left_out(client, catalogue, product, hide):
    from qa.models import Review

    hide(Review.objects.get(title="Too heavy for me"))

    body = client.get(REVIEWS).json()

    assert [r["title"] for r in body["results"]] == ["Sears beautifully"]
    assert client.get(PRODUCT).json()["rating"]["review_count"] == 1


# SECTION articles and search


def test_articles_by_product_and_section(client, catalogue, article_factory):
    article_factory(title="Choosing a pan", layer=Layer.BEFORE_BUYING)
    article_factory(title="A draft about pans", layer=Layer.AFTER_BUYING, live=False)

    by_product = client.get(ARTICLES + f"?product={SKU}").json()
    before = client.get(ARTICLES + "?section=before").json()
    everything = client.get(ARTICLES).json()

    assert [(a["title"], a["section"]) for a in by_product["results"]] == [
        ("Seasoning cast iron", "after")
    ]
    assert [a["title"] for a in before["results"]] == ["Choosing a pan"]
    assert "A draft about pans" not in [a["title"] for a in everything["results"]]
    assert client.get(ARTICLES + "?section=sideways").status_code == 400
    assert client.get(ARTICLES + "?product=NOPE").status_code == 404


def test_search_finds_public_content(client, catalogue):
    body = client.get(SEARCH + "?q=induction").json()

    assert body["count"] >= 1
    assert body["results"][0]["title"] == "Does the skillet work on induction?"
    assert body["results"][0]["url"].startswith("http://testserver/questions/")


def test_search_needs_words(client, db):
    response = client.get(SEARCH)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["q"]


# SECTION nothing personal


def test_no_answer_carries_an_email_address(client, catalogue):
    for url in (PRODUCT, QUESTIONS, REVIEWS, ARTICLES, SEARCH + "?q=skillet", WIDGET):
        content = client.get(url).content.decode()
        assert "@example.com" not in content, url
        assert "email" not in content, url


# SECTION caching, CORS, rate limits


def test_an_unchanged_answer_is_a_304_by_etag_and_by_date(client, catalogue):
    first = client.get(PRODUCT)
    assert first["Cache-Control"] == "public, max-age=60"

    by_etag = client.get(PRODUCT, headers={"If-None-Match": first["ETag"]})
    by_date = client.get(PRODUCT, headers={"If-Modified-Since": first["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304


def test_a_changed_answer_is_sent_again(client, catalogue, product, review_factory):
    first = client.get(PRODUCT)
    review_factory(product=product, rating=1, title="Cracked")

    again = client.get(PRODUCT, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


def test_an_allowed_origin_may_read_the_answers(client, settings, catalogue):
    settings.API_ALLOWED_ORIGINS = ["https://shop.example"]

    response = client.get(PRODUCT, headers={"Origin": "https://shop.example"})
    preflight = client.options(
        PRODUCT,
        headers={
            "Origin": "https://shop.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )

    assert response["Access-Control-Allow-Origin"] == "https://shop.example"
    assert "Origin" in response["Vary"]
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "https://shop.example"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_another_origin_is_not_allowed(client, settings, catalogue):
    settings.API_ALLOWED_ORIGINS = ["https://shop.example"]

    response = client.get(PRODUCT, headers={"Origin": "https://evil.example"})

    assert response.status_code == 200  # a browser keeps it from the other page
    assert "Access-Control-Allow-Origin" not in response
    assert "Origin" in response["Vary"]


def test_too_many_requests_are_refused_with_retry_after(client, settings, catalogue):
    settings.API_RATE_LIMIT = "2/m"

    statuses = [client.get(PRODUCT).status_code for _ in range(3)]
    refused = client.get(PRODUCT)

    assert statuses == [200, 200, 429]
    assert refused.json()["error"] == "rate_limited"
    assert int(refused["Retry-After"]) >= 1


# SECTION query counts


@pytest.mark.parametrize(
    "url, budget",
    [
        (PRODUCT, 3),
        (QUESTIONS, 5),
        (REVIEWS, 5),
        (ARTICLES + f"?product={SKU}", 5),
        (WIDGET, 7),
    ],
)
def test_each_endpoint_reads_in_a_fixed_number_of_queries(
    client,
    catalogue,
    product,
    question_factory,
    review_factory,
    url,
    budget,
    django_assert_max_num_queries,
):
    client.get(url)  # the page tree and content types are cached by the first request
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
    for number in range(3):
        question_factory(product=product, answers=2, title=f"Another question {number} on it")
        review_factory(product=product, title=f"Another review {number}")
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


# SECTION the contract


@pytest.mark.parametrize(
    "url, path",
    [
        (PRODUCT, "/api/v1/products/{sku}/"),
        (QUESTIONS, "/api/v1/products/{sku}/questions/"),
        (REVIEWS, "/api/v1/products/{sku}/reviews/"),
        (ARTICLES, "/api/v1/articles/"),
        (SEARCH + "?q=skillet", "/api/v1/search/"),
        (WIDGET + "?lang=nl", "/api/v1/products/{sku}/widget/"),
    ],
)
def test_answers_match_the_openapi_document(client, catalogue, url, path):
    document = client.get("/api/v1/openapi.json").json()

    response = client.get(url)

    assert response_problems(document, path, 200, response.json()) == []


def test_errors_match_the_openapi_document(client, catalogue):
    document = client.get("/api/v1/openapi.json").json()
    path = "/api/v1/products/{sku}/questions/"

    not_found = client.get("/api/v1/products/NOPE/questions/")
    invalid = client.get(QUESTIONS + "?page=x")

    assert response_problems(document, path, 404, not_found.json()) == []
    assert response_problems(document, path, 400, invalid.json()) == []


def test_the_document_lists_every_endpoint_and_the_reference_page_shows_them(client, db):
    document = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/v1/").content.decode()

    assert document["openapi"].startswith("3.")
    assert sorted(document["paths"]) == [
        "/api/v1/articles/",
        "/api/v1/products/{sku}/",
        "/api/v1/products/{sku}/questions/",
        "/api/v1/products/{sku}/reviews/",
        "/api/v1/products/{sku}/widget/",
        "/api/v1/search/",
        "/api/v1/shop/orders/",
        "/api/v1/shop/products/",
    ]
    for path in document["paths"]:
        assert path in page


def test_the_shop_imports_still_answer_under_the_same_version(client, db):
    response = client.post("/api/v1/shop/products/", data="[]", content_type="application/json")

    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
