"""The knowledge base: an index at /kb/, a section per layer of service content, articles,
FAQ pages, and where a promoted article came from (provenance). Readers' "was this helpful?"
is in article_feedback.py. The reads these pages need live here, beside the pages.

Pre-sales and after-sales material never mix in one listing: every section lists only its own
articles, and an article's layer is the layer of the section it lives in.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber, Substr
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from community.common import ratelimit
from community.common.htmx import is_htmx
from community.common.models import NamedInDutch, link, optional_link
from community.common.page_cache import member_fragment_key
from community.common.views import rate_limited_response

from .article_feedback import (
    ArticleFeedbackForm,
    article_feedback_for_visitor,
    new_visitor_key,
    remember_visitor,
    visitor_key,
)
from .blocks import ArticleBodyBlock, FAQBlock
from .enums import Layer
from .listings import category_chosen
from .manuals import Manual
from .member_parts import KnownViewRestrictions, kept_or_made, shares_member_parts
from .sections import when_shown
from .services import article_feedback_record
from .structured_data import article_entity, faq_entity
from .translation import in_reader_language, source_page

# An article with at least this many headings and steps shows a table of contents.
TOC_MIN_ENTRIES = 3


class KnowledgeBaseCategory(NamedInDutch):
    """A topic inside one section (layer) of the knowledge base; section listings filter by it."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=True,
        help_text=_("Used in the section's address: ?category=<slug>."),
    )
    layer = models.CharField(
        _("section"),
        max_length=8,
        choices=Layer.choices,
        help_text=_("The knowledge-base section the category belongs to."),
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in the filter.")
    )

    panels = NamedInDutch.panels_of("name", "slug", "layer", "sort_order")

    class Meta:
        ordering = ["layer", "sort_order", "name"]
        verbose_name = _("knowledge-base category")
        verbose_name_plural = _("knowledge-base categories")
        constraints = [
            models.UniqueConstraint(fields=["layer", "slug"], name="kb_category_unique_slug")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_layer_display()})"


class KnowledgeBaseIndexPage(Page):
    """/kb/: the three sections of service content and the FAQ."""

    intro = RichTextField(
        _("intro"), blank=True, features=["bold", "italic", "link"], help_text=_("Shown on top.")
    )
    articles_per_section = 4

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.KnowledgeBaseSectionPage", "cms.FAQPage"]
    max_count = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every article of the original, each in the reader's language where it is translated.
        source = source_page(self, request)
        sections = kb_sections_with_latest(index=source, per_section=self.articles_per_section)
        latest = iter(
            in_reader_language(
                [article for section in sections for article in section.latest],
                related=["category"],
            )
        )
        sections = in_reader_language(sections, keep=["article_count", "latest"])
        for section in sections:
            section.latest = [next(latest) for _article in section.latest]
        context.update(sections=sections, faq_pages=in_reader_language(kb_faq_pages(parent=source)))
        return context


class KnowledgeBaseSectionPageForm(WagtailAdminPageForm):
    """One section per layer, so pre-sales and after-sales material never share a listing."""

    def clean(self):
        cleaned_data = super().clean()
        layer = cleaned_data.get("layer")
        # One per layer in each language: a section's translation has its original's layer.
        parent = self.parent_page if self.instance.pk is None else None
        locale_id = self.instance.locale_id or getattr(parent, "locale_id", None)
        taken = KnowledgeBaseSectionPage.objects.filter(layer=layer, locale_id=locale_id)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if layer and taken.exists():
            self.add_error("layer", _("The knowledge base already has a section for this."))
        return cleaned_data


class KnowledgeBaseSectionPage(Page):
    """One layer of service content: its own landing page, categories and article list."""

    layer = models.CharField(
        _("layer"),
        max_length=8,
        choices=Layer.choices,
        help_text=_("Which kind of help this section holds; each layer has one section."),
    )
    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])
    articles_per_page = 12

    base_form_class = KnowledgeBaseSectionPageForm
    content_panels = [*Page.content_panels, FieldPanel("layer"), FieldPanel("intro")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.FilterField("layer"),
    ]

    parent_page_types = ["cms.KnowledgeBaseIndexPage"]
    subpage_types = ["cms.ArticlePage", "cms.FAQPage"]

    class Meta:
        verbose_name = _("knowledge-base section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every article of the original, each in the reader's language where it is translated.
        source = source_page(self, request)
        categories = list(kb_categories_for_section(section=source))
        category = category_chosen(
            request,
            categories,
            not_found=_("There is no category with that name in this section."),
        )
        paginator = Paginator(
            kb_section_articles(section=source, category=category), self.articles_per_page
        )
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            categories=[c for c in categories if c.article_count or c == category],
            category=category,
            page_obj=page_obj,
            articles=in_reader_language(page_obj.object_list, related=["category"]),
            breadcrumbs=kb_breadcrumbs(self),
        )
        return context


