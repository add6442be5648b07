"""What site search searches is what the apps register (community/search/registry.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from community.search import documents, registry, selectors
from community.search.registry import SearchSource


def test_every_apps_content_is_searchable_in_the_filters_order():
    assert [kind for kind, _label in selectors.kind_choices()] == [
        "article",
        "faq",
        "product",
        "question",
        "topic",
    ]


def test_a_second_source_of_a_registered_kind_is_refused():
    with pytest.raises(ImproperlyConfigured):
        registry.register_search_source(
            SearchSource(
                kind="question",
                label="Question",
                position=99,
                weight=1.0,
                public_items=lambda: None,
                url=str,
                snippet_source=str,
            )
        )


@pytest.mark.django_db
def test_saving_an_answer_or_a_post_refreshes_its_questions_or_topics_document(
    monkeypatch, question_factory, topic_factory
):
    refreshed = []
    monkeypatch.setattr(documents, "refresh_later", lambda kind, pk: refreshed.append((kind, pk)))

    question = question_factory(answers=1)
    topic = topic_factory(replies=1)
    refreshed.clear()

    question.answers.first().save()
    topic.posts.last().save()

    assert refreshed == [("question", question.pk), ("topic", topic.pk)]
