"""The public read endpoints of /api/v1/: anonymous, cacheable, public content only.

Each view checks its query parameters with a small serializer (400 ``invalid_parameter``),
reads through the apps' selectors (which hand over public items only) and answers through
a serializer; ``PublicReadView`` adds what every answer shares: the error shape, the rate
limit per address, CORS for the allowed origins, and ETag / Last-Modified with 304s.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.enums import Layer
from cms.selectors import public_articles, public_product_by_sku
from community.common.buying_phase import Phase
from community.search.selectors import kind_choices, prepare_hits, search_everything
from qa.enums import AnsweredFilter, QuestionOrder, ReviewOrder
from qa.selectors.questions import (
    helpful_questions_with_answers,
    question_list,
    questions_with_marked_answers,
)
from qa.selectors.reviews import rating_summary, review_cards, review_list

from . import caching, cors, errors
from . import serializers as out
from .pagination import PageNumbers, PageQuery
from .schema import PublicApiSchema
from .throttling import PerAddressThrottle

WIDGET_QUESTIONS = 3
WIDGET_REVIEWS = 3
SEARCH_MAX_RESULTS = 50


class PublicReadView(APIView):
    """What every public read shares; subclasses set ``serializer_class`` and
    ``query_serializer_class`` and implement ``read(query, **url_kwargs)``."""

    authentication_classes: list = []  # anonymous: no session, no cookies read
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    throttle_classes = [PerAddressThrottle]
    http_method_names = ["get", "head", "options"]
    schema = PublicApiSchema()
    serializer_class: type[serializers.Serializer]
    query_serializer_class: type[serializers.Serializer] = serializers.Serializer
    paginated = False
    operation_id = ""
    summary = ""

    def get_exception_handler(self):
        return errors.exception_handler

    def get_serializer(self, *args, **kwargs):
        """For the schema generator: the answer's serializer."""
        return self.serializer_class(*args, context={"request": self.request}, **kwargs)

    def get(self, request, **url_kwargs):
        query = self.query_serializer_class(data=request.query_params)
        query.is_valid(raise_exception=True)
        return self.read(query.validated_data, **url_kwargs)

    def options(self, request, *args, **kwargs):
        """A browser's preflight: answered with the CORS headers alone."""
        return Response(status=204)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            response = caching.with_validators(request, response)
        return cors.add_cors_headers(request, response)

    # helpers for the subclasses

    def product_or_404(self, sku: str):
        product = public_product_by_sku(sku)
        if product is None:
            raise Http404(_("There is no product with SKU %(sku)s.") % {"sku": sku})
        return product

    def answer(self, instance) -> Response:
        return Response(self.get_serializer(instance).data)

    def answer_page(self, items, query: dict, *, rows=None) -> Response:
        """One page of ``items``; ``rows`` loads the page's rows from its ids when given."""
        pages = PageNumbers()
        shown = pages.paginate(items, page=query["page"], page_size=query.get("page_size"))
        if rows is not None:
            shown = rows(shown)
        return pages.get_paginated_response(self.get_serializer(shown, many=True).data)


# SECTION products


class ProductView(PublicReadView):
    """A product by its SKU, with its rating summary."""

    serializer_class = out.ProductSerializer
    operation_id = "getProduct"

    def read(self, query, *, sku):
        product = self.product_or_404(sku)
        product.rating = rating_summary(product=product)
        return self.answer(product)


class QuestionQuery(PageQuery):
    order = serializers.ChoiceField(
        choices=[QuestionOrder.VOTES, QuestionOrder.NEWEST, QuestionOrder.ACTIVE],
        default=QuestionOrder.VOTES,
        required=False,
    )
    answered = serializers.ChoiceField(choices=AnsweredFilter.values, required=False)


class ProductQuestionsView(PublicReadView):
    """A product's public questions with their accepted and official answers, paged."""

    serializer_class = out.QuestionSerializer
    query_serializer_class = QuestionQuery
    paginated = True
    operation_id = "listProductQuestions"

    def read(self, query, *, sku):
        product = self.product_or_404(sku)
        ids = question_list(
            order=query["order"], product_id=product.pk, answered=query.get("answered")
        )
        return self.answer_page(ids, query, rows=questions_with_marked_answers)


class ReviewQuery(PageQuery):
    order = serializers.ChoiceField(
        choices=ReviewOrder.values, default=ReviewOrder.HELPFUL, required=False
    )
    stars = serializers.IntegerField(min_value=1, max_value=5, required=False)
    photos = serializers.BooleanField(required=False, default=False, help_text="only with photos")