class ArticlePageForm(WagtailAdminPageForm):
    """Keeps an article's category inside the layer of the section it is written in."""

    def clean(self):
        cleaned_data = super().clean()
        category = cleaned_data.get("category")
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        section = parent.specific if parent is not None else None
        if (
            category
            and isinstance(section, KnowledgeBaseSectionPage)
            and category.layer != section.layer
        ):
            self.add_error(
                "category",
                _("Choose a category of the section “%(section)s”.") % {"section": section},
            )
        return cleaned_data


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(KnownViewRestrictions, RoutablePageMixin, Page):
    """A knowledge-base article: a guide, a how-to, a comparison or a recipe."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences: shown in lists and to search engines."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    category = optional_link(KnowledgeBaseCategory, _("category"), related_name="articles")
    products = ParentalManyToManyField(
        "cms.ProductPage",
        verbose_name=_("related products"),
        blank=True,
        related_name="articles",
        help_text=_("The article is listed on these products' pages."),
    )
    tags = ClusterTaggableManager(_("tags"), through=ArticlePageTag, blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an editor last checked that the article is still right."),
    )

    base_form_class = ArticlePageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("products"),
                FieldPanel("tags"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("About this article"),
        ),
        InlinePanel("manuals", heading=_("Manuals to download"), label=_("Manual")),
        InlinePanel("related_links", heading=_("Related articles"), label=_("Related article")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("category"),
    ]

    parent_page_types = ["cms.KnowledgeBaseSectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("article")

    @cached_property
    def table_of_contents(self) -> list[dict]:
        """Anchors of the headings and steps, when there are enough of them to need a list."""
        entries = []
        for block in self.body:
            if block.block_type == "heading":
                entries.append({"anchor": slugify(block.value), "title": block.value, "level": 2})
            elif block.block_type == "step":
                title = block.value["title"]
                entries.append({"anchor": slugify(title), "title": title, "level": 3})
        return entries if len(entries) >= TOC_MIN_ENTRIES else []

    def serve(self, request, *args, **kwargs):
        # The same for every visitor who is not signed in, and for every member who answered
        # "was this helpful?" alike: kept until anything changes.
        return kept_or_made(request, "article", super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read when the page is made, not when a member is served its kept parts.
        extras = when_shown(lambda: article_detail_extras(article=self))
        for name in ARTICLE_EXTRAS:
            context[name] = when_shown(lambda name=name: extras()[name])
        context["breadcrumbs"] = context["ancestors"]
        context["structured_data"] = when_shown(
            lambda: article_entity(self, request=request, context=extras())
        )
        # The reader's own answer to "was this helpful?" is outside the kept parts.
        context["feedback"] = article_feedback_for_visitor(
            article=self, user=request.user, session_key=visitor_key(request)
        )
        # All of the article but the feedback is the same for every member.
        context["page_fragment"] = context["member_page_marks"] = None
        if shares_member_parts(request):
            context["page_fragment"] = member_fragment_key(request, "article-page", viewer_marks=())
            feedback = context["feedback"]
            context["member_page_marks"] = (
                feedback is not None,
                feedback is not None and feedback.helpful,
                feedback is not None and bool(feedback.comment),
            )
        return context

    @path("feedback/", name="feedback")
    def feedback_view(self, request):  # not "feedback": that is the votes' related name
        """ "Was this helpful?": a vote, then (after "no") an optional comment; htmx or plain."""
        if request.method != "POST":
            return redirect(self.url + "#feedback")
        form = ArticleFeedbackForm(request.POST)
        if not form.is_valid():
            return redirect(self.url + "#feedback")
        key = new_key = None
        if not request.user.is_authenticated:
            decision = ratelimit.hit(
                "kb-feedback",
                key=ratelimit.client_ip(request),
                rate=settings.KB_FEEDBACK_RATE_ADDRESS,
            )
            if not decision.allowed:
                refusal = ValidationError(
                    _("Too many answers from your address; please try again later."),
                    code="rate_limited",
                    params={"retry_after": decision.retry_after},
                )
                return rate_limited_response(request, refusal, template="429.html")
            key = visitor_key(request)
            if key is None:
                key = new_key = new_visitor_key()
        article_feedback_record(
            article=self,
            user=request.user,
            session_key=key,
            helpful=form.cleaned_data["helpful"] == "yes",
            comment=form.cleaned_data["comment"],
        )
        feedback = article_feedback_for_visitor(article=self, user=request.user, session_key=key)
        context = {"page": self, "feedback": feedback, "request": request}
        if is_htmx(request):
            response = TemplateResponse(request, "cms/includes/article_feedback.html", context)
        else:
            response = redirect(self.url + "#feedback")
        if new_key:
            remember_visitor(response, new_key)
        return response


class ArticleManual(Manual):
    """A manual or guide to download from an article."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="manuals")

    panels = [FieldPanel("document")]


