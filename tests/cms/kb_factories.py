"""Knowledge-base pages for tests: the building blocks behind `knowledge_base`,
`article_factory`, `kb_category_factory` and `faq_factory` in tests/conftest.py. Only that
conftest imports this module; tests ask for the fixtures."""

from __future__ import annotations

import itertools

from django.utils.text import slugify
from wagtail.rich_text import RichText

from cms.enums import Layer
from cms.models import (
    ArticlePage,
    FAQPage,
    HomePage,
    KnowledgeBaseCategory,
    KnowledgeBaseIndexPage,
    KnowledgeBaseSectionPage,
)
from cms.services import knowledge_base_workflow_assign
from tests.cms.factories import page_tree_ensure

_numbers = itertools.count(1)


def make_knowledge_base() -> tuple[KnowledgeBaseIndexPage, dict[str, KnowledgeBaseSectionPage]]:
    index = KnowledgeBaseIndexPage.objects.first()
    if index is None:
        page_tree_ensure()
        index = KnowledgeBaseIndexPage(title="Knowledge base", slug="kb")
        HomePage.objects.get().add_child(instance=index)
        knowledge_base_workflow_assign(index=index)
    sections = {}
    for layer in Layer:
        section = KnowledgeBaseSectionPage.objects.filter(layer=layer).first()
        if section is None:
            section = KnowledgeBaseSectionPage(title=layer.label, slug=layer.value, layer=layer)
            index.add_child(instance=section)
        sections[layer] = section
    return index, sections


def make_kb_category(name: str, layer: str) -> KnowledgeBaseCategory:
    return KnowledgeBaseCategory.objects.get_or_create(
        layer=layer, slug=slugify(name), defaults={"name": name}
    )[0]


def make_article(
    section: KnowledgeBaseSectionPage,
    *,
    title: str | None = None,
    body=None,
    category=None,
    products=(),
    live: bool = True,
    **fields,
) -> ArticlePage:
    number = next(_numbers)
    title = title or f"Test article {number}"
    article = ArticlePage(
        title=title,
        slug=f"{slugify(title)}-{number}",
        summary=fields.pop("summary", f"Summary of {title}."),
        body=body or [("paragraph", RichText("<p>Some help.</p>"))],
        category=category,
        live=live,
        **fields,
    )
    article.products = list(products)
    section.add_child(instance=article)
    return article


def make_faq(parent, *pairs: tuple[str, str]) -> FAQPage:
    faq = FAQPage(
        title="FAQ",
        slug=f"faq-{next(_numbers)}",
        questions=[
            ("question_answer", {"question": q, "answer": RichText(f"<p>{a}</p>")})
            for q, a in pairs
        ],
    )
    parent.add_child(instance=faq)
    return faq
