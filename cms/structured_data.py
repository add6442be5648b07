"""schema.org structured data (JSON-LD) for cms's pages: Product for a product page (its
sections add ratings and reviews, see sections.py), Article or TechArticle for a knowledge-base
article, FAQPage for an FAQ page. Rendered by the ``json_ld`` template tag."""

from __future__ import annotations

from django.conf import settings
from django.utils.html import strip_tags

from .enums import Layer


def product_entity(product, *, request, sku: str | None = None) -> dict:
    """schema.org Product: what the catalogue knows of it (name, SKU, brand, description)."""
    entity = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "sku": sku or product.sku,
        "url": request.build_absolute_uri(product.url) if product.url else "",
    }
    if product.brand:
        entity["brand"] = {"@type": "Brand", "name": product.brand}
    if product.short_description:
        entity["description"] = product.short_description
    return entity


def article_entity(article, *, request, context) -> dict:
    """schema.org TechArticle (after buying) or Article for search engines."""
    data = {
        "@context": "https://schema.org",
        "@type": "TechArticle"
        if getattr(context.get("section"), "layer", "") == Layer.AFTER_BUYING
        else "Article",
        "headline": article.title,
        "description": article.summary,
        "url": article.get_full_url(request),
        "datePublished": article.first_published_at,
        "dateModified": article.last_published_at,
        "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
        "author": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
    }
    if context.get("tags"):
        data["keywords"] = ", ".join(tag.name for tag in context["tags"])
    if context.get("related_products"):
        data["about"] = [
            {"@type": "Product", "name": product.title} for product in context["related_products"]
        ]
    return data


def faq_entity(faq_page) -> dict:
    """schema.org FAQPage: every question and answer block of the page."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": faq_page.title,
        "mainEntity": [
            {
                "@type": "Question",
                "name": block.value["question"],
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": strip_tags(block.value["answer"].source).strip(),
                },
            }
            for block in faq_page.questions
            if block.block_type == "question_answer"
        ],
    }
