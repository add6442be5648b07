"""What qa tells the shop's webhook endpoints: questions asked about a product, answers
accepted or made official, reviews (with their rating) and the shop's replies to them.

Each function is called by the service where it happens (and, for posts held for
moderation, by the announcer when they are approved); only public items are reported, with
public facts: no e-mail address, and a member only by their public name.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from community.notifications.events import all_public
from community.notifications.mail import absolute
from community.webhooks.events import webhook_event_send
from community.webhooks.registry import register_event

QUESTION_ASKED = "question.asked"
ANSWER_ACCEPTED = "answer.accepted"
ANSWER_OFFICIAL = "answer.official"
REVIEW_POSTED = "review.posted"
REVIEW_REPLY_POSTED = "review.reply_posted"


def _post(post, **facts) -> dict:
    """The public facts of a question or review, and ``facts`` of its own."""
    return {
        "id": post.pk,
        **facts,
        "title": post.title,
        "author": post.author.public_name,
        "url": absolute(post.get_absolute_url()),
        "created_at": post.created_at,
    }


def _product(product) -> dict | None:
    return {"sku": product.sku, "name": product.title} if product is not None else None


def question_asked(question) -> None:
    """A public question about a product."""
    if question.product_id is None or not all_public(question):
        return
    webhook_event_send(
        event=QUESTION_ASKED,
        payload={"question": _post(question), "product": _product(question.product)},
    )


def answer_marked(answer, *, official: bool) -> None:
    """An answer accepted by the asker, or made official by staff."""
    question = answer.question
    if not all_public(answer, question):
        return
    webhook_event_send(
        event=ANSWER_OFFICIAL if official else ANSWER_ACCEPTED,
        payload={
            "answer": {
                "id": answer.pk,
                "author": answer.author.public_name,
                "url": absolute(answer.get_absolute_url()),
            },
            "question": {"id": question.pk, "title": question.title},
            "product": _product(question.product),
        },
    )


def review_posted(review) -> None:
    """A public review, with its rating (a low one is worth a quick reply)."""
    if not all_public(review):
        return
    webhook_event_send(
        event=REVIEW_POSTED,
        payload={
            "review": _post(review, rating=review.rating),
            "product": _product(review.product),
        },
    )


def review_replied(reply, *, is_new: bool) -> None:
    """The shop replied to a public review (not sent again when the reply is edited)."""
    review = reply.review
    if not is_new or not all_public(review):
        return
    webhook_event_send(
        event=REVIEW_REPLY_POSTED,
        payload={
            "review": {"id": review.pk, "rating": review.rating, "title": review.title},
            "reply": {"url": absolute(reply.get_absolute_url()), "created_at": reply.created_at},
            "product": _product(review.product),
        },
    )


def register() -> None:
    register_event(QUESTION_ASKED, _("A question was asked about a product"))
    register_event(ANSWER_ACCEPTED, _("An answer was accepted"))
    register_event(ANSWER_OFFICIAL, _("An answer was made official"))
    register_event(REVIEW_POSTED, _("A review was posted (with its rating)"))
    register_event(REVIEW_REPLY_POSTED, _("The shop replied to a review"))
