"""The product catalogue: the shop's products as support pages, listed at /products/.

The shop link's feed fills the product facts (shop imports these models); editors add
pictures, manuals and support content. Other apps add their parts of a product page through
sections.py. The reads the listing needs live here, beside the pages that show them.
"""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from community.accounts.models import User
from community.common.models import DescribedInDutch, optional_link
from community.common.page_cache import member_fragment_key
from community.notifications.selectors import follow_of

from .blocks import SupportContentBlock
from .listings import category_chosen
from .manuals import Manual
from .member_parts import KnownViewRestrictions, kept_or_made, shares_member_parts
from .sections import (
    PRODUCT_PAGE,
    compose,
    sections_viewer_marks,
    structured_data_additions,
    when_shown,
)
from .structured_data import product_entity
from .translation import source_page, with_texts_in_reader_language

# The renditions the product list shows; prefetched so each card costs no extra query.
PRODUCT_CARD_IMAGE = "fill-480x360"


class ProductCategory(DescribedInDutch):
    """A group of products, used to filter the product list (a snippet editors manage)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=_("Used in the product list's address: /products/?category=<slug>."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=500,
        help_text=_("A sentence shown above the products when the category is chosen."),
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in the filter.")
    )

    panels = DescribedInDutch.panels_of("name", "slug", "description", "sort_order")

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")

    def __str__(self) -> str:
        return self.name


class ProductIndexPage(Page):
    """/products/: every product, filterable by category, a page at a time."""

    intro = RichTextField(
        _("intro"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two above the product list."),
    )
    products_per_page = 12

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProductPage"]
    max_count = 1

    class Meta:
        verbose_name = _("product index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every product of the original with its shop facts (a translation's copies of them
        # are never updated by the import), each worded in the reader's language where it is
        # translated.
        source = source_page(self, request)
        categories = list(product_categories_for_index(index=source))
        category = category_chosen(
            request, categories, not_found=_("There is no product category with that name.")
        )
        paginator = Paginator(product_list(index=source, category=category), self.products_per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            categories=[c for c in categories if c.product_count or c == category],
            category=category,
            product_total=sum(c.product_count for c in categories),
            page_obj=page_obj,
            products=with_texts_in_reader_language(
                page_obj.object_list, fields=("title", "short_description")
            ),
        )
        return context


def support_content(verbose_name, help_text) -> StreamField:
    """A product page's support content for one layer (before or after buying, around it)."""
    return StreamField(
        SupportContentBlock(), verbose_name=verbose_name, blank=True, help_text=help_text
    )


