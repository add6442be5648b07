"""Pages in English and Dutch: one address per page, shown in the reader's language where a
translation exists; a translated product shows its original's community content and shop
facts; editors translate through Wagtail's "Translate"."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, WorkflowPage

from cms.enums import Layer
from cms.models import KnowledgeBaseIndexPage, ProductPage
from cms.services import KB_WORKFLOW_NAME, default_home_page, product_index_get_or_create
from community.common.page_cache import forget_kept_pages

pytestmark = pytest.mark.django_db

DUTCH = {"HTTP_ACCEPT_LANGUAGE": "nl"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def dutch() -> Locale:
    return Locale.objects.get_or_create(language_code="nl")[0]


def translate(page, *, publish=True, **fields):
    """The page's Dutch translation as "Translate" makes it (its parents first), with
    ``fields`` changed and published."""
    copy = page.specific.copy_for_translation(dutch(), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    revision = copy.save_revision()
    if publish:
        revision.publish()
    return copy


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def skillet(product_factory):
    return product_factory(
        title="Cast-iron skillet",
        short_description="Sears, bakes and goes in the oven.",
        price="59.95",
        specifications=(("Weight", "3.1 kg"),),
    )


@pytest.fixture
def dutch_skillet(skillet):
    return translate(
        skillet,
        title="Gietijzeren koekenpan",
        short_description="Schroeit dicht, bakt en kan de oven in.",
    )


def test_a_translation_keeps_its_address_and_has_no_sku_of_its_own(skillet, dutch_skillet):
    assert dutch_skillet.url == skillet.url
    assert dutch_skillet.slug == skillet.slug
    assert dutch_skillet.sku is None
    assert ProductPage.objects.get(sku=skillet.sku) == skillet


def test_a_dutch_visitor_sees_the_dutch_product_page_and_its_questions(
    client, skillet, dutch_skillet, question_factory
):
    question_factory(title="Does the skillet work on induction?", product=skillet)

    page = text(client.get(skillet.url, **DUTCH))

    assert "Gietijzeren koekenpan" in page
    assert "Schroeit dicht, bakt en kan de oven in." in page
    assert "Does the skillet work on induction?" in page  # the original's questions
    assert skillet.sku in page  # and its shop facts
    assert "59,95" in page


def test_an_english_visitor_sees_the_english_product_page(client, skillet, dutch_skillet):
    page = text(client.get(skillet.url, **ENGLISH))

    assert "Cast-iron skillet" in page
    assert "Gietijzeren koekenpan" not in page


def test_the_ask_form_on_a_dutch_product_page_asks_about_the_original(
    client, customer, skillet, dutch_skillet
):
    client.force_login(customer)

    page = text(client.get(skillet.url, **DUTCH))

    assert f'name="product" value="{skillet.pk}"' in page
    assert f'name="product" value="{dutch_skillet.pk}"' not in page


def test_a_draft_translation_is_not_shown(client, skillet):
    translate(skillet, publish=False, title="Gietijzeren koekenpan")

    page = text(client.get(skillet.url, **DUTCH))

    assert "Cast-iron skillet" in page
    assert "Gietijzeren koekenpan" not in page


def test_the_product_list_and_the_products_in_it_are_dutch_for_a_dutch_visitor(client, skillet):
    translate(product_index_get_or_create(), title="Producten")
    translate(skillet, title="Gietijzeren koekenpan")

    page = text(client.get(product_index_get_or_create().url, **DUTCH))

    assert "<h1>Producten</h1>" in page
    assert "Gietijzeren koekenpan" in page


def test_the_dutch_product_list_shows_every_product_with_the_originals_shop_facts(
    client, skillet, product_factory, product_category_factory
):
    cookware = product_category_factory(name="Cookware")
    for product in (skillet, product_factory(title="Dutch oven", price="89.00")):
        product.category = cookware
        product.save_revision().publish()
    product_factory(title="Kettle", category=product_category_factory(name="Kitchen"))
    translate(product_index_get_or_create(), title="Producten")
    # The translation's copy of the price, never updated by the shop's import.
    translate(skillet, title="Gietijzeren koekenpan", price="49.95")

    response = client.get(product_index_get_or_create().url, **DUTCH)

    page = text(response)
    assert "<h1>Producten</h1>" in page
    assert "Gietijzeren koekenpan" in page and "Cast-iron skillet" not in page
    assert "Dutch oven" in page and "Kettle" in page  # not translated: shown in English
    assert "59,95" in page and "49,95" not in page
    assert response.context["product_total"] == 3
    counts = {c.name: c.product_count for c in response.context["categories"]}
    assert counts == {"Cookware": 2, "Kitchen": 1}
    cookware_list = text(client.get(f"/products/?category={cookware.slug}", **DUTCH))
    assert "Gietijzeren koekenpan" in cookware_list and "Dutch oven" in cookware_list
    assert "Kettle" not in cookware_list


def test_a_dutch_product_list_costs_the_same_queries_for_one_product_as_for_several(
    client, customer, skillet, product_factory
):
    translate(default_home_page(), title="Welkom")
    translate(product_index_get_or_create(), title="Producten")
    translate(skillet, title="Gietijzeren koekenpan")
    client.force_login(customer)
    url = product_index_get_or_create().url
    client.get(url)  # warm the site-root cache shared by every request
    forget_kept_pages()
    one = _queries(client, url, **DUTCH)
    for number in range(3):
        product = product_factory(title=f"Pan number {number}")
        if number:
            translate(product, title=f"Pan nummer {number}")
    client.get(url)  # the caches publishing emptied, warmed again
    forget_kept_pages()

    assert _queries(client, url, **DUTCH) == one


def test_a_product_the_import_unpublishes_is_gone_in_both_languages(
    client, skillet, dutch_skillet, product_factory
):
    from shop.enums import MissingProducts
    from shop.feeds import FeedRow
    from shop.services import product_import_rows

    kettle = product_factory(title="Kettle")
    row = FeedRow(
        number=2,
        values={
            "sku": kettle.sku,
            "name": "Kettle",
            "brand": "",
            "category": "",
            "description": "",
            "price": "29.95",
            "url": "",
            "specifications": "",
        },
    )

    report = product_import_rows(rows=[row], missing=MissingProducts.UNPUBLISH)

    assert report.unpublished == [f"{skillet.sku} (Cast-iron skillet)"]
    dutch_skillet.refresh_from_db()
    assert not dutch_skillet.live
    forget_kept_pages()
    assert client.get(skillet.url, **ENGLISH).status_code == 404
    assert client.get(skillet.url, **DUTCH).status_code == 404
    assert "Gietijzeren koekenpan" not in text(
        client.get(product_index_get_or_create().url, **DUTCH)
    )


@pytest.fixture
def articles(article_factory):
    translated = article_factory(layer=Layer.AFTER_BUYING, title="Descaling the kettle")
    original_only = article_factory(layer=Layer.AFTER_BUYING, title="Kettle error codes")
    translate(translated, title="De waterkoker ontkalken", summary="Eén keer per maand.")
    return translated, original_only


def test_switching_to_dutch_on_an_article_shows_its_translation(articles):
    translated, _ = articles
    visitor = Client()
    text(visitor.get(translated.url))

    response = visitor.post(
        reverse("set_language"), {"language": "nl", "next": translated.url}, follow=True
    )

    assert response.redirect_chain[-1][0] == translated.url
    assert "De waterkoker ontkalken" in text(response)


def test_an_article_without_a_translation_is_shown_in_its_original_language(client, articles):
    _, original_only = articles

    page = text(client.get(original_only.url, **DUTCH))

    assert "Kettle error codes" in page


def test_an_address_no_page_has_is_not_found_in_either_language(client, articles):
    translated, _ = articles
    missing = translated.url + "no-such-page/"

    assert client.get(missing, **DUTCH).status_code == 404
    assert client.get(missing, **ENGLISH).status_code == 404


def test_a_translation_under_another_slug_is_shown_at_its_original_address(client, articles):
    translated, _ = articles
    dutch_article = translated.get_translation(dutch())
    dutch_article.slug = "waterkoker-ontkalken"
    dutch_article.save_revision().publish()

    assert "De waterkoker ontkalken" in text(client.get(translated.url, **DUTCH))
    assert "Descaling the kettle" in text(client.get(translated.url, **ENGLISH))


def test_the_page_cache_never_serves_one_language_to_the_other(skillet, dutch_skillet):
    english, dutch_visitor = Client(), Client()
    dutch_visitor.cookies["django_language"] = "nl"

    for _ in range(2):  # the second round is served from the cache
        assert "Cast-iron skillet" in text(english.get(skillet.url))
        assert "Gietijzeren koekenpan" in text(dutch_visitor.get(skillet.url))
        assert "Gietijzeren koekenpan" not in text(english.get(skillet.url))
        assert "Cast-iron skillet</h1>" not in text(dutch_visitor.get(skillet.url))


def _queries(client, url, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        text(client.get(url, **headers))
    return len(queries)


def test_a_dutch_product_page_costs_two_queries_more_than_the_english_one(
    client, customer, skillet, question_factory
):
    translate(default_home_page(), title="Welkom")  # translated, as the demo's (not aliases)
    translate(product_index_get_or_create(), title="Producten")
    translate(skillet, title="Gietijzeren koekenpan")
    question_factory(title="The first question about the skillet?", product=skillet)
    client.force_login(customer)
    client.get(skillet.url)  # warm the site-root cache shared by every request

    def made_afresh(**language) -> int:
        forget_kept_pages()  # not served from what is kept for members
        return _queries(client, skillet.url, **language)

    english = made_afresh(**ENGLISH)
    dutch_page = made_afresh(**DUTCH)
    for number in range(4):
        question_factory(title=f"Question number {number} about the skillet?", product=skillet)

    # The Dutch home page and the product's original, whatever the product's content.
    assert dutch_page - english <= 2
    assert made_afresh(**DUTCH) - made_afresh(**ENGLISH) == dutch_page - english


# The knowledge base's review applies to its translation.


def test_a_translated_knowledge_base_publishes_through_the_editors_review(knowledge_base):
    index, sections = knowledge_base
    translate(default_home_page())

    dutch_index = index.copy_for_translation(dutch())

    assert isinstance(dutch_index.specific, KnowledgeBaseIndexPage)
    assigned = WorkflowPage.objects.get(page=dutch_index)
    assert assigned.workflow.name == KB_WORKFLOW_NAME
    dutch_section = sections[Layer.AFTER_BUYING].copy_for_translation(dutch())
    assert dutch_section.get_workflow().name == KB_WORKFLOW_NAME


@pytest.fixture
def editor_client(client, user_factory):
    editor = user_factory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_an_editor_translates_a_product_into_dutch(editor_client, skillet):
    translate(default_home_page())
    translate(product_index_get_or_create())
    url = reverse("simple_translation:submit_page_translation", args=[skillet.pk])

    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, {"locales": [dutch().pk]})

    assert response.status_code == 302
    translation_page = skillet.get_translation(dutch())
    assert translation_page.slug == skillet.slug
    assert translation_page.specific.sku is None
    assert not translation_page.live  # a draft for the editor to translate


def test_the_editors_are_offered_translate_in_the_page_explorer(editor_client, skillet):
    index = product_index_get_or_create()

    page = text(editor_client.get(reverse("wagtailadmin_explore", args=[index.pk])))

    assert reverse("simple_translation:submit_page_translation", args=[skillet.pk]) in page


def test_a_member_without_the_permission_cannot_translate(client, customer, skillet):
    client.force_login(customer)
    url = reverse("simple_translation:submit_page_translation", args=[skillet.pk])

    assert client.post(url, {"locales": [dutch().pk]}).status_code in (302, 403)
    assert not skillet.has_translation(dutch())


def test_the_posting_forms_offer_each_product_once(client, customer, skillet, dutch_skillet):
    client.force_login(customer)

    page = text(client.get(reverse("qa:question-ask")))

    assert page.count(f'value="{skillet.pk}"') == 1
    assert f'value="{dutch_skillet.pk}"' not in page


def test_shop_import_leaves_the_translation_alone(skillet, dutch_skillet):
    from shop.enums import MissingProducts
    from shop.feeds import FeedRow
    from shop.services import product_import_rows

    row = FeedRow(
        number=2,
        values={
            "sku": skillet.sku,
            "name": "Cast-iron skillet",
            "brand": "",
            "category": "",
            "description": "Now pre-seasoned.",
            "price": "64.95",
            "url": "",
            "specifications": "",
        },
    )
    report = product_import_rows(rows=[row], missing=MissingProducts.UNPUBLISH)

    assert not report.unpublished and not report.missing
    skillet.refresh_from_db()
    dutch_skillet.refresh_from_db()
    assert str(skillet.price) == "64.95"
    assert dutch_skillet.live
    assert dutch_skillet.short_description == "Schroeit dicht, bakt en kan de oven in."


def test_the_active_language_decides_nothing_when_no_translation_exists(client, skillet):
    with translation.override("nl"):
        assert skillet.localized == skillet
    assert "Cast-iron skillet" in text(client.get(skillet.url, **DUTCH))


# Categories, named by editors once per language.


def test_product_categories_are_named_in_dutch_for_a_dutch_reader(
    client, product_factory, product_category_factory
):
    cookware = product_category_factory(name="Cookware")
    cookware.name_nl = "Pannen"
    cookware.description_nl = "Pannen voor elke dag."
    cookware.save()
    product = product_factory(title="Skillet", category=cookware)
    index = product_index_get_or_create()

    dutch_list = text(client.get(f"{index.url}?category={cookware.slug}", **DUTCH))
    english_list = text(client.get(index.url, **ENGLISH))

    assert "<h1>Pannen</h1>" in dutch_list
    assert "Pannen voor elke dag." in dutch_list
    assert "Pannen" in text(client.get(product.url, **DUTCH))
    assert "Cookware" in english_list and "Pannen" not in english_list


def test_knowledge_base_categories_are_named_in_dutch_for_a_dutch_reader(
    client, knowledge_base, kb_category_factory, article_factory
):
    _, sections = knowledge_base
    care = kb_category_factory(name="Care and cleaning", layer=Layer.AFTER_BUYING)
    care.name_nl = "Onderhoud"
    care.save()
    article = article_factory(layer=Layer.AFTER_BUYING, title="Oiling the handle", category=care)

    assert "Onderhoud" in text(client.get(sections[Layer.AFTER_BUYING].url, **DUTCH))
    assert "Onderhoud" in text(client.get(article.url, **DUTCH))
    assert "Onderhoud" not in text(client.get(article.url, **ENGLISH))


def test_the_dutch_knowledge_base_lists_every_article_each_in_dutch_where_translated(
    client, knowledge_base, articles
):
    index, sections = knowledge_base

    for url in (index.url, sections[Layer.AFTER_BUYING].url):
        page = text(client.get(url, **DUTCH))
        assert "De waterkoker ontkalken" in page
        assert "Descaling the kettle" not in page
        assert "Kettle error codes" in page  # not translated: shown in English


def test_an_editor_saves_the_dutch_translation_of_a_section(client, user_factory, knowledge_base):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    _, sections = knowledge_base
    dutch_section = translate(sections[Layer.AFTER_BUYING], title="Na je aankoop")
    client.force_login(user_factory(username="admin", is_superuser=True, is_staff=True))

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(dutch_section.pk,)),
        nested_form_data(
            {
                "title": "Nadat je hebt gekocht",
                "slug": dutch_section.slug,
                "layer": Layer.AFTER_BUYING,
                "intro": rich_text("<p>Onderhoud en garantie.</p>"),
            }
        ),
    )

    assert response.status_code == 302, response.content.decode()[-2000:]
    dutch_section.refresh_from_db()
    assert dutch_section.get_latest_revision_as_object().title == "Nadat je hebt gekocht"
