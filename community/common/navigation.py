"""The site's main sections, shown in the header and on the home page.

A section appears once the part of the site behind it exists: a Django URL that resolves,
or a live Wagtail page of the given type. Later capabilities add themselves to SECTIONS.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    label: str | Promise
    description: str | Promise
    url_name: str = ""
    page_model: str = ""  # "app_label.ModelName" of the section's index page


@dataclass(frozen=True)
class SectionLink:
    label: str | Promise
    description: str | Promise
    url: str


SECTIONS: list[Section] = [
    Section(
        _("Products"),
        _("Support for every product: specifications, manuals, questions and reviews."),
        page_model="cms.ProductIndexPage",
    ),
    Section(
        _("Questions"),
        _("Ask about a product before or after you buy, and answer others."),
        url_name="qa:question-list",
    ),
    Section(
        _("Forum"),
        _("Tips, ideas and what customers made with what they bought."),
        url_name="forum:board-list",
    ),
    Section(
        _("Knowledge base"),
        _("Official guides and answers from the shop."),
        page_model="cms.KnowledgeBaseIndexPage",
    ),
    Section(
        _("Search"),
        _("Find articles, questions and topics in one place."),
        url_name="search",
    ),
]


def section_links() -> list[SectionLink]:
    """The sections that exist right now, in order, with their URLs (one query at most)."""
    page_urls = _index_page_urls([s.page_model for s in SECTIONS if s.page_model])
    links = []
    for section in SECTIONS:
        url = page_urls.get(section.page_model) if section.page_model else _reverse(section)
        if url:
            links.append(SectionLink(section.label, section.description, url))
    return links


def _reverse(section: Section) -> str:
    try:
        return reverse(section.url_name)
    except NoReverseMatch:
        return ""


# Section pages rarely move; remember where they are until a page is published or unpublished.
PAGE_URLS_CACHE_KEY = "navigation:section-page-urls"


def _index_page_urls(model_names: list[str]) -> dict[str, str]:
    urls = cache.get(PAGE_URLS_CACHE_KEY)
    if urls is None:
        urls = _find_index_page_urls(model_names)
        cache.set(PAGE_URLS_CACHE_KEY, urls, 3600)
    return urls


def forget_section_pages(**kwargs) -> None:
    """Signal receiver: a page was published, unpublished, moved or deleted."""
    cache.delete(PAGE_URLS_CACHE_KEY)


def _find_index_page_urls(model_names: list[str]) -> dict[str, str]:
    from wagtail.models import Page

    models = {}
    for name in model_names:
        try:
            models[name] = apps.get_model(name)
        except LookupError:
            continue
    if not models:
        return {}
    found: dict[str, str] = {}
    for page in Page.objects.live().type(*models.values()).order_by("path"):
        key = page.specific_class._meta.label
        if key not in found:
            found[key] = page.url
    return found