class ProductReviewsView(PublicReadView):
    """A product's published reviews, sorted and filtered as on the site, paged."""

    serializer_class = out.ReviewSerializer
    query_serializer_class = ReviewQuery
    paginated = True
    operation_id = "listProductReviews"

    def read(self, query, *, sku):
        product = self.product_or_404(sku)
        reviews = review_list(
            product=product,
            order=query["order"],
            stars=query.get("stars"),
            with_photos=query["photos"],
        )
        return self.answer_page(
            reviews, query, rows=lambda page: review_cards(page, viewer=self.request.user)
        )


# SECTION knowledge base and search


class ArticleQuery(PageQuery):
    product = serializers.CharField(required=False, max_length=64, help_text="a product's SKU")
    section = serializers.ChoiceField(choices=Layer.values, required=False)


class ArticlesView(PublicReadView):
    """Knowledge-base articles, by product and by section, paged."""

    serializer_class = out.ArticleSerializer
    query_serializer_class = ArticleQuery
    paginated = True
    operation_id = "listArticles"

    def read(self, query):
        product = self.product_or_404(query["product"]) if query.get("product") else None
        articles = public_articles(product=product, layer=query.get("section", ""))
        return self.answer_page(articles, query)


class SearchQuery(serializers.Serializer):
    q = serializers.CharField(max_length=200, help_text="the words to search for")
    kind = serializers.ChoiceField(choices=[], required=False)
    product = serializers.CharField(required=False, max_length=64, help_text="a product's SKU")
    phase = serializers.ChoiceField(choices=Phase.values, required=False)
    limit = serializers.IntegerField(
        min_value=1, max_value=SEARCH_MAX_RESULTS, default=10, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [kind for kind, _label in kind_choices()]


class SearchView(PublicReadView):
    """One search over articles, FAQ, products, questions and topics: the best matches."""

    serializer_class = out.SearchSerializer
    query_serializer_class = SearchQuery
    operation_id = "search"

    def read(self, query):
        product = self.product_or_404(query["product"]) if query.get("product") else None
        outcome = search_everything(
            query["q"],
            kind=query.get("kind", ""),
            product_id=product.pk if product else None,
            phase=query.get("phase", ""),
            per_kind_limit=query["limit"],
        )
        outcome.hits = prepare_hits(outcome.hits[: query["limit"]], outcome.marked_terms)
        return self.answer(outcome)


# SECTION the widget


class WidgetQuery(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=["en", "nl"], required=False, help_text="the shop page's language"
    )


class WidgetView(PublicReadView):
    """All the widget shows about one product, in one answer: the rating, the three most
    helpful questions with an answer, the latest reviews, links and the words to show."""

    serializer_class = out.WidgetSerializer
    query_serializer_class = WidgetQuery
    operation_id = "getWidget"

    def read(self, query, *, sku):
        language = query.get("lang") or translation.get_language()
        with translation.override(language):
            return self.answer(widget_content(self.request, self.product_or_404(sku)))


def widget_content(request, product) -> dict:
    """What the widget (and its no-JavaScript page) show about ``product``."""
    summary = rating_summary(product=product)
    reviews = []
    if summary.review_count:
        reviews = list(review_list(product=product, order=ReviewOrder.NEWEST)[:WIDGET_REVIEWS])
    ask = f"{reverse('qa:question-ask')}?product={product.pk}"
    return {
        "language": translation.get_language(),
        "product": {"sku": product.sku, "name": product.title},
        "rating": summary,
        "questions": helpful_questions_with_answers(product, limit=WIDGET_QUESTIONS),
        "reviews": reviews,
        "links": {
            "product": request.build_absolute_uri(product.url),
            "ask_question": request.build_absolute_uri(ask),
            "all_reviews": request.build_absolute_uri(
                reverse("qa:review-list", kwargs={"product_id": product.pk})
            ),
            "all_questions": request.build_absolute_uri(
                f"{reverse('qa:question-list')}?product={product.pk}"
            ),
        },
        "labels": widget_labels(summary),
    }


def widget_labels(summary) -> dict:
    """The widget's words, in the active language; ``stars`` keeps its placeholder for the
    script to fill in per review."""
    count = summary.review_count
    return {
        "title": _("Customer community"),
        "rating": _("Rated %(average)s out of 5")
        % {"average": number_format(summary.average or 0, 1)},
        "review_count": ngettext("%(count)s review", "%(count)s reviews", count) % {"count": count},
        "no_reviews": _("No reviews yet"),
        "questions": _("Questions and answers"),
        "no_questions": _("No answered questions yet"),
        "accepted": _("Accepted answer"),
        "official": _("Official answer"),
        "reviews": _("Latest reviews"),
        "stars": _("%(stars)s out of 5 stars"),
        "ask_question": _("Ask a question"),
        "all_reviews": _("All reviews"),
        "all_questions": _("All questions"),
        "answered_by": _("Answer by %(name)s"),
    }