class ProductPage(KnownViewRestrictions, Page):
    """One product's support hub: its facts, manuals and support content in one place.

    What other apps show about the product (questions, reviews, topics) and the articles that
    name it are its sections (sections.py), rendered in the named places of
    templates/cms/product_page.html.
    """

    # Only the original page (in the source language) has the SKU: imports, orders and the
    # API find the product by it; a translation shows its original's shop facts.
    sku = models.CharField(
        _("SKU"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        default=None,
        help_text=_("The shop's article number; imports and orders find the product by it."),
    )
    brand = models.CharField(_("brand"), max_length=100, blank=True)
    category = optional_link(ProductCategory, _("category"), related_name="products")
    image = optional_link("wagtailimages.Image", _("image"))
    short_description = models.TextField(
        _("short description"),
        max_length=1000,
        blank=True,
        help_text=_("What the product is, in a sentence or two."),
    )
    price = models.DecimalField(
        _("price"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Shown as information; the shop's own price always applies."),
    )
    shop_url = models.URLField(
        _("shop link"),
        max_length=500,
        blank=True,
        help_text=_("The product's page in the webshop."),
    )
    before_buying = support_content(
        _("before buying"),
        _("Which product fits, sizes, compatibility, how it differs from others."),
    )
    after_buying = support_content(
        _("after buying"), _("Set-up, use, care, troubleshooting, returns and warranty.")
    )
    around_product = support_content(
        _("around the product"), _("Content useful in itself: recipes, plans, ideas.")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("sku"),
                FieldPanel("brand"),
                FieldPanel("category"),
                FieldPanel("price"),
                FieldPanel("shop_url"),
            ],
            heading=_("From the shop"),
            help_text=_("The shop's import keeps these up to date; changes here are overwritten."),
        ),
        FieldPanel("image"),
        FieldPanel("short_description"),
        InlinePanel("specifications", heading=_("Specifications"), label=_("Specification")),
    ]
    support_panels = [
        FieldPanel("before_buying"),
        FieldPanel("after_buying"),
        InlinePanel("manuals", heading=_("Manuals"), label=_("Manual")),
        FieldPanel("around_product"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Product")),
            ObjectList(support_panels, heading=_("Support")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("sku", boost=2),
        index.AutocompleteField("sku"),
        index.FilterField("sku"),
        index.SearchField("brand"),
        index.SearchField("short_description"),
        index.SearchField("before_buying"),
        index.SearchField("after_buying"),
        index.SearchField("around_product"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("category"),
    ]

    parent_page_types = ["cms.ProductIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["sku"]

    class Meta:
        verbose_name = _("product page")

    def serve(self, request, *args, **kwargs):
        # The same for every visitor who is not signed in, and for every member with the same
        # marks: kept until anything changes.
        return kept_or_made(request, "product", super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A translation shows its original's shop facts (the import keeps those up to date)
        # and its questions, reviews, topics and articles.
        product = source_page(self, request)
        context.update(
            product=product,
            specifications=when_shown(lambda: list(self.specifications.all())),
            manuals=when_shown(lambda: list(self.manuals.select_related("document"))),
        )
        # With the sections, whether the member follows the product (the "follow" section).
        context.update(compose(PRODUCT_PAGE, product, request))
        context["product_structured_data"] = when_shown(
            lambda: {
                **product_entity(self, request=request, sku=product.sku),
                **structured_data_additions(PRODUCT_PAGE, self, request, context),
            }
        )
        # Everything but the follow button: made once for every member who sees it alike;
        # the whole page for every member who also follows it alike.
        context["page_fragment"] = context["member_page_marks"] = None
        if shares_member_parts(request):
            marks = sections_viewer_marks(PRODUCT_PAGE, product, request, context)
            if marks is not None:
                context["page_fragment"] = member_fragment_key(
                    request, "product-page", viewer_marks=marks
                )
                context["member_page_marks"] = (context["page_fragment"], context["follows"])
        return context


def product_follow_rows(product: int, viewer: int) -> dict:
    """The product page's "follow" section reads the viewer's follow of the product with the
    other sections' marks (cms.sections)."""
    return {"follows": (follow_of(user=User(pk=viewer), target=ProductPage(pk=product)), "pk")}


def product_follow_context(product, request, rows) -> dict:
    return {"follows": bool(rows.get("follows"))}


class ProductSpecification(Orderable):
    """One row of a product's specification table: "Capacity" – "4.2 l"."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="specifications")
    name = models.CharField(_("name"), max_length=100)
    value = models.CharField(_("value"), max_length=255)

    panels = [FieldPanel("name"), FieldPanel("value")]

    class Meta(Orderable.Meta):
        verbose_name = _("specification")
        verbose_name_plural = _("specifications")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


class ProductManual(Manual):
    """A downloadable manual or guide for a product, with the text its link shows."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="manuals")
    title = models.CharField(
        _("link text"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


# Reads for the product list, with their joins and prefetches already right.


def product_list(*, index: ProductIndexPage, category: ProductCategory | None = None) -> QuerySet:
    """The live products under an index, optionally of one category, in name order."""
    products = (
        ProductPage.objects.live()
        .child_of(index)
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "image",
                queryset=get_image_model().objects.prefetch_renditions(PRODUCT_CARD_IMAGE),
            )
        )
        .order_by("title", "pk")
    )
    if category is not None:
        products = products.filter(category=category)
    return products


def product_categories_for_index(*, index: ProductIndexPage) -> QuerySet[ProductCategory]:
    """Every category, each with `product_count`: its live products under the index."""
    live_here = Q(
        products__live=True,
        products__path__startswith=index.path,
        products__depth=index.depth + 1,
    )
    # Meta.ordering does not apply to aggregating queries, so it is spelled out.
    return ProductCategory.objects.annotate(
        product_count=Count("products", filter=live_here)
    ).order_by("sort_order", "name")
