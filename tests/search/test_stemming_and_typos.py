"""How customers write: other forms of a word, Dutch, stop words and misspelt product words
still find the right items, on SQLite and PostgreSQL alike."""

import pytest
from django.urls import reverse

from cms.enums import Layer

pytestmark = pytest.mark.django_db


def _search(client, **params):
    return client.get(reverse("search"), params)


def _titles(response) -> list[str]:
    return [hit.title for hit in response.context["hits"]]


def test_rusty_finds_the_rust_article_and_question_first(
    client, sections, question_factory, article_factory
):
    """The issue's example: "rusty" did not meet "rust", while "after" matched the eggs."""
    question_factory(
        title="Eggs started sticking to the ceramic pan after three months",
        body="After three months of daily use the eggs stick to the pan.",
    )
    question_factory(title="Which pan for a gas hob after moving house?")
    article_factory(
        section=sections[Layer.AFTER_BUYING],
        title="Rust spots after the first wash",
        summary="Orange spots appear when the iron pan stays wet after washing.",
    )
    question_factory(title="My skillet is rusting", body="Brown rust on the pan since I washed it.")

    titles = _titles(_search(client, q="pan rusty after washing"))

    assert set(titles[:2]) == {"Rust spots after the first wash", "My skillet is rusting"}
    for query in ("rust", "rusting", "rusted", "rusty"):
        assert "Rust spots after the first wash" in _titles(_search(client, q=query)), query


def test_dutch_words_find_dutch_content_in_their_other_forms(client, question_factory):
    question_factory(
        title="Roestige pannen na de afwas",
        body="Mijn pannen roesten sinds ik ze in de vaatwasser heb gewassen.",
    )
    question_factory(title="Welke ketel is het stilst?", body="Ik zoek een stille waterkoker.")

    assert _titles(_search(client, q="roest pan")) == ["Roestige pannen na de afwas"]
    assert _titles(_search(client, q="afwassen")) == ["Roestige pannen na de afwas"]
    assert _titles(_search(client, q="ketels")) == ["Welke ketel is het stilst?"]


def test_a_member_reading_in_dutch_gets_the_dutch_item_first(client, question_factory):
    """Both match "barbecue" equally well; the language the site is read in decides."""
    question_factory(
        title="Barbecue lid", body="Does the lid of the barbecue close tightly on the bowl?"
    )
    question_factory(
        title="Barbecue deksel", body="Sluit het deksel van de barbecue goed op de ketel?"
    )

    def titles(language):
        response = client.get(reverse("search"), {"q": "barbecue"}, HTTP_ACCEPT_LANGUAGE=language)
        return _titles(response)

    assert titles("nl") == ["Barbecue deksel", "Barbecue lid"]
    assert titles("en") == ["Barbecue lid", "Barbecue deksel"]


def test_stop_words_are_neither_searched_nor_highlighted(client, question_factory):
    question_factory(title="Grill cover", body="Put the cover on after the grill has cooled.")
    question_factory(title="After dinner", body="What do you do after dinner?")
    question_factory(title="Het deksel van de pan", body="Het deksel past niet op de pan.")

    english = _search(client, q="cover after the grill")
    dutch = _search(client, q="het deksel van de pan")

    assert _titles(english) == ["Grill cover"]
    page = english.content.decode()
    assert "<mark>cover</mark>" in page and "<mark>grill</mark>" in page
    assert "<mark>after</mark>" not in page.lower() and "<mark>the</mark>" not in page.lower()
    assert _titles(dutch) == ["Het deksel van de pan"]
    page = dutch.content.decode().lower()
    assert "<mark>deksel</mark>" in page and "<mark>pan</mark>" in page
    for stop_word in ("het", "van", "de"):
        assert f"<mark>{stop_word}</mark>" not in page


def test_other_forms_of_a_word_are_highlighted(client, question_factory):
    question_factory(title="Stains on the lid", body="The lid is rusting at the hinge.")

    page = _search(client, q="rusty lid").content.decode()

    assert "<mark>rusting</mark>" in page


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("expresso", "Does the stovetop espresso maker fit on induction?"),
        ("moka pott", "Seal of the moka pot leaks"),
        ("kettel", "Descaling the gooseneck kettle"),
        ("descaling kettel", "Descaling the gooseneck kettle"),
        ("grindr coarse", "How coarse should the grinder be?"),
    ],
)
def test_a_misspelt_product_word_still_finds_its_items(
    client, sections, question_factory, article_factory, query, found
):
    question_factory(title="Does the stovetop espresso maker fit on induction?")
    question_factory(title="Seal of the moka pot leaks")
    question_factory(title="How coarse should the grinder be?")
    article_factory(section=sections[Layer.AFTER_BUYING], title="Descaling the gooseneck kettle")
    question_factory(title="Descaling with vinegar or citric acid?")

    titles = _titles(_search(client, q=query))

    assert titles[0] == found


def test_the_page_names_the_corrected_words_when_the_typed_ones_find_almost_nothing(
    client, question_factory
):
    question_factory(
        title="Does the stovetop espresso maker fit on induction?",
        body="The espresso maker's base is 11 cm wide.",
    )
    for number in range(3):
        question_factory(title=f"Ice maker number {number} is noisy")

    corrected = _search(client, q="expresso")
    partly_found = _search(client, q="expresso maker")

    assert corrected.context["outcome"].corrected_query == "espresso"
    page = corrected.content.decode()
    assert "Showing results for <strong>espresso</strong>" in page
    assert "<mark>espresso</mark>" in page
    # "maker" alone finds enough: the results are for what was typed (and its correction).
    assert "Showing results for" not in partly_found.content.decode()
    assert _titles(partly_found)[0] == "Does the stovetop espresso maker fit on induction?"


def test_a_rare_spelling_in_a_title_still_finds_the_common_one(client, question_factory):
    question_factory(title="Descaling the kettel: my own spelling")
    for title in ("with citric acid", "with vinegar", "every month"):
        question_factory(title=f"Descaling the kettle {title}")

    titles = _titles(_search(client, q="kettel"))

    # The exact spelling first, then what the common spelling finds.
    assert titles[0] == "Descaling the kettel: my own spelling"
    assert len(titles) == 4
