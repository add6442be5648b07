"""Webhooks as the shop's receiver sees them: signed POSTs, retries, the pause."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from community.webhooks.enums import DeliveryStatus
from community.webhooks.models import WebhookDelivery, WebhookEndpoint
from community.webhooks.signing import signature_valid


class Receiver:
    """A webhook receiver on a local port: records each POST, answers with ``status``."""

    def __init__(self):
        self.received: list[dict] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.end_headers()
                self.wfile.write(b"thanks" if receiver.status < 300 else b"broken")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self) -> list[str]:
        return [json.loads(item["body"])["event"] for item in self.received]


@pytest.fixture
def receiver():
    running = Receiver()
    yield running
    running.server.shutdown()


@pytest.fixture
def endpoint(receiver, db):
    return WebhookEndpoint.objects.create(
        url=receiver.url,
        events=[
            "question.asked",
            "answer.accepted",
            "answer.official",
            "review.posted",
            "review.reply_posted",
            "article.published",
        ],
    )


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what waits for the end of the write (the tests' own transaction never ends)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_question_on_a_product_is_posted_signed(
    receiver, endpoint, after_commit, product, question_factory
):
    with after_commit():
        question = question_factory(product=product, title="Is it oven safe?")

    [delivery] = receiver.received
    body = json.loads(delivery["body"])
    assert body["event"] == "question.asked"
    assert body["data"]["question"]["title"] == "Is it oven safe?"
    assert body["data"]["product"] == {"sku": product.sku, "name": product.title}
    assert "@" not in delivery["body"].decode()
    assert delivery["headers"]["X-Community-Event"] == "question.asked"
    assert signature_valid(
        secret=endpoint.secret,
        header=delivery["headers"]["X-Community-Signature"],
        body=delivery["body"],
        now=int(time.time()),
    )
    assert not signature_valid(
        secret="whsec_wrong",
        header=delivery["headers"]["X-Community-Signature"],
        body=delivery["body"],
        now=int(time.time()),
    )
    logged = WebhookDelivery.objects.get()
    assert (logged.status, logged.response_status, logged.response_body) == (
        DeliveryStatus.DELIVERED,
        200,
        "thanks",
    )
    assert question.pk == body["data"]["question"]["id"]


def test_only_subscribed_events_are_sent(receiver, endpoint, after_commit, product, review_factory):
    endpoint.events = ["question.asked"]
    endpoint.save()

    with after_commit():
        review_factory(product=product, rating=1)

    assert receiver.received == []


def test_reviews_answers_and_replies_are_sent(
    receiver,
    endpoint,
    after_commit,
    product,
    question_factory,
    answer_factory,
    review_factory,
    staff_user,
):
    from qa import services as qa_services

    with after_commit():
        review = review_factory(product=product, rating=2, title="Rusted")
    with after_commit():
        qa_services.review_reply_save(review=review, staff=staff_user, body="We will replace it.")
    question = question_factory(product=product)
    answer = answer_factory(question=question)
    with after_commit():
        qa_services.answer_accept(answer=answer, user=question.author)
    with after_commit():
        qa_services.answer_mark_official(answer=answer, staff=staff_user)

    assert receiver.events() == [
        "review.posted",
        "review.reply_posted",
        "answer.accepted",
        "answer.official",
    ]
    assert json.loads(receiver.received[0]["body"])["data"]["review"]["rating"] == 2


def test_a_held_question_is_sent_when_approved(
    receiver, endpoint, after_commit, settings, product, question_factory, staff_user
):
    from community.moderation.services import content_approve

    settings.MODERATION_HOLD_FIRST_POSTS = 1
    with after_commit():
        question = question_factory(product=product)
    assert receiver.received == []

    with after_commit():
        content_approve(item=question, staff=staff_user)

    assert receiver.events() == ["question.asked"]


def test_a_published_article_is_sent(receiver, endpoint, after_commit, article_factory, product):
    article = article_factory(title="Caring for cast iron", live=False)
    article.products.add(product)

    with after_commit():
        article.save_revision().publish()

    [delivery] = receiver.received
    data = json.loads(delivery["body"])["data"]["article"]
    assert data["title"] == "Caring for cast iron"
    assert data["products"] == [product.sku]


def test_a_failed_delivery_is_logged_and_tried_again_later(
    receiver, endpoint, after_commit, product, question_factory
):
    from community.webhooks.tasks import send_due_webhooks

    receiver.status = 500
    with after_commit():
        question_factory(product=product)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert (delivery.attempts, delivery.response_status, delivery.response_body) == (
        1,
        500,
        "broken",
    )
    assert delivery.next_attempt_at > timezone.now()
    assert send_due_webhooks() == 0  # not due yet

    receiver.status = 200
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert send_due_webhooks() == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 2)
    assert len(receiver.received) == 2
    assert receiver.received[0]["body"] == receiver.received[1]["body"]


def test_a_delivery_gives_up_after_the_last_attempt(
    receiver, endpoint, after_commit, settings, product, question_factory
):
    from community.webhooks.tasks import send_due_webhooks

    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.status = 503
    with after_commit():
        question_factory(product=product)
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    send_due_webhooks()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        DeliveryStatus.FAILED,
        2,
        None,
    )


def test_an_endpoint_failing_again_and_again_is_paused_and_staff_are_told(
    receiver, endpoint, after_commit, settings, product, question_factory, staff_user
):
    from community.notifications.models import Notification

    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 3
    receiver.status = 500
    for _ in range(4):
        with after_commit():
            question_factory(product=product)

    endpoint.refresh_from_db()
    assert endpoint.is_active is False
    assert endpoint.paused_at is not None
    assert len(receiver.received) == 3  # nothing more once paused
    notice = Notification.objects.get(recipient=staff_user)
    assert receiver.url in notice.text


def test_a_paused_endpoint_waits_and_staff_resuming_it_sends_what_was_pending(
    receiver, endpoint, after_commit, settings, product, question_factory, admin_client
):
    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 1
    receiver.status = 500
    with after_commit():
        question_factory(product=product)  # fails: the endpoint is paused, the delivery waits
    endpoint.refresh_from_db()
    assert endpoint.is_active is False
    assert len(receiver.received) == 1

    receiver.status = 200
    response = admin_client.post(
        "/django-admin/webhooks/webhookendpoint/",
        {"action": "resume", "_selected_action": [endpoint.pk]},
    )

    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.is_active is True
    assert len(receiver.received) == 2  # the waiting delivery, sent again once
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED


def test_an_unreachable_endpoint_never_fails_the_members_post(
    endpoint, after_commit, customer_client, product
):
    from qa.models import Question

    endpoint.url = "http://127.0.0.1:9/nothing-listens-here"
    endpoint.save()

    with after_commit():
        response = customer_client.post(
            "/questions/ask/",
            {
                "title": "Does the lid fit the 24 cm pan?",
                "body": "I have the smaller pan.",
                "phase": "before",
                "product": product.pk,
            },
        )

    assert response.status_code == 302
    assert Question.objects.filter(title="Does the lid fit the 24 cm pan?").exists()
    assert WebhookDelivery.objects.get().error.startswith("URLError")


def test_staff_register_an_endpoint_in_the_admin(admin_client, db):
    response = admin_client.post(
        "/django-admin/webhooks/webhookendpoint/add/",
        {
            "url": "https://shop.example/hooks",
            "description": "Shop back office",
            "events": ["question.asked", "review.posted"],
            "secret": "whsec_chosen-by-staff",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["question.asked", "review.posted"]
    assert admin_client.get("/django-admin/webhooks/webhookdelivery/").status_code == 200