class ArticleRelatedLink(Orderable):
    """Another article worth reading next."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = link(ArticlePage, _("article"))

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")


class FAQPage(Page):
    """Questions the shop is often asked, answered by editors (JSON-LD FAQPage)."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link"])
    questions = StreamField(FAQBlock(), verbose_name=_("questions and answers"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("questions")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("questions"),
    ]

    parent_page_types = ["cms.KnowledgeBaseIndexPage", "cms.KnowledgeBaseSectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = kb_breadcrumbs(self)
        context["structured_data"] = faq_entity(self)
        return context


def kb_breadcrumbs(page: Page) -> list[Page]:
    """The page's ancestors below the home page (one query)."""
    return list(page.get_ancestors().filter(depth__gt=2))


class ArticleProvenance(models.Model):
    """Where an article came from: the community question and answer it was promoted from."""

    article = models.OneToOneField(
        ArticlePage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="provenance",
    )
    question = link("qa.Question", _("question"), related_name="article_provenances")
    answer = models.OneToOneField(
        "qa.Answer",
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="article_provenance",
    )
    community_author = optional_link(settings.AUTH_USER_MODEL, _("community author"), blank=False)
    credit_name = models.CharField(
        _("credited as"),
        max_length=60,
        blank=True,
        help_text=_("The author's display name when the answer was promoted."),
    )
    created_by = optional_link(settings.AUTH_USER_MODEL, _("promoted by"), blank=False)
    created_at = models.DateTimeField(_("promoted"), auto_now_add=True)

    class Meta:
        verbose_name = _("article provenance")
        verbose_name_plural = _("article provenance")

    def __str__(self) -> str:
        return f"{self.article} ← {self.question}"

    @property
    def credit(self) -> str:
        """The name the article credits, or "" when the author opted out of credit."""
        author = self.community_author
        if author is None or not getattr(author, "credit_in_articles", True):
            return ""
        return author.public_name or self.credit_name


# Reads for the pages above: each listing in a bounded number of queries, whatever its length.


def kb_sections_with_latest(*, index, per_section: int) -> list:
    """The index's live sections, each with `latest` (its newest articles) and `article_count`."""
    live_articles = ArticlePage.objects.live()
    counts = (
        live_articles.filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .values("depth")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sections = list(
        KnowledgeBaseSectionPage.objects.live()
        .child_of(index)
        .annotate(article_count=Coalesce(Subquery(counts), 0))
        .order_by("path")
    )
    section_path_length = (index.depth + 1) * KnowledgeBaseSectionPage.steplen
    ranked = (
        live_articles.descendant_of(index)
        .annotate(
            section_path=Substr("path", 1, section_path_length),
            rank=Window(
                RowNumber(),
                partition_by=[Substr("path", 1, section_path_length)],
                order_by=[F("first_published_at").desc(nulls_last=True), F("pk").desc()],
            ),
        )
        .filter(rank__lte=per_section)
        .select_related("category")
    )
    latest: dict[str, list] = {}
    for article in ranked:
        latest.setdefault(article.section_path, []).append(article)
    for section in sections:
        section.latest = latest.get(section.path, [])
    return sections


def kb_faq_pages(*, parent) -> list:
    return list(FAQPage.objects.live().child_of(parent).order_by("path"))


def kb_categories_for_section(*, section) -> QuerySet:
    """The categories of the section's layer, each with `article_count` of live articles here."""
    live_here = Q(
        articles__live=True,
        articles__path__startswith=section.path,
        articles__depth=section.depth + 1,
    )
    return (
        KnowledgeBaseCategory.objects.filter(layer=section.layer)
        .annotate(article_count=Count("articles", filter=live_here))
        .order_by("sort_order", "name")
    )


def kb_section_articles(*, section, category=None) -> QuerySet:
    """The live articles directly under one section (so one layer only), newest review first."""
    articles = (
        ArticlePage.objects.live()
        .child_of(section)
        .select_related("category")
        .order_by(F("last_reviewed").desc(nulls_last=True), "title", "pk")
    )
    if category is not None:
        articles = articles.filter(category=category)
    return articles


ARTICLE_EXTRAS = (
    "ancestors",
    "section",
    "tags",
    "related_products",
    "related_articles",
    "article_manuals",
    "provenance",
)


def article_detail_extras(*, article) -> dict:
    """What an article page shows besides its own fields, one query per kind of thing."""
    ancestors = list(article.get_ancestors().filter(depth__gt=2))
    section = ancestors[-1].specific if ancestors else None
    provenance = (
        ArticleProvenance.objects.filter(article=article)
        .select_related("question", "community_author")
        .first()
    )
    related = [
        link.article
        for link in article.related_links.select_related("article")
        if link.article.live
    ]
    return {
        "ancestors": ancestors,
        "section": section,
        "tags": list(article.tags.all()),
        "related_products": _live_related_products(article),
        "related_articles": related,
        "article_manuals": list(article.manuals.select_related("document")),
        "provenance": provenance,
    }


def _live_related_products(article) -> list:
    """The article's live related products, by title. In a preview the article is a draft's
    copy whose products are an in-memory list (no ``live()``), so ask the pages for them."""
    products = article.products
    product_ids = products.values_list("id", flat=True)
    return list(products.model.objects.live().filter(pk__in=product_ids).order_by("title"))
