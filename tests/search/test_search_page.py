import pytest
from django.urls import reverse

from cms.enums import Layer
from community.common.buying_phase import Phase
from community.moderation.enums import ContentStatus
from community.search.models import SearchQueryLog
from qa import services as qa_services

pytestmark = pytest.mark.django_db


def _search(client, **params):
    return client.get(reverse("search"), params)


def _titles(response) -> list[str]:
    return [hit.title for hit in response.context["hits"]]


def test_one_search_finds_articles_faq_products_questions_and_topics(
    client, sections, question_factory, topic_factory, article_factory, faq_factory, product_factory
):
    article_factory(section=sections[Layer.AFTER_BUYING], title="Descaling the espresso machine")
    faq_factory(
        parent=sections[Layer.BEFORE_BUYING], pairs=[("Is the espresso machine loud?", "Not very.")]
    )
    product_factory(title="Espresso machine Deluxe")
    question_factory(title="Why does my espresso machine leak water?")
    topic_factory(title="My espresso machine corner at home")

    response = _search(client, q="espresso machine")

    assert response.status_code == 200
    kinds = {hit.kind for hit in response.context["hits"]}
    assert kinds == {"article", "faq", "product", "question", "topic"}
    page = response.content.decode()
    for label in ("Article", "FAQ", "Product", "Question", "Topic"):
        assert f">{label}</span>" in page


def test_questions_are_found_by_their_answers_text(client, question_factory, answer_factory):
    question = question_factory(title="Strange noise when heating up")
    answer_factory(question=question, body="That is the thermostat clicking, perfectly normal.")

    assert _titles(_search(client, q="thermostat")) == ["Strange noise when heating up"]


def test_an_answered_question_ranks_above_an_open_one(client, question_factory, user_factory):
    open_question = question_factory(title="Grill grate rusty after winter")
    solved = question_factory(title="Grill grate rusty after rain")
    answer = qa_services.answer_create(
        question=solved, author=user_factory(), body="Brush it and oil it."
    )
    qa_services.answer_accept(answer=answer, user=solved.author)

    titles = _titles(_search(client, q="grill grate rusty"))

    assert titles.index(solved.title) < titles.index(open_question.title)


def test_hidden_deleted_and_draft_content_never_appears(
    client, unpublished_zebras, question_factory, answer_factory
):
    visible = question_factory(title="Zebra pattern visible question")
    hidden_answer = answer_factory(question=visible, body="Secret flamingo words")
    hidden_answer.status = ContentStatus.HIDDEN
    hidden_answer.save()

    assert _titles(_search(client, q="zebra pattern")) == ["Zebra pattern visible question"]
    assert _titles(_search(client, q="flamingo")) == []


def test_filters_by_type_product_and_phase(
    client, question_factory, topic_factory, product_factory
):
    kettle = product_factory(title="Kettle Mini")
    question_factory(title="Kettle lid stuck before buying?", phase=Phase.BEFORE_PURCHASE)
    question_factory(title="Kettle lid stuck after a month", phase=Phase.AFTER_PURCHASE)
    question_factory(title="Kettle lid stuck on the Mini", product=kettle)
    topic_factory(title="Kettle lid stuck story")

    assert {h.kind for h in _search(client, q="kettle lid", type="topic").context["hits"]} == {
        "topic"
    }
    assert set(_titles(_search(client, q="kettle lid", product=kettle.pk))) == {
        "Kettle lid stuck on the Mini",
        "Kettle Mini",  # the product's own page
    }
    after = _titles(_search(client, q="kettle lid", phase="after"))
    assert after == ["Kettle lid stuck after a month"]


def test_matched_words_are_highlighted_and_user_text_is_escaped(client, question_factory):
    question_factory(
        title="Toaster <img src=x onerror=alert(1)> question",
        body="My <script>alert(1)</script> toaster burns bread & 1 < 2 <mark>fake</mark>",
    )

    page = _search(client, q="toaster").content.decode()

    assert "<mark>toaster</mark>" in page
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "&lt;img src=x" in page
    assert "bread &amp; 1 &lt; 2" in page
    assert "<mark>fake</mark>" not in page


