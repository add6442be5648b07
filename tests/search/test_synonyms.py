"""Synonyms staff keep in the admin ("Search synonyms"): a search with one phrase of a group also
finds content written with the others, never ranked above content with the customer's words."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.rich_text import RichText

from cms.enums import Layer
from community.search import synonyms
from community.search.models import SearchSynonym

pytestmark = pytest.mark.django_db

SYNONYMS_URL = "/admin/snippets/sitesearch/searchsynonym/"


@pytest.fixture
def moderator_client(client, user_factory):
    moderator = user_factory(username="mod", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    return client


def _titles(client, query: str) -> list[str]:
    return [hit.title for hit in client.get(reverse("search"), {"q": query}).context["hits"]]


def _group(phrases: str) -> SearchSynonym:
    return SearchSynonym.objects.create(phrases=phrases)


def test_a_group_added_in_the_admin_finds_content_in_other_words_until_it_is_deleted(
    moderator_client, article_factory
):
    article_factory(title="How to return a product", layer=Layer.AFTER_BUYING)
    assert _titles(moderator_client, "send it back") == []

    response = moderator_client.post(SYNONYMS_URL + "add/", {"phrases": "send it back\nreturn"})
    assert response.status_code == 302
    page = moderator_client.get(reverse("search"), {"q": "How do I send it back?"})
    assert [hit.title for hit in page.context["hits"]] == ["How to return a product"]
    assert "<mark>return</mark>" in page.content.decode()

    group = SearchSynonym.objects.get()
    response = moderator_client.post(f"{SYNONYMS_URL}delete/{group.pk}/")
    assert response.status_code == 302
    assert not SearchSynonym.objects.exists()
    assert _titles(moderator_client, "send it back") == []


def test_editing_a_group_changes_what_searches_find_at_once(client, question_factory):
    question_factory(title="Which barbecue for a small balcony?")
    group = _group("bbq, grill")
    assert _titles(client, "bbq") == []

    group.phrases = "bbq, barbecue"
    group.save()

    assert _titles(client, "bbq") == ["Which barbecue for a small balcony?"]


def test_multi_word_phrases_match_as_whole_words_and_their_alternatives_need_all_words(
    client, question_factory
):
    _group("moka pot, stovetop espresso maker")
    question_factory(title="My stovetop espresso maker leaks at the seal")
    question_factory(title="Espresso beans: how long do they keep?")
    question_factory(title="Which stovetop kettle whistles loudest?")

    assert _titles(client, "moka pot leaks") == ["My stovetop espresso maker leaks at the seal"]
    # "pot" alone is not the phrase: nothing is said otherwise.
    assert _titles(client, "pot leaks") == ["My stovetop espresso maker leaks at the seal"]
    assert _titles(client, "pot") == []


def test_phrases_match_whole_words_only(client, question_factory):
    _group("hob, cooktop")
    question_factory(title="Does the pan work on a ceramic cooktop?")

    assert _titles(client, "hob") == ["Does the pan work on a ceramic cooktop?"]
    assert _titles(client, "hobby") == []


def test_exact_wording_ranks_above_the_same_content_found_through_a_synonym(
    client, question_factory
):
    _group("moka pot, stovetop espresso maker")
    through_synonym = question_factory(title="Stovetop espresso maker leaks at the seal")
    exact = question_factory(title="Moka pot leaks at the seal")

    assert _titles(client, "moka pot leaks") == [exact.title, through_synonym.title]


def test_a_dutch_group_finds_dutch_content(client, question_factory, article_factory):
    _group("terugsturen, retourneren, geld terug")
    article_factory(title="Een product retourneren", layer=Layer.AFTER_BUYING)
    question_factory(title="Krijg ik mijn geld terug voor een kapotte pan?")

    titles = _titles(client, "hoe kan ik de pan terugsturen")

    assert titles[:2] == [
        "Een product retourneren",
        "Krijg ik mijn geld terug voor een kapotte pan?",
    ]


def test_a_query_uses_a_bounded_number_of_groups_and_alternatives():
    many = ", ".join(f"word{n}" for n in range(10))
    _group("alpha, " + many)
    for name in ("beta", "gamma", "delta", "epsilon"):
        _group(f"{name}, {name}x")

    matches = synonyms.synonym_matches("alpha beta gamma delta epsilon")

    assert len(matches) == synonyms.MAX_GROUPS_PER_QUERY
    assert matches[0].alternatives == tuple(f"word{n}" for n in range(5))


def test_a_group_needs_two_phrases_and_the_form_keeps_what_was_typed(moderator_client):
    response = moderator_client.post(SYNONYMS_URL + "add/", {"phrases": "refund, Refund "})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Give at least two phrases that mean the same." in page
    assert "refund, Refund" in page
    assert not SearchSynonym.objects.exists()


def test_phrases_are_stored_one_per_line_in_lower_case(moderator_client):
    moderator_client.post(SYNONYMS_URL + "add/", {"phrases": "BBQ,  Barbecue\r\nbbq"})

    assert SearchSynonym.objects.get().phrases == "bbq\nbarbecue"


def test_customers_cannot_manage_synonyms(customer_client):
    response = customer_client.post(SYNONYMS_URL + "add/", {"phrases": "a, b"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not SearchSynonym.objects.exists()


def test_admin_users_without_the_permission_cannot_manage_synonyms(client, staff_user):
    client.force_login(staff_user)  # may use the admin (tests/search/conftest.py), no more

    response = client.post(SYNONYMS_URL + "add/", {"phrases": "a, b"})

    assert response.status_code in (302, 403)
    assert not SearchSynonym.objects.exists()


def test_editors_manage_synonyms(client, user_factory):
    editor = user_factory(username="ed")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    assert client.get(SYNONYMS_URL).status_code == 200
    assert "Search synonyms" in client.get("/admin/").content.decode()


def test_snippets_mark_one_word_synonyms_but_not_single_words_of_longer_ones(
    client, article_factory
):
    _group("refund, send back, return")
    article_factory(
        title="Reassembling the grinder",
        body=[("paragraph", RichText("<p>Put the burr back and return to your setting.</p>"))],
    )

    page = client.get(reverse("search"), {"q": "refund"}).content.decode()

    assert "<mark>return</mark>" in page
    assert "<mark>back</mark>" not in page
