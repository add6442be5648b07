"""Related content under a question and a forum topic: "Similar questions" (questions and
topics) and "Articles that may help" (articles and FAQ), public items only, cached per item."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from community.moderation.enums import ContentStatus
from community.moderation.services import content_hide
from community.search import related
from qa import services as qa_services

pytestmark = pytest.mark.django_db

SIMILAR = "Similar questions"
HELPFUL = "Articles that may help"


def _related_section(response) -> str:
    """The related-content section of a page ("" when the page has none)."""
    assert response.status_code == 200
    page = response.content.decode()
    found = re.search(r'<section class="related-content".*?</section>', page, re.S)
    return found.group(0) if found else ""


def _group(section: str, heading: str) -> str:
    """One group's list, from its heading to the end of its list."""
    found = re.search(re.escape(heading) + r".*?</ul>", section, re.S)
    return found.group(0) if found else ""


def _resolved_question(question_factory, staff_user, **fields):
    question = question_factory(answers=1, **fields)
    answer = question.answers.get()
    return qa_services.answer_mark_official(answer=answer, staff=staff_user)


@pytest.fixture
def kettle(product_factory):
    return product_factory(title="Whistling kettle", sku="KETTLE-1")


@pytest.fixture
def kettle_family(
    kettle, staff_user, question_factory, topic_factory, article_factory, knowledge_base
):
    """A question about the kettle's whistle and what is related to it, of every kind."""
    from tests.cms.kb_factories import make_faq

    asked = question_factory(title="Why did the kettle whistle stop working?", product=kettle)
    return {
        "question": asked,
        "resolved": _resolved_question(
            question_factory, staff_user, title="Kettle whistle is very quiet now"
        ),
        "topic": topic_factory(title="My trick for a louder kettle whistle", product=kettle),
        "article": article_factory(title="Cleaning the kettle whistle", products=[kettle]),
        "faq": make_faq(knowledge_base[0], ("Does the kettle whistle wear out?", "Rarely.")),
    }


def test_a_question_page_lists_similar_questions_topics_and_articles(kettle_family):
    question = kettle_family["question"]

    section = _related_section(Client().get(question.get_absolute_url()))

    similar, helpful = _group(section, SIMILAR), _group(section, HELPFUL)
    assert kettle_family["resolved"].get_absolute_url() in similar
    assert kettle_family["topic"].get_absolute_url() in similar
    assert kettle_family["article"].url in helpful
    assert kettle_family["faq"].url in helpful
    # The question itself is never its own related item.
    assert question.get_absolute_url() not in section
    assert "Answered" in similar  # the resolved question says so


def test_a_topic_page_points_to_the_question_that_answers_it(kettle_family):
    topic = kettle_family["topic"]

    section = _related_section(Client().get(topic.get_absolute_url()))

    similar = _group(section, SIMILAR)
    assert kettle_family["resolved"].get_absolute_url() in similar
    assert kettle_family["question"].get_absolute_url() in similar
    assert topic.get_absolute_url() not in section
    assert kettle_family["article"].url in _group(section, HELPFUL)


def test_a_question_without_anything_related_shows_no_related_headings(question_factory):
    question = question_factory(title="Quokka xylophone zeppelin maintenance")

    response = Client().get(question.get_absolute_url())

    assert _related_section(response) == ""
    assert SIMILAR not in response.content.decode()


def test_hidden_held_deleted_and_draft_items_are_never_related(
    kettle, kettle_family, staff_user, question_factory, topic_factory, article_factory, settings
):
    hidden_question = question_factory(title="Kettle whistle hidden spam question", answers=1)
    content_hide(item=hidden_question, staff=staff_user, reason="Spam")
    hidden_topic = topic_factory(title="Kettle whistle hidden spam topic")
    content_hide(item=hidden_topic, staff=staff_user, reason="Spam")
    deleted = question_factory(title="Kettle whistle deleted question")
    qa_services.question_delete(question=deleted, user=deleted.author)
    settings.MODERATION_HOLD_FIRST_POSTS = 1
    held = question_factory(title="Kettle whistle held question")
    assert held.status == ContentStatus.PENDING
    draft = article_factory(title="Kettle whistle draft article", live=False, products=[kettle])
    page_url = kettle_family["question"].get_absolute_url()

    anonymous = _related_section(Client().get(page_url))
    member_client = Client()
    member_client.force_login(held.author)  # the held question's own author
    member = _related_section(member_client.get(page_url))

    for item in (hidden_question, hidden_topic, deleted, held):
        assert item.get_absolute_url() not in anonymous
    assert f'href="/kb/after-buying/{draft.slug}/"' not in anonymous
    assert "hidden spam" not in anonymous and "draft article" not in anonymous
    # A signed-in member (even the held question's author) sees the same public set.
    assert member == anonymous