def test_plural_singular_and_typos_still_find_results(client, question_factory):
    question_factory(title="Which pan fits the induction hob?")

    assert _titles(_search(client, q="pans"))
    corrected = _search(client, q="inductoin")
    assert _titles(corrected)
    assert corrected.context["outcome"].corrected_query == "induction"
    # The same search again comes from the kept results, saying the same.
    again = _search(client, q="inductoin").content.decode()
    assert "Showing results for <strong>induction</strong>" in again
    assert "Which pan fits the induction hob?" in again


@pytest.mark.parametrize(
    "query",
    [
        '"quoted words"',
        "it's (the) [kettle] {x} * ? + - ! ~ ^ : \\ / AND OR NOT NEAR",
        "%_' ; DROP TABLE qa_question; --",
        "kettle " * 200,
        "<b>bold</b> & \x00 \x1f null",
        "ünïcödé 日本語 😀",
        "a" * 5000,
    ],
)
def test_odd_input_never_errors(client, question_factory, query):
    question_factory(title="The kettle whistles")

    response = _search(client, q=query, type="nonsense", product="abc", phase="x", page="zz")

    assert response.status_code == 200
    assert len(response.context["query"]) <= 200


def test_empty_input_and_stop_words_get_a_clear_message(client):
    empty = _search(client, q="   ").content.decode()
    assert "Type what you are looking for" in empty
    stop_words = _search(client, q="the of and").content.decode()
    assert "too common to search for" in stop_words
    assert not SearchQueryLog.objects.exists()


def test_no_results_suggests_asking_with_the_query_prefilled(client):
    page = _search(client, q="quantum toaster").content.decode()

    assert "0 results" in page
    assert "/questions/ask/?title=quantum+toaster" in page


def test_results_are_paged(client, question_factory):
    for number in range(12):
        question_factory(title=f"Blender jar number {number} cracked")

    first = _search(client, q="blender")
    second = _search(client, q="blender", page=2)

    assert first.context["outcome"].count == 12
    assert len(first.context["hits"]) == 10
    assert len(second.context["hits"]) == 2


def test_the_header_has_a_labelled_search_box_on_every_page(client):
    page = client.get(reverse("qa:question-list")).content.decode()

    assert 'role="search"' in page
    assert '<label for="site-search-q"' in page
    assert 'action="/search/"' in page


def test_the_navigation_section_links_to_search(client):
    page = client.get("/questions/").content.decode()

    assert 'href="/search/"' in page


@pytest.mark.parametrize("many", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_the_results_page_runs_a_bounded_number_of_queries(
    client,
    question_factory,
    topic_factory,
    sections,
    django_assert_max_num_queries,
    many,
    article_factory,
):
    for number in range(15 if many else 1):
        question_factory(title=f"Waffle iron question {number}", answers=1)
        topic_factory(title=f"Waffle iron topic {number}")
        article_factory(section=sections[Layer.AFTER_BUYING], title=f"Waffle iron article {number}")
    _search(client, q="waffle")  # warm caches (site root, vocabulary)

    # 18 with one hit of each kind, 16 with fifteen (the log row exists): flat, not per hit.
    with django_assert_max_num_queries(20):
        response = _search(client, q="waffle iron")

    assert response.status_code == 200


def test_snippets_show_the_text_a_reader_sees_not_markdown(client, question_factory):
    question_factory(
        title="Does the grinder fit espresso beans?", body="It is **remarkably** fine & `precise`."
    )
    html = client.get("/search/?q=grinder").content.decode()
    snippet = html[html.index("remarkably") - 200 : html.index("remarkably") + 200]
    assert "**" not in snippet and "`" not in snippet
    assert "fine &amp; precise" in snippet


def test_the_filters_fold_into_a_disclosure_after_the_query_field(client, question_factory):
    """On phones the results come first: the filters sit in a "Filters" disclosure, which says
    how many are chosen, and work without JavaScript (a plain GET form)."""
    question_factory(title="Kettle lid stuck", phase=Phase.AFTER_PURCHASE)

    plain = _search(client, q="kettle").content.decode()
    filtered = _search(client, q="kettle", type="question", phase="after").content.decode()

    assert '<details class="search-filters">' in plain
    assert plain.index('id="search-page-q"') < plain.index("<details")
    assert plain.index("<details") < plain.index('id="search-type"') < plain.index("</details>")
    assert ">Filters</summary>" in plain
    assert "Filters (2 chosen)" in filtered
    assert plain.index("</form>") < plain.index('class="search-results"')
