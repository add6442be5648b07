"""Review invitations: e-mailed once per purchase some days after delivery, never to someone
who reviewed or opted out, with a signed link to the form and a one-click opt-out."""

import io
import re
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone

from community.notifications.services import mail_marketing_consent_record
from qa.models import ReviewInvitation, ReviewInvitationOptOut
from qa.selectors.reviews import INVITATION_SALT
from qa.services import review_invitations_send_due
from qa.tasks import review_invitations_send_due_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def buyer(buyer_factory, product):
    """A member who bought the product and agreed, on signing up, to be invited."""
    member = buyer_factory(product=product, username="anna")
    mail_marketing_consent_record(user=member, consent=True)
    return member


def _links(message) -> tuple[str, str]:
    review_link = re.search(r"http://testserver/reviews/invitation/[^/\s]+/", message.body)
    opt_out_link = re.search(
        r"http://testserver/reviews/invitations/opt-out/[^/\s]+/", message.body
    )
    return review_link.group(0), opt_out_link.group(0)


def _path(url: str) -> str:
    return url.removeprefix("http://testserver")


def test_a_buyer_is_invited_after_the_delay_with_text_html_and_unsubscribe_headers(
    purchase_factory, product, mailoutbox, settings
):
    settings.REVIEW_INVITATION_DELAY_DAYS = 7
    purchase_factory(email="Anna@Example.com", product=product, delivered_days_ago=8)

    run = review_invitations_send_due()

    assert (run.sent, run.skipped, run.failed) == (1, 0, 0)
    [message] = mailoutbox
    assert message.to == ["anna@example.com"]
    assert "Cast-iron skillet" in message.subject
    review_link, opt_out_link = _links(message)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and review_link in html and opt_out_link in html
    assert message.extra_headers["List-Unsubscribe"] == f"<{opt_out_link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert ReviewInvitation.objects.get().sent_at is not None


def test_no_invitation_before_the_delay_or_before_delivery(
    purchase_factory, product, mailoutbox, settings
):
    settings.REVIEW_INVITATION_DELAY_DAYS = 7
    purchase_factory(email="early@example.com", product=product, delivered_days_ago=6)
    purchase_factory(email="waiting@example.com", product=product, delivered_days_ago=None)

    assert review_invitations_send_due().sent == 0
    assert mailoutbox == []


def test_old_deliveries_are_not_invited_so_the_first_run_does_not_mail_all_history(
    purchase_factory, product, mailoutbox, settings
):
    settings.REVIEW_INVITATION_MAX_AGE_DAYS = 60
    purchase_factory(email="old@example.com", product=product, delivered_days_ago=61)

    assert review_invitations_send_due().sent == 0
    assert mailoutbox == []


def test_each_purchase_is_invited_once_however_often_it_runs(purchase_factory, product, mailoutbox):
    purchase_factory(email="anna@example.com", product=product)

    review_invitations_send_due()
    second = review_invitations_send_due()

    assert len(mailoutbox) == 1
    assert second.sent == 0


def test_a_second_order_of_the_same_product_brings_no_second_invitation(
    purchase_factory, product, mailoutbox
):
    purchase_factory(email="anna@example.com", product=product, delivered_days_ago=10)
    purchase_factory(email="anna@example.com", product=product, delivered_days_ago=9)

    review_invitations_send_due()

    assert len(mailoutbox) == 1


def test_someone_who_already_reviewed_is_not_invited(
    buyer, product, review_factory, mailoutbox, purchase_factory
):
    review_factory(product=product, author=buyer)

    run = review_invitations_send_due()

    assert run.sent == 0 and run.skipped == 1
    assert mailoutbox == []


def test_an_address_that_opted_out_is_not_invited(purchase_factory, product, mailoutbox):
    ReviewInvitationOptOut.objects.create(email="anna@example.com")
    purchase_factory(email="anna@example.com", product=product)

    assert review_invitations_send_due().sent == 0
    assert mailoutbox == []