def test_an_item_hidden_after_the_list_was_cached_drops_out_at_once(kettle_family, staff_user):
    page_url = kettle_family["question"].get_absolute_url()
    resolved = kettle_family["resolved"]
    assert resolved.get_absolute_url() in _related_section(Client().get(page_url))

    content_hide(item=resolved, staff=staff_user, reason="Wrong advice")

    assert resolved.get_absolute_url() not in _related_section(Client().get(page_url))


def test_an_unpublished_article_drops_out_at_once(kettle_family):
    page_url = kettle_family["question"].get_absolute_url()
    article = kettle_family["article"]
    assert article.url in _related_section(Client().get(page_url))

    article.unpublish()

    assert f"/{article.slug}/" not in _related_section(Client().get(page_url))


def test_resolved_questions_come_before_open_ones(question_factory, staff_user):
    asked = question_factory(title="Grinder burrs squeak loudly")
    open_one = question_factory(title="Grinder burrs squeak loudly, help")
    resolved = _resolved_question(
        question_factory, staff_user, title="Grinder burrs squeak loudly, help!"
    )

    similar = related.related_content("question", asked).similar

    assert [link.url for link in similar][:2] == [
        resolved.get_absolute_url(),
        open_one.get_absolute_url(),
    ]
    assert similar[0].resolved and not similar[1].resolved


def test_items_about_the_same_product_rank_higher(product_factory, question_factory):
    grinder = product_factory(title="Burr grinder", sku="GRINDER-1")
    other = product_factory(title="Blade grinder", sku="GRINDER-2")
    asked = question_factory(title="Coffee grinder makes uneven grounds", product=grinder)
    # The same words about another product, answered (which search ranks higher), and about
    # this product, not answered yet.
    answered_elsewhere = question_factory(
        title="Coffee grinder makes uneven grounds", product=other, answers=1
    )
    same_product = question_factory(title="Coffee grinder makes uneven grounds", product=grinder)

    without = related.related_content("question", asked).similar
    with_product = related.related_content("question", asked, product_id=grinder.pk).similar

    assert without[0].url == answered_elsewhere.get_absolute_url()
    assert with_product[0].url == same_product.get_absolute_url()


def test_each_group_holds_at_most_the_limit(question_factory, article_factory):
    asked = question_factory(title="Pizza stone cracked in the oven")
    for number in range(7):
        question_factory(title=f"Pizza stone cracked in the oven, case {number}")
        article_factory(title=f"Pizza stone cracked: guide {number}")

    found = related.related_content("question", asked, limit=3)

    assert len(found.similar) == 3 and len(found.helpful) == 3


def test_a_long_title_searches_a_bounded_number_of_words():
    title = (
        "Why does my brand new stainless steel saucepan with the copper core discolour "
        "and show rainbow stains after boiling pasta water on induction"
    )

    terms = related.title_terms(title)

    assert len(terms) == related.RELATED_MAX_TERMS
    assert "discolour" in terms and "stainless" in terms


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


MAX_PAGE_QUERIES = 25  # a question or topic page with its related content, every cache cold


@pytest.mark.parametrize("kind", ["question", "topic"])
def test_the_pages_queries_do_not_grow_with_related_items(
    kind, question_factory, article_factory, topic_factory, django_assert_max_num_queries
):
    make = question_factory if kind == "question" else topic_factory
    few = make(title="Thermos lid leaks coffee")
    question_factory(title="Thermos lid leaks coffee slowly", answers=1)
    topic_factory(title="Thermos lid leaks coffee, topic")
    article_factory(title="Thermos lid leaks coffee, article")
    many = make(title="Waffle iron batter overflows")
    for number in range(6):
        question_factory(title=f"Waffle iron batter overflows {number}", answers=1)
        topic_factory(title=f"Waffle iron batter overflows, topic {number}")
        article_factory(title=f"Waffle iron batter overflows, article {number}")
    few_section = _related_section(Client().get(few.get_absolute_url()))
    many_section = _related_section(Client().get(many.get_absolute_url()))
    assert few_section.count("<li>") == 3 and many_section.count("<li>") == 8
    cache.clear()
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        cold_many = _page_queries(Client(), many.get_absolute_url())
    cache.clear()
    cold_few = _page_queries(Client(), few.get_absolute_url())

    assert cold_many == cold_few


def test_with_a_warm_cache_related_content_costs_no_query(
    kettle_family, monkeypatch, django_assert_max_num_queries
):
    for page_url in (
        kettle_family["question"].get_absolute_url(),
        kettle_family["topic"].get_absolute_url(),
    ):
        Client().get(page_url)  # warms the cache
        warm = _page_queries(Client(), page_url)
        with monkeypatch.context() as patched:
            patched.setattr(
                "qa.views.questions.related_content", lambda *a, **k: related.RelatedContent()
            )
            patched.setattr(
                "forum.views.topics.related_content", lambda *a, **k: related.RelatedContent()
            )
            without_related = _page_queries(Client(), page_url)
        assert warm == without_related
        with django_assert_max_num_queries(warm):
            Client().get(page_url)
