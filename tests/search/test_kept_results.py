"""A repeated search is served from its kept ranking and results part (kept under the page
generation): anything stored since, a new post or article, a hide or an unpublish, shows on
the very next search; every search is still counted for the content-gap log."""

import re

import pytest
from django.urls import reverse

from cms.enums import Layer
from community.moderation.services import content_hide
from community.search import services as search_services
from community.search.models import SearchQueryLog

pytestmark = pytest.mark.django_db


def _search(client, **params):
    return client.get(reverse("search"), params)


def _trusted(user):
    type(user).objects.filter(pk=user.pk).update(reputation=100)
    user.refresh_from_db()
    return user


def _without_tokens(page: str) -> str:
    """The page without its CSRF tokens (each request's own, masked anew)."""
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", page)


def _counted() -> dict[str, tuple[int, int]]:
    search_services.search_log_flush()
    return {row.query: (row.searches, row.result_count) for row in SearchQueryLog.objects.all()}


def test_a_repeated_search_reads_only_the_page_generation(
    client, question_factory, article_factory, django_assert_num_queries, settings
):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600  # the counts are written later, together
    for number in range(12):
        question_factory(title=f"Waffle iron question {number}", answers=1)
    article_factory(title="Waffle iron care")
    first = _search(client, q="waffle iron").content.decode()

    with django_assert_num_queries(1):
        again = _search(client, q="waffle iron").content.decode()

    assert _without_tokens(again) == _without_tokens(first)
    assert "Waffle iron care" in again


def test_a_member_repeating_a_search_asks_only_for_their_session_and_summary(
    client, customer_client, customer, question_factory, django_assert_num_queries, settings
):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    question_factory(title="Waffle iron question", answers=1)
    _search(client, q="waffle")  # a visitor made it first: members share the results part

    # The session, the member and their summary (with the page generation).
    with django_assert_num_queries(3):
        page = _search(customer_client, q="waffle").content.decode()

    assert "Waffle iron question" in page
    assert customer.username in page  # the frame is the member's own


def test_later_pages_of_a_search_share_its_ranking(
    client, question_factory, django_assert_max_num_queries
):
    for number in range(25):
        question_factory(title=f"Waffle iron question {number}")
    _search(client, q="waffle")

    # The generation, the promotions (which leave their pages out of every page's ranking),
    # the shown questions (the public ones, then for display) and the product filter.
    with django_assert_max_num_queries(6):
        second = _search(client, q="waffle", page=2).content.decode()

    assert second.count("Waffle iron question") == 10


def test_a_new_question_answer_and_article_show_in_the_next_search(
    client, customer_client, customer, question_factory, article_factory, settings
):
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    assert "Nothing found" in _search(client, q="zinnober").content.decode()

    question_factory(title="Is the zinnober lid oven-safe?")
    assert "Is the zinnober lid oven-safe?" in _search(client, q="zinnober").content.decode()

    article_factory(layer=Layer.AFTER_BUYING, title="Caring for zinnober enamel")
    assert "Caring for zinnober enamel" in _search(client, q="zinnober").content.decode()

    other = question_factory(title="Which lid fits the 28 cm pan?")
    assert "Which lid fits the 28 cm pan?" not in _search(client, q="zinnober").content.decode()
    _trusted(customer)
    posted = customer_client.post(
        f"/questions/{other.pk}/answer/", {"body": "The zinnober one fits it exactly."}
    )
    assert posted.status_code == 302

    page = _search(client, q="zinnober").content.decode()
    assert "Which lid fits the 28 cm pan?" in page


