"""Writes to the product part of the page tree that imports and the demo share."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site

from .models import HomePage, ProductCategory, ProductIndexPage


@transaction.atomic
def product_index_get_or_create() -> ProductIndexPage:
    """The product index that products are created under; made under the home page if missing.

    An unpublished index is used as it is: an editor chose to hide the products.
    """
    existing = ProductIndexPage.objects.order_by("path").first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else HomePage.objects.order_by("path").first()
    if home is None:
        raise RuntimeError("There is no home page to put the product index under.")
    product_index = ProductIndexPage(
        title=_("Products"),
        slug="products",
        intro="<p>"
        + _(
            "Everything we sell, with specifications, manuals, and answers from the shop and "
            "from other customers."
        )
        + "</p>",
    )
    home.add_child(instance=product_index)
    product_index.save_revision().publish()
    return product_index


def product_category_get_or_create(*, name: str) -> ProductCategory:
    """The category called `name` (matched by its slug), created at the end of the list if new."""
    slug = slugify(name, allow_unicode=True)
    category = ProductCategory.objects.filter(Q(slug=slug) | Q(name__iexact=name)).first()
    if category is not None:
        return category
    last = ProductCategory.objects.order_by("-sort_order").values_list("sort_order", flat=True)
    category = ProductCategory(name=name, slug=slug, sort_order=(last.first() or 0) + 10)
    category.full_clean()
    category.save()
    return category