def test_a_purchase_without_a_product_page_is_not_invited(purchase_factory, product, mailoutbox):
    purchase = purchase_factory(email="anna@example.com", product=product)
    purchase.product = None
    purchase.save()

    assert review_invitations_send_due().sent == 0
    assert mailoutbox == []


def test_a_failed_send_is_recorded_and_retried_on_a_later_run(
    purchase_factory, product, mailoutbox
):
    purchase_factory(email="anna@example.com", product=product)
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("mail server down")
    ):
        first = review_invitations_send_due()

    invitation = ReviewInvitation.objects.get()
    assert (first.sent, first.failed) == (0, 1)
    assert invitation.sent_at is None and invitation.failed_at is not None
    assert "mail server down" in invitation.last_error

    second = review_invitations_send_due()

    invitation.refresh_from_db()
    assert (second.sent, second.failed) == (1, 0)
    assert invitation.sent_at is not None and invitation.attempts == 2
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_overlapping_runs_send_each_invitation_exactly_once(
    transactional_db, purchase_factory, product, mailoutbox
):
    for number in range(6):
        purchase_factory(email=f"buyer{number}@example.com", product=product)
    start = threading.Barrier(2)
    errors: list[BaseException] = []
    runs = []

    def run():
        try:
            start.wait()
            runs.append(review_invitations_send_due())
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(r.sent for r in runs) == 6
    assert sorted(message.to[0] for message in mailoutbox) == [
        f"buyer{number}@example.com" for number in range(6)
    ]
    assert ReviewInvitation.objects.filter(sent_at__isnull=False).count() == 6


def test_the_link_leads_a_signed_in_buyer_straight_to_the_form(client, buyer, product, mailoutbox):
    review_invitations_send_due()
    review_link, _ = _links(mailoutbox[0])
    client.force_login(buyer)

    response = client.get(_path(review_link), follow=True)

    assert response.redirect_chain[-1][0] == f"/reviews/product/{product.pk}/write/"
    assert 'name="body"' in response.content.decode()


def test_the_link_asks_a_visitor_to_sign_in_and_comes_back(client, buyer, product, mailoutbox):
    review_invitations_send_due()
    review_link, _ = _links(mailoutbox[0])

    response = client.get(_path(review_link))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/reviews/invitation/")


