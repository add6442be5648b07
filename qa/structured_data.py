"""schema.org structured data from qa, with the fields search engines require: QAPage for a
question page, and the ratings and reviews a product page's Product gets from its reviews."""

from community.common.markup import plain_text

from .selectors import ProductReviews, QuestionThread


def qa_page(thread: QuestionThread, *, request) -> dict:
    question = thread.question
    public_answers = [a for a in thread.answers if a.is_published]
    accepted = next(
        (
            a
            for a in public_answers
            if a.pk in (question.accepted_answer_id, question.official_answer_id)
        ),
        None,
    )
    entity = {
        "@type": "Question",
        "name": question.title,
        "text": plain_text(question.body_rendered) or question.title,
        "answerCount": len(public_answers),
        "upvoteCount": question.score,
        "dateCreated": question.created_at.isoformat(),
        "author": _person(question.author, request),
    }
    if accepted:
        entity["acceptedAnswer"] = _answer(accepted, request)
    suggested = [_answer(a, request) for a in public_answers if a is not accepted]
    if suggested:
        entity["suggestedAnswer"] = suggested
    return {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": entity}


def _answer(answer, request) -> dict:
    return {
        "@type": "Answer",
        "text": plain_text(answer.body_rendered),
        "upvoteCount": answer.score,
        "dateCreated": answer.created_at.isoformat(),
        "url": request.build_absolute_uri(answer.get_absolute_url()),
        "author": _person(answer.author, request),
    }


def _person(user, request) -> dict:
    return {"@type": "Person", "name": user.public_name}


def product_review_properties(*, reviews: ProductReviews, request) -> dict:
    """What a product's reviews add to its schema.org Product (cms/structured_data.py): the
    aggregate rating and the reviews shown. Published reviews only, and no aggregateRating
    while there are none (search engines reject an empty one)."""
    properties: dict = {}
    summary = reviews.summary
    if summary.review_count:
        properties["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(summary.average, 1),
            "reviewCount": summary.review_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    published = [review for review in reviews.top_reviews if review.is_published]
    if published:
        properties["review"] = [
            {
                "@type": "Review",
                "name": review.title,
                "author": _person(review.author, request),
                "datePublished": review.created_at.date().isoformat(),
                "reviewBody": plain_text(review.body_rendered),
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": review.rating,
                    "bestRating": 5,
                    "worstRating": 1,
                },
            }
            for review in published
        ]
    return properties
