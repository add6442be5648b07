"""What search finds follows what the public may see, at once: an edited, hidden, restored,
deleted, published or unpublished item is found (or not) by its new state; and an item the
public may not see is never shown, even while its search text is not refreshed yet."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.enums import Layer
from community.moderation.enums import ContentStatus
from community.moderation.services import content_hide, content_restore
from community.search.models import SearchDocument
from qa import services as qa_services
from qa.models import Question

pytestmark = pytest.mark.django_db


def _titles(client, query: str) -> list[str]:
    return [hit.title for hit in client.get(reverse("search"), {"q": query}).context["hits"]]


def test_an_edited_question_is_found_by_its_new_words_only(client, question_factory):
    question = question_factory(title="Whistle of the kettle", body="It whistles too softly.")

    qa_services.question_edit(
        question=question,
        editor=question.author,
        title="Lid of the kettle",
        body="The lid wobbles.",
        phase=question.phase,
        product=question.product,
        tags=question.tags.names(),
    )

    assert _titles(client, "wobbly lid") == ["Lid of the kettle"]
    assert _titles(client, "whistle") == []


def test_an_edited_answer_changes_what_finds_its_question(client, question_factory):
    question = question_factory(title="Strange noise when heating up")
    answer = qa_services.answer_create(
        question=question, author=question.author, body="The thermostat clicks."
    )
    assert _titles(client, "thermostat") == ["Strange noise when heating up"]

    qa_services.answer_edit(answer=answer, editor=answer.author, body="The element expands.")

    assert _titles(client, "thermostat") == []
    assert _titles(client, "expanding") == ["Strange noise when heating up"]


def test_a_thread_is_found_by_its_published_replies_only(
    client, question_factory, topic_factory, reply_factory, staff_user
):
    question = question_factory(title="Kettle scale keeps coming back")
    answer = qa_services.answer_create(
        question=question, author=question.author, body="Descale with citric acid."
    )
    topic = topic_factory(title="My sourdough starter routine")
    reply = reply_factory(topic=topic, body="Feed it rye flour twice a day.")
    assert _titles(client, "citric") == ["Kettle scale keeps coming back"]
    assert _titles(client, "rye") == ["My sourdough starter routine"]

    content_hide(item=answer, staff=staff_user, reason="Spam")
    content_hide(item=reply, staff=staff_user, reason="Spam")

    assert _titles(client, "citric") == []
    assert _titles(client, "rye") == []
    assert _titles(client, "sourdough") == ["My sourdough starter routine"]


def test_a_hidden_item_is_not_found_until_it_is_restored(
    client, question_factory, topic_factory, staff_user
):
    question = question_factory(title="Flamingo pink enamel chipped")
    topic = topic_factory(title="Flamingo pink enamel gallery")

    content_hide(item=question, staff=staff_user, reason="Spam")
    content_hide(item=topic, staff=staff_user, reason="Spam")
    assert _titles(client, "flamingo") == []

    content_restore(item=question, staff=staff_user)
    assert _titles(client, "flamingo") == ["Flamingo pink enamel chipped"]


def test_a_deleted_question_is_not_found(client, question_factory):
    question = question_factory(title="Flamingo pink enamel chipped")

    qa_services.question_delete(question=question, user=question.author)

    assert _titles(client, "flamingo") == []


def test_articles_are_found_when_published_and_by_their_published_text(
    client, sections, article_factory
):
    article = article_factory(
        section=sections[Layer.AFTER_BUYING],
        title="Flamingo glaze care",
        summary="Keep the glaze shiny.",
        live=False,
    )
    assert _titles(client, "flamingo") == []

    article.save_revision().publish()
    assert _titles(client, "flamingo") == ["Flamingo glaze care"]

    article.refresh_from_db()
    article.title = "Pelican glaze care"
    article.save_revision().publish()
    article.refresh_from_db()
    assert _titles(client, "pelican") == ["Pelican glaze care"]
    assert _titles(client, "flamingo") == []

    article.unpublish()
    assert _titles(client, "pelican") == []

    article.save_revision().publish()
    article.refresh_from_db()
    assert _titles(client, "pelican") == ["Pelican glaze care"]
    article.delete()
    assert _titles(client, "pelican") == []


def test_an_item_whose_text_is_not_refreshed_yet_is_still_never_shown(
    client, unpublished_zebras, question_factory
):
    """A change made behind the search's back (a bulk update) leaves the search text as it
    was; the items are still loaded through what the public may see."""
    question = question_factory(title="Zebra pattern visible question")
    Question.objects.filter(pk=question.pk).update(status=ContentStatus.HIDDEN)

    assert SearchDocument.objects.filter(kind="question", object_id=question.pk).exists()
    assert _titles(client, "zebra pattern") == []


def test_update_index_builds_every_public_items_search_text_again(
    client, unpublished_zebras, question_factory
):
    question = question_factory(title="Zebra pattern visible question")
    SearchDocument.objects.all().delete()
    assert _titles(client, "zebra") == []

    call_command("update_index", verbosity=0)

    assert _titles(client, "zebra") == ["Zebra pattern visible question"]
    # Only public items have search text: the hidden, held, deleted and draft zebras do not.
    assert list(SearchDocument.objects.values_list("kind", "object_id")) == [
        ("question", question.pk)
    ]


def test_an_items_language_is_told_from_its_text(question_factory):
    dutch = question_factory(
        title="Past het deksel op de pan?", body="Ik heb de pan van 24 cm en wil een deksel."
    )
    english = question_factory(title="Does the lid fit?", body="I have the 24 cm pan.")

    languages = dict(SearchDocument.objects.values_list("object_id", "language"))

    assert languages[dutch.pk] == "nl"
    assert languages[english.pk] == "en"