def test_a_tampered_link_is_refused_with_a_clear_message(client, buyer, product, mailoutbox):
    review_invitations_send_due()
    review_link, _ = _links(mailoutbox[0])
    token = _path(review_link).split("/")[3]
    tampered = signing.TimestampSigner(salt=INVITATION_SALT).sign_object({"product": 1})[:-2]

    for bad in (token[:-3] + "abc", tampered, "nonsense"):
        response = client.get(f"/reviews/invitation/{bad}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()


def test_an_expired_link_says_so_and_still_offers_the_form(
    client, buyer, product, mailoutbox, settings
):
    review_invitations_send_due()
    review_link, _ = _links(mailoutbox[0])
    settings.REVIEW_INVITATION_LINK_MAX_AGE_DAYS = 30
    later = timezone.now() + timedelta(days=31)

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(_path(review_link))

    page = response.content.decode()
    assert response.status_code == 410
    assert "This invitation has expired" in page
    assert f'href="/reviews/product/{product.pk}/write/"' in page


def test_opting_out_takes_one_confirmed_click_and_stops_invitations(
    client, purchase_factory, product, mailoutbox, product_factory
):

    purchase_factory(email="anna@example.com", product=product)
    review_invitations_send_due()
    _, opt_out_link = _links(mailoutbox[0])

    confirm = client.get(_path(opt_out_link))
    assert confirm.status_code == 200
    assert "Stop review invitations" in confirm.content.decode()
    assert not ReviewInvitationOptOut.objects.exists()

    done = client.post(_path(opt_out_link))
    assert "we will not invite anna@example.com" in done.content.decode()
    assert ReviewInvitationOptOut.objects.filter(email="anna@example.com").exists()

    purchase_factory(email="anna@example.com", product=product_factory(title="Lid"))
    assert review_invitations_send_due().sent == 0


def test_a_mail_programs_one_click_post_needs_no_csrf_token(
    client, purchase_factory, product, mailoutbox
):
    from django.test import Client

    purchase_factory(email="anna@example.com", product=product)
    review_invitations_send_due()
    _, opt_out_link = _links(mailoutbox[0])
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(_path(opt_out_link), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert ReviewInvitationOptOut.objects.filter(email="anna@example.com").exists()


def test_a_tampered_opt_out_link_is_refused(client):
    response = client.post("/reviews/invitations/opt-out/anna@example.com:forged/")

    assert response.status_code == 400
    assert not ReviewInvitationOptOut.objects.exists()


def test_the_command_sends_and_prints_a_summary(purchase_factory, product, mailoutbox):
    purchase_factory(email="anna@example.com", product=product)
    out = io.StringIO()

    call_command("send_review_invitations", stdout=out)
    call_command("send_review_invitations", stdout=out)

    assert "Review invitations: sent 1, skipped 0, failed 0." in out.getvalue()
    assert "Review invitations: sent 0, skipped 0, failed 0." in out.getvalue()
    assert len(mailoutbox) == 1


def test_the_background_task_sends_the_due_invitations(purchase_factory, product, mailoutbox):
    purchase_factory(email="anna@example.com", product=product)

    result = review_invitations_send_due_task.enqueue()

    assert result.return_value == {"sent": 1, "skipped": 0, "failed": 0}
    assert len(mailoutbox) == 1


def test_the_command_can_start_the_scheduled_task(purchase_factory, product, mailoutbox):
    purchase_factory(email="anna@example.com", product=product)
    out = io.StringIO()

    call_command("send_review_invitations", "--schedule", stdout=out)

    assert "Queued the review invitation task" in out.getvalue()
    assert len(mailoutbox) == 1  # the in-process backend runs it at once


def test_the_opt_out_and_invitation_pages_cost_few_queries(
    client, buyer, product, mailoutbox, django_assert_max_num_queries
):
    review_invitations_send_due()
    review_link, opt_out_link = _links(mailoutbox[0])

    with django_assert_max_num_queries(2):
        assert client.get(_path(opt_out_link)).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(_path(review_link)).status_code == 302


def test_the_subject_shows_a_product_name_with_an_ampersand_as_typed(
    purchase_factory, product, mailoutbox
):
    product.title = "Pots & Pans <set>"
    product.save()
    purchase_factory(email="anna@example.com", product=product, delivered_days_ago=8)

    review_invitations_send_due()

    assert mailoutbox[0].subject == "How do you like your Pots & Pans <set>?"
    html = mailoutbox[0].alternatives[0][0]
    assert "Pots &amp; Pans &lt;set&gt;" in html


class WorkerDied(BaseException):
    """The process sending e-mail is killed between claiming and sending."""


def test_an_invitation_whose_run_died_mid_send_is_sent_once_the_claim_is_stale(
    purchase_factory, product, mailoutbox, monkeypatch, settings
):
    purchase_factory(email="anna@example.com", product=product)

    def die(*args, **kwargs):
        raise WorkerDied

    monkeypatch.setattr("qa.services.invitations.deliver", die)
    with pytest.raises(WorkerDied):
        review_invitations_send_due()
    monkeypatch.undo()

    # A fresh claim may belong to a run that is still sending: nobody else sends it.
    assert review_invitations_send_due().sent == 0
    assert mailoutbox == []

    ReviewInvitation.objects.update(
        claimed_at=F("claimed_at") - timedelta(minutes=settings.MAIL_STALE_CLAIM_MINUTES + 1)
    )
    run = review_invitations_send_due()

    assert (run.sent, run.failed) == (1, 0)
    assert [message.to for message in mailoutbox] == [["anna@example.com"]]
    invitation = ReviewInvitation.objects.get()
    assert invitation.sent_at is not None and invitation.attempts == 2
