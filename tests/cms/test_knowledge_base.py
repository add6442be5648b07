import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.enums import Layer
from cms.models import ArticlePage, FAQPage, KnowledgeBaseIndexPage, KnowledgeBaseSectionPage
from community.common.page_cache import forget_kept_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, user_factory):
    client.force_login(user_factory(username="editor", is_superuser=True, is_staff=True))
    return client


def _add(client, parent, model: str, data: dict, **multiple):
    url = reverse("wagtailadmin_pages:add", args=("cms", model, parent.pk))
    form = nested_form_data({**data, "action-publish": "publish"})
    return client.post(url, {**form, **multiple})


def test_editor_builds_the_knowledge_base_in_the_admin(
    editor_client, kb_category_factory, product_factory
):
    from cms.models import HomePage

    home = HomePage.objects.get()
    response = _add(
        editor_client,
        home,
        "knowledgebaseindexpage",
        {"title": "Knowledge base", "slug": "kb", "intro": rich_text("<p>Help.</p>")},
    )
    assert response.status_code == 302
    index = KnowledgeBaseIndexPage.objects.get()
    assert index.live and index.url == "/kb/"
    assert index.get_workflow().name == "Knowledge base review"

    response = _add(
        editor_client,
        index,
        "knowledgebasesectionpage",
        {
            "title": "After you buy",
            "slug": "after-buying",
            "layer": Layer.AFTER_BUYING,
            "intro": rich_text("<p>Care.</p>"),
        },
    )
    assert response.status_code == 302
    section = KnowledgeBaseSectionPage.objects.get()
    assert section.live and section.layer == Layer.AFTER_BUYING

    category = kb_category_factory(name="Care and cleaning", layer=Layer.AFTER_BUYING)
    product = product_factory(title="Skillet")
    response = _add(
        editor_client,
        section,
        "articlepage",
        {
            "title": "Seasoning a skillet",
            "slug": "seasoning",
            "summary": "Build a non-stick layer.",
            "body": streamfield(
                [
                    ("heading", "Clean it"),
                    ("paragraph", rich_text("<p>Wash and dry.</p>")),
                    ("tip", {"title": "Thin oil", "text": rich_text("<p>Wipe it off.</p>")}),
                ]
            ),
            "category": category.pk,
            "tags": "Cleaning",
            "last_reviewed": "2026-11-01",
            "manuals": inline_formset([]),
            "related_links": inline_formset([]),
        },
        products=[product.pk],
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = ArticlePage.objects.get()
    assert article.live and article.category == category
    assert list(article.products.all()) == [product]
    assert [t.name for t in article.tags.all()] == ["Cleaning"]

    response = _add(
        editor_client,
        index,
        "faqpage",
        {
            "title": "FAQ",
            "slug": "faq",
            "intro": rich_text(""),
            "questions": streamfield(
                [
                    (
                        "question_answer",
                        {"question": "How long is delivery?", "answer": rich_text("<p>2 days</p>")},
                    )
                ]
            ),
        },
    )
    assert response.status_code == 302
    assert FAQPage.objects.get().live

    html = editor_client.get(article.url).content.decode()
    assert "Seasoning a skillet" in html and "Thin oil" in html


def test_an_article_category_must_belong_to_its_section(
    editor_client, kb_category_factory, knowledge_base
):
    index, sections = knowledge_base
    before = kb_category_factory(name="Choosing", layer=Layer.BEFORE_BUYING)
    response = _add(
        editor_client,
        sections[Layer.AFTER_BUYING],
        "articlepage",
        {
            "title": "Wrong place",
            "slug": "wrong-place",
            "summary": "x",
            "body": streamfield([("heading", "A")]),
            "category": before.pk,
            "manuals": inline_formset([]),
            "related_links": inline_formset([]),
        },
    )
    assert response.status_code == 200
    assert "Choose a category of the section" in response.content.decode()
    assert not ArticlePage.objects.exists()


def test_each_layer_has_one_section(editor_client, knowledge_base):
    index, sections = knowledge_base
    response = _add(
        editor_client,
        index,
        "knowledgebasesectionpage",
        {
            "title": "More pre-sales",
            "slug": "more",
            "layer": Layer.BEFORE_BUYING,
            "intro": rich_text(""),
        },
    )
    assert response.status_code == 200
    assert "already has a section for this" in response.content.decode()
    assert KnowledgeBaseSectionPage.objects.count() == 3


def test_articles_live_only_under_a_section():
    assert ArticlePage.parent_page_types == ["cms.KnowledgeBaseSectionPage"]
    assert KnowledgeBaseIndexPage.max_count == 1
    for model in (KnowledgeBaseIndexPage, KnowledgeBaseSectionPage, ArticlePage, FAQPage):
        assert len(model.search_fields) > len(Page.search_fields)


def test_section_lists_only_its_own_layer(client, article_factory, knowledge_base):
    index, sections = knowledge_base
    article_factory(section=sections[Layer.BEFORE_BUYING], title="Which pan fits")
    article_factory(section=sections[Layer.AFTER_BUYING], title="Descaling the kettle")
    article_factory(section=sections[Layer.AFTER_BUYING], title="Draft repair guide", live=False)

    before = client.get(sections[Layer.BEFORE_BUYING].url).content.decode()
    after = client.get(sections[Layer.AFTER_BUYING].url).content.decode()

    assert "Which pan fits" in before and "Descaling the kettle" not in before
    assert "Descaling the kettle" in after and "Which pan fits" not in after
    assert "Draft repair guide" not in after


def test_section_filters_by_category_and_refuses_unknown_ones(
    client, article_factory, kb_category_factory, knowledge_base
):
    index, sections = knowledge_base
    section = sections[Layer.AFTER_BUYING]
    care = kb_category_factory(name="Care", layer=Layer.AFTER_BUYING)
    kb_category_factory(name="Choosing", layer=Layer.BEFORE_BUYING)
    article_factory(section=section, title="Cleaning burrs", category=care)
    article_factory(section=section, title="Return a product")

    html = client.get(section.url + "?category=care").content.decode()
    assert "Cleaning burrs" in html and "Return a product" not in html
    assert client.get(section.url + "?category=choosing").status_code == 404


def test_section_pages_its_articles(client, article_factory, knowledge_base):
    index, sections = knowledge_base
    section = sections[Layer.AROUND_PRODUCT]
    for number in range(KnowledgeBaseSectionPage.articles_per_page + 2):
        article_factory(section=section, title=f"Recipe {number:02d}")
    first = client.get(section.url).content.decode()
    second = client.get(section.url + "?page=2").content.decode()
    assert first.count('class="panel article-card"') == KnowledgeBaseSectionPage.articles_per_page
    assert second.count('class="panel article-card"') == 2


def test_index_shows_each_section_with_its_latest_articles_and_the_faq(
    client, article_factory, faq_factory, knowledge_base
):
    index, sections = knowledge_base
    article_factory(section=sections[Layer.BEFORE_BUYING], title="Which pan fits")
    article_factory(section=sections[Layer.AFTER_BUYING], title="Descaling the kettle")
    faq_factory(parent=index, pairs=[("Delivery?", "Two days.")])
    html = client.get(index.url).content.decode()
    assert html.index("Which pan fits") < html.index("Descaling the kettle")
    assert "Frequently asked questions" in html


LONG_BODY = [
    ("heading", "Before you start"),
    ("paragraph", RichText("<p>Read this.</p>")),
    ("step", {"title": "Oil it", "text": RichText("<p>Thinly.</p>"), "image": None}),
    ("step", {"title": "Bake it", "text": RichText("<p>One hour.</p>"), "image": None}),
    ("code", {"caption": "Ratio", "code": "15 g : 250 g"}),
    ("table", {"caption": "Times", "rows": [{"label": "Green", "value": "2 min"}]}),
]


def test_long_articles_get_a_table_of_contents_linking_to_their_headings(
    client, article_factory, knowledge_base
):
    index, sections = knowledge_base
    long = article_factory(section=sections[Layer.AFTER_BUYING], title="Long", body=LONG_BODY)
    short = article_factory(section=sections[Layer.AFTER_BUYING], title="Short")

    html = client.get(long.url).content.decode()
    assert "In this article" in html
    for anchor in ("before-you-start", "oil-it", "bake-it"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
    assert "<pre><code>15 g : 250 g</code></pre>" in html
    assert '<th scope="row">Green</th>' in html
    assert "In this article" not in client.get(short.url).content.decode()


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_article_has_escaped_article_json_ld_and_breadcrumbs(
    client, article_factory, knowledge_base
):
    index, sections = knowledge_base
    article = article_factory(
        section=sections[Layer.AFTER_BUYING],
        title="Fix it </script><b>now</b>",
        summary="Do & don't",
    )
    html = client.get(article.url).content.decode()
    assert "</script><b>" not in html.split("<body")[0]
    data = _json_ld(html)
    assert data["@type"] == "TechArticle"
    assert data["headline"] == "Fix it </script><b>now</b>"
    assert data["description"] == "Do & don't"
    assert 'aria-label="Breadcrumb"' in html
    assert f'href="{index.url}"' in html and f'href="{sections[Layer.AFTER_BUYING].url}"' in html


def test_faq_page_has_faq_json_ld(client, faq_factory, knowledge_base):
    index, sections = knowledge_base
    faq = faq_factory(parent=index, pairs=[("Delivery <fast>?", "Two <b>days</b>.")])
    html = client.get(faq.url).content.decode()
    data = _json_ld(html)
    assert data["@type"] == "FAQPage"
    assert data["mainEntity"][0]["name"] == "Delivery <fast>?"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Two days."
    assert "\\u003Cfast\\u003E" in html


def test_product_page_lists_the_products_live_articles(
    client, article_factory, knowledge_base, product_factory
):
    index, sections = knowledge_base
    product = product_factory(title="Kettle")
    article_factory(
        section=sections[Layer.AFTER_BUYING], title="Descaling the kettle", products=[product]
    )
    article_factory(
        section=sections[Layer.AFTER_BUYING], title="Draft kettle", products=[product], live=False
    )
    html = client.get(product.url).content.decode()
    assert "Guides and articles" in html and "Descaling the kettle" in html
    assert "Draft kettle" not in html


def test_knowledge_base_appears_in_the_sitemap(client, article_factory, knowledge_base):
    index, sections = knowledge_base
    article = article_factory(section=sections[Layer.BEFORE_BUYING], title="Which pan")
    xml = client.get("/sitemap.xml").content.decode()
    assert article.url in xml and "/kb/" in xml


def _fill(sections, count, *, kb_category_factory, product_factory, article_factory):
    for layer, section in sections.items():
        category = kb_category_factory(name=f"Cat {layer}", layer=layer)
        product = product_factory()
        for _ in range(count):
            article_factory(section=section, category=category, products=[product])


@pytest.mark.parametrize("count", [1, pytest.param(8, marks=pytest.mark.slow)])
def test_knowledge_base_pages_run_a_bounded_number_of_queries(
    client,
    django_assert_max_num_queries,
    count,
    faq_factory,
    knowledge_base,
    kb_category_factory,
    product_factory,
    article_factory,
):
    index, sections = knowledge_base
    _fill(
        sections,
        count,
        kb_category_factory=kb_category_factory,
        product_factory=product_factory,
        article_factory=article_factory,
    )
    faq_factory(parent=index, pairs=[("Q?", "A.")])
    article = ArticlePage.objects.live().last()
    article.related_links.create(article=ArticlePage.objects.live().first())
    client.get(index.url)  # warm the site-root cache shared by every request
    forget_kept_pages()  # but count the page's own work, not a page kept for visitors
    with django_assert_max_num_queries(KB_INDEX_QUERIES):
        assert client.get(index.url).status_code == 200
    with django_assert_max_num_queries(KB_SECTION_QUERIES):
        assert client.get(sections[Layer.AFTER_BUYING].url).status_code == 200
    with django_assert_max_num_queries(KB_ARTICLE_QUERIES):
        assert client.get(article.url).status_code == 200


# Wagtail's routing reads the active language's locale (the tree to route in), then walks
# the tree (a query per level), then each page's own reads: the numbers are the same for one
# article per section as for eight.
# Each also reads the page generation first (community/common/page_cache.py).
KB_INDEX_QUERIES = 11  # routing, view restrictions, sections with counts, latest per section, FAQ
KB_SECTION_QUERIES = 14  # routing, breadcrumbs, categories with counts, count, page of articles
KB_ARTICLE_QUERIES = 20  # routing, breadcrumbs, section, category, provenance, related, tags,
# products, manuals


def test_an_editor_previews_an_article_draft_with_related_products(
    editor_client, article_factory, product_factory
):
    skillet = product_factory(title="Cast-iron skillet")
    grill_pan = product_factory(title="Grill pan")
    article = article_factory(title="Seasoning cast iron", products=[skillet])
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    form = nested_form_data(
        {
            "title": "Seasoning cast iron, revised",
            "slug": article.slug,
            "summary": "Build a non-stick layer.",
            "body": streamfield([("paragraph", rich_text("<p>Wash and dry.</p>"))]),
            "tags": "",
            "manuals": inline_formset([]),
            "related_links": inline_formset([]),
        }
    )

    checked = editor_client.post(preview_url, {**form, "products": [skillet.pk, grill_pan.pk]})
    assert checked.json() == {"is_valid": True, "is_available": True}
    preview = editor_client.get(preview_url)

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Seasoning cast iron, revised" in html
    assert "Cast-iron skillet" in html and "Grill pan" in html


def test_the_preview_of_a_draft_lists_only_live_related_products(
    editor_client, article_factory, product_factory
):
    live = product_factory(title="Cast-iron skillet")
    offline = product_factory(title="Discontinued wok")
    offline.unpublish()
    article = article_factory(title="Seasoning cast iron")
    article.products = [live, offline]
    revision = article.save_revision()

    preview = editor_client.get(
        reverse("wagtailadmin_pages:revisions_view", args=(article.pk, revision.pk))
    )

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Cast-iron skillet" in html
    assert "Discontinued wok" not in html
