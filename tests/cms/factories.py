"""Product pages for tests: the building blocks behind `product_factory` and its siblings in
tests/conftest.py. Only that conftest imports this module; tests ask for the fixtures."""

from __future__ import annotations

import itertools

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.models import ProductCategory, ProductManual, ProductPage, ProductSpecification
from cms.services import product_index_get_or_create
from tests.conftest import image_upload

_numbers = itertools.count(1)


def make_category(name: str = "Cookware", *, sort_order: int = 0) -> ProductCategory:
    return ProductCategory.objects.get_or_create(
        slug=slugify(name), defaults={"name": name, "sort_order": sort_order}
    )[0]


def make_image(title: str = "Product photo"):
    upload = image_upload(name=f"{slugify(title)}.png", size=(64, 48), image_format="PNG")
    return get_image_model().objects.create(title=title, file=upload, width=64, height=48)


def make_document(title: str = "Manual", body: bytes = b"%PDF-1.4\n%%EOF\n"):
    document = get_document_model()(title=title, file_size=len(body))
    document.file.save(f"{slugify(title)}.pdf", ContentFile(body), save=False)
    document.save()
    return document


def make_product(
    *,
    sku: str | None = None,
    title: str | None = None,
    category: ProductCategory | None = None,
    specifications: tuple[tuple[str, str], ...] = (),
    manuals: tuple = (),
    live: bool = True,
    **fields,
) -> ProductPage:
    number = next(_numbers)
    sku = sku or f"TEST-{number:04d}"
    title = title or f"Test product {number}"
    page = ProductPage(
        title=title, slug=slugify(f"{title}-{sku}"), sku=sku, category=category, live=live, **fields
    )
    page.specifications = [
        ProductSpecification(name=name, value=value, sort_order=i)
        for i, (name, value) in enumerate(specifications)
    ]
    page.manuals = [ProductManual(document=doc, sort_order=i) for i, doc in enumerate(manuals)]
    product_index_get_or_create().add_child(instance=page)
    return page


def page_tree_ensure() -> None:
    """The home page and site that migrations make: tests on a real transaction (threads)
    start from an emptied database, without them."""
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    if Site.objects.exists():
        return
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