def test_a_hidden_post_disappears_from_the_next_search(
    client, customer_client, question_factory, answer_factory, staff_user
):
    question = question_factory(title="Zinnober lid cracked")
    answer = answer_factory(question=question_factory(title="Which lid?"), body="The flamingo one.")
    assert "Zinnober lid cracked" in _search(client, q="zinnober").content.decode()
    assert "Which lid?" in _search(customer_client, q="flamingo").content.decode()

    content_hide(item=question, staff=staff_user, reason="Spam")
    content_hide(item=answer, staff=staff_user, reason="Spam")

    for reader in (client, customer_client):
        assert "Zinnober lid cracked" not in _search(reader, q="zinnober").content.decode()
        assert "Which lid?" not in _search(reader, q="flamingo").content.decode()


def test_the_kept_ranking_of_a_query_follows_changes_too(client, question_factory, staff_user):
    """Another address of the same query ("Zinnober", "zinnober ") makes its own page from the
    query's kept ranking: that too is made afresh after a change."""
    cracked = question_factory(title="Zinnober lid cracked")
    assert "Zinnober lid cracked" in _search(client, q="zinnober").content.decode()

    question_factory(title="Zinnober lid rattles")
    content_hide(item=cracked, staff=staff_user, reason="Spam")

    page = _search(client, q="Zinnober ").content.decode()
    assert "Zinnober lid rattles" in page
    assert "Zinnober lid cracked" not in page


def test_an_unpublished_article_disappears_from_the_next_search(client, article_factory):
    article = article_factory(title="Descaling the zinnober kettle")
    assert "Descaling the zinnober kettle" in _search(client, q="zinnober").content.decode()

    article.unpublish()

    assert "Descaling the zinnober kettle" not in _search(client, q="zinnober").content.decode()


def test_every_repeated_search_is_counted(client, customer_client, question_factory, settings):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    for number in range(11):  # two pages
        question_factory(title=f"Blender lid leaks {number}")
    search_services.search_log_flush()

    _search(client, q="blender lid")
    _search(client, q="blender lid")  # served from the kept results
    _search(customer_client, q="Blender  LID")
    _search(client, q="quantum toaster")
    _search(client, q="quantum toaster")
    # Neither a filtered search nor a later page counts, kept or not.
    for _repeat in range(2):
        _search(client, q="blender lid", type="question")
        _search(client, q="blender lid", page=2)

    assert _counted() == {"blender lid": (3, 11), "quantum toaster": (2, 0)}


def test_kept_results_are_per_language(client, question_factory):
    question_factory(title="Does the barbecue lid fit?")
    english = client.get(reverse("search"), {"q": "barbecue"}, HTTP_ACCEPT_LANGUAGE="en")
    dutch = client.get(reverse("search"), {"q": "barbecue"}, HTTP_ACCEPT_LANGUAGE="nl")

    assert ">Question</span>" in english.content.decode()
    assert ">Vraag</span>" in dutch.content.decode()
    assert ">Question</span>" not in dutch.content.decode()


def test_kept_results_follow_the_filters_in_the_address(client, question_factory, topic_factory):
    question_factory(title="Waffle iron question")
    topic_factory(title="Waffle iron topic")
    _search(client, q="waffle")

    only_topics = _search(client, q="waffle", type="topic").content.decode()

    assert "Waffle iron topic" in only_topics
    assert "Waffle iron question" not in only_topics


def test_a_kept_ranking_shows_only_what_is_public_when_its_rows_are_loaded(
    question_factory, staff_user
):
    """Even read under the generation it was kept under, a kept hit is loaded through the
    public rows: an item hidden since is left out, never shown."""
    from community.search import selectors

    shown = question_factory(title="Zinnober lid rattles")
    hidden = question_factory(title="Zinnober lid cracked")
    selectors.search_everything_kept("zinnober", generation=7)
    content_hide(item=hidden, staff=staff_user, reason="Spam")

    kept = selectors.search_everything_kept("zinnober", generation=7)
    assert {hit.pk for hit in kept.hits} == {shown.pk, hidden.pk}  # as kept
    shown_hits = selectors.prepare_hits(kept.hits, kept.marked_terms)

    assert [hit.title for hit in shown_hits] == ["Zinnober lid rattles"]
