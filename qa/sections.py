"""qa's parts of the product page (cms/sections.py): the product's questions, and its
reviews with the "you bought this product" badge and the ratings for its structured data.
Registered in QaConfig.ready()."""

from __future__ import annotations

from functools import partial

from cms.sections import HOME_PAGE, PRODUCT_PAGE, PageSection, register_page_section, when_shown
from community.common.page_cache import kept_read
from shop.selectors import deliveries_to

from .permissions import product_reviews_viewer_marks
from .selectors import (
    helpful_votes_on_product,
    own_reviews_of_product,
    product_reviews,
    questions_for_product,
    top_public_reviews,
)
from .selectors.for_you import answers_to_questions_of, questions_on_products_bought_by
from .structured_data import product_review_properties

TOP_REVIEWS = 3  # on the product page


def product_questions_context(product, request) -> dict:
    # The same for every member: read only when the page is made, not when it is kept.
    found = when_shown(lambda: questions_for_product(product))
    return {
        "product_questions": when_shown(lambda: found().questions),
        "product_question_count": when_shown(lambda: found().total),
    }


def product_reviews_viewer_rows(product: int, viewer: int) -> dict:
    """What the reviews read of the viewer's own, with the page's other marks (one query):
    their deliveries of the product, their helpful votes on its reviews and whether they
    have a review of it (read in full only then)."""
    return {
        "bought": (deliveries_to(user=viewer, product=product), "pk"),
        "helpful": (helpful_votes_on_product(viewer=viewer, product=product), "review_id"),
        "own_review": (own_reviews_of_product(user=viewer, product=product), "pk"),
    }


def product_reviews_context(product, request, rows) -> dict:
    # Whether the viewer bought it decides both the badge and what the review block offers.
    bought = bool(rows.get("bought"))
    # The rating and the top reviews are the same for every reader: read once per change.
    public = partial(
        kept_read,
        request,
        "product-top-reviews",
        partial(top_public_reviews, product, limit=TOP_REVIEWS),
        product.pk,
    )
    reviews = product_reviews(
        product=product,
        viewer=request.user,
        bought=bought,
        limit=TOP_REVIEWS,
        public_reviews=public,
        marked_helpful=rows.get("helpful", ()),
        has_own_review=bool(rows.get("own_review")) if request.user.is_authenticated else None,
    )
    return {"user_bought_it": bought, "product_reviews": reviews}


def product_reviews_viewer_marks_of(product, request, context) -> tuple | None:
    return product_reviews_viewer_marks(
        request.user, context["product_reviews"], bought=context["user_bought_it"]
    )


def home_for_you_context(page, request) -> dict:
    # Visitors cost no query; a member the same few whatever they asked or bought.
    if not request.user.is_authenticated:
        return {}
    return {
        "answers_for_you": answers_to_questions_of(user=request.user),
        "questions_you_can_help_with": questions_on_products_bought_by(user=request.user),
    }


def register() -> None:
    register_page_section(
        PageSection(
            page=HOME_PAGE,
            key="for_you",
            order=10,
            templates={"for_you": "qa/includes/home_for_you.html"},
            context=home_for_you_context,
        )
    )
    register_page_section(
        PageSection(
            page=PRODUCT_PAGE,
            key="questions",
            order=10,
            templates={
                "links": "qa/includes/product_questions_link.html",
                "questions": "qa/includes/product_questions.html",
            },
            context=product_questions_context,
        )
    )
    register_page_section(
        PageSection(
            page=PRODUCT_PAGE,
            key="reviews",
            order=20,
            templates={
                "header": "qa/reviews/includes/product_bought_badge.html",
                "links": "qa/reviews/includes/product_reviews_link.html",
                "reviews": "qa/reviews/includes/product_reviews.html",
            },
            context=product_reviews_context,
            viewer_rows=product_reviews_viewer_rows,
            viewer_marks=product_reviews_viewer_marks_of,
            structured_data=lambda product, request, context: product_review_properties(
                reviews=context["product_reviews"], request=request
            ),
        )
    )
