"""Knowledge-base articles, FAQ pages and products in site search (community/search/registry.py),
and the products a search can be narrowed to. Registered in CmsConfig.ready()."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from community.common.buying_phase import Phase
from community.search.registry import (
    RELATED_HELP,
    SearchSource,
    register_product_choices,
    register_search_source,
)

from .catalogue import ProductPage
from .enums import LAYER_FOR_PHASE, Layer
from .knowledge_base import ArticlePage, FAQPage, KnowledgeBaseSectionPage
from .translation import in_source_language, title_in_reader_language


def _in_section_of_phase(items, phase: str):
    """The pages that sit in the live knowledge-base section of the phase's layer; a page
    outside every section (an FAQ under the index) belongs to no phase."""
    in_section = KnowledgeBaseSectionPage.objects.live().filter(
        layer=LAYER_FOR_PHASE.get(phase, Layer.AFTER_BUYING),
        path=Substr(OuterRef("path"), 1, Length("path")),
    )
    # Filtering by path is not a declared search filter, so filter by primary key instead.
    return items.filter(pk__in=items.model.objects.filter(Exists(in_section)).values("pk"))


def _articles_naming_product(articles, product_id: int):
    return articles.filter(
        pk__in=ArticlePage.products.through.objects.filter(productpage_id=product_id).values(
            "articlepage_id"
        )
    )


def _products_before_buying(products, phase: str):
    # A product page is what one reads before buying.
    return None if phase == Phase.AFTER_PURCHASE else products


def _article_snippet_source(article: ArticlePage) -> str:
    return f"{article.summary} {strip_tags(str(article.body))}"


def _faq_snippet_source(faq: FAQPage) -> str:
    parts = [strip_tags(str(faq.intro))]
    for block in faq.questions:
        value = block.value
        if isinstance(value, dict) or hasattr(value, "get"):
            parts.append(str(value.get("question", "")))
            parts.append(strip_tags(str(value.get("answer", ""))))
    return " ".join(parts)


def _product_snippet_source(product: ProductPage) -> str:
    return f"{product.short_description} {strip_tags(str(product.before_buying))}"


def _page_url(page) -> str:
    return page.url


def _reader_title(page) -> str:
    # Loaded for display, a page has its title in the reader's language (the address shows
    # the translation there); while ranking, its own.
    return getattr(page, "reader_title", page.title)


def _load_for_display(model):
    def load(ids):
        return model.objects.annotate(reader_title=title_in_reader_language()).in_bulk(ids)

    return load


def _live_page_source(model, **fields) -> SearchSource:
    """A search source over the live, public pages of ``model``: found at their URL, their
    titles in the search vocabulary. The originals only: a translation has the same address,
    and the reader's language shows it there, with its title in the results."""
    return SearchSource(
        model=model,
        public_items=lambda: in_source_language(model.objects.live().public()),
        url=_page_url,
        title=_reader_title,
        vocabulary_titles=lambda: in_source_language(model.objects.live()).values_list(
            "title", flat=True
        ),
        # Ranked without their StreamFields; the hits shown are loaded with them, and with
        # their titles in the reader's language.
        load_for_display=_load_for_display(model),
        **fields,
    )


def _help_page_source(model, **fields) -> SearchSource:
    """Articles and FAQ pages: offered while a customer types a question, listed as "articles
    that may help", and belonging to the phase of the knowledge-base section they sit in."""
    return _live_page_source(
        model,
        phase_filter=_in_section_of_phase,
        suggest_while_asking=lambda page: True,
        related_group=RELATED_HELP,
        **fields,
    )


def register() -> None:
    # Official content first: articles, then FAQ, then the product pages.
    register_search_source(
        _help_page_source(
            ArticlePage,
            kind="article",
            label=_("Article"),
            position=10,
            weight=1.5,
            snippet_source=_article_snippet_source,
            product_filter=_articles_naming_product,
        )
    )
    register_search_source(
        _help_page_source(
            FAQPage,
            kind="faq",
            label=_("FAQ"),
            position=20,
            weight=1.3,
            snippet_source=_faq_snippet_source,
            # An FAQ page has no product; it belongs to a phase only when it sits in a section.
            product_filter=None,
        )
    )
    register_search_source(
        _live_page_source(
            ProductPage,
            kind="product",
            label=_("Product"),
            position=30,
            weight=1.1,
            snippet_source=_product_snippet_source,
            product_filter=lambda products, product_id: products.filter(pk=product_id),
            phase_filter=_products_before_buying,
        )
    )
    register_product_choices(_product_choices)


def _product_choices() -> list[tuple[int, str]]:
    """The live products, named and sorted in the reader's language (no query more)."""
    return list(
        in_source_language(ProductPage.objects.live())
        .annotate(reader_title=title_in_reader_language())
        .order_by("reader_title", "pk")
        .values_list("pk", "reader_title")
    )
