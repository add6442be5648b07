"""Staff and reviews: the shop's public reply, the queue of reviews without one, hiding and
restoring (with a reason the author sees), and the rating summary staying exact."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from community.common.uploads import ImageUpload
from community.moderation.enums import AuditAction, ContentStatus
from community.moderation.models import AuditLogEntry
from community.moderation.services import content_hide, content_restore
from qa.models import ProductRatingSummary, Review, ReviewReply
from qa.services import review_edit, review_reply_save

pytestmark = pytest.mark.django_db

# Where every staff tool sends hiding and restoring.
DECIDE = "/moderation/decide/"


def test_staff_reply_shows_under_the_review_as_the_shops_reply(
    client, product, review_factory, staff_user
):
    review = review_factory(product=product, rating=1, title="Cracked after a week")
    client.force_login(staff_user)

    response = client.post(
        f"/reviews/{review.pk}/reply/", {"body": "Sorry! We sent you a new one today."}
    )

    assert response.status_code == 302
    client.logout()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Reply from the shop" in page
    assert "Sorry! We sent you a new one today." in page
    assert staff_user.public_name in page


def test_the_reply_is_one_per_review_and_editable_with_history(
    client, product, review_factory, staff_user
):
    review = review_factory(product=product, rating=2)
    client.force_login(staff_user)
    client.post(f"/reviews/{review.pk}/reply/", {"body": "First answer."})

    form = client.get(f"/reviews/{review.pk}/reply/").content.decode()
    client.post(f"/reviews/{review.pk}/reply/", {"body": "Better answer."})

    reply = ReviewReply.objects.get()
    assert "First answer.</textarea>" in form
    assert reply.body == "Better answer." and reply.edited_at is not None
    from community.revisions.selectors import revision_history

    assert [entry.revision.body for entry in revision_history(reply)] == [
        "Better answer.",
        "First answer.",
    ]


def test_an_empty_reply_is_refused_clearly(client, product, review_factory, staff_user):
    review = review_factory(product=product)
    client.force_login(staff_user)

    response = client.post(f"/reviews/{review.pk}/reply/", {"body": ""})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ReviewReply.objects.exists()


def test_customers_cannot_reply_as_the_shop(client, product, review_factory, user_factory):
    review = review_factory(product=product)
    client.force_login(user_factory())

    assert client.get(f"/reviews/{review.pk}/reply/").status_code == 403
    assert client.post(f"/reviews/{review.pk}/reply/", {"body": "Fake reply"}).status_code == 403
    assert not ReviewReply.objects.exists()


def test_the_queue_lists_reviews_without_reply_lowest_rating_then_oldest_first(
    client, product, review_factory, staff_user
):
    newer_one_star = review_factory(product=product, rating=1, title="Newer one star")
    older_one_star = review_factory(product=product, rating=1, title="Older one star")
    Review.objects.filter(pk=older_one_star.pk).update(
        created_at=newer_one_star.created_at - timedelta(days=2)
    )
    review_factory(product=product, rating=5, title="Five stars")
    answered = review_factory(product=product, rating=2, title="Answered")
    review_reply_save(review=answered, staff=staff_user, body="Thanks.")
    client.force_login(staff_user)

    response = client.get("/reviews/staff/unanswered/")

    titles = [review.title for review in response.context["reviews"]]
    assert titles == ["Older one star", "Newer one star", "Five stars"]


def test_customers_do_not_see_the_queue(client, user_factory):
    client.force_login(user_factory())

    assert client.get("/reviews/staff/unanswered/").status_code == 403


@pytest.mark.parametrize("count", [1, pytest.param(30, marks=pytest.mark.slow)])
def test_the_queue_costs_the_same_queries_for_few_and_many(
    count, client, product, review_factory, staff_user, queries_of, django_assert_max_num_queries
):
    client.force_login(staff_user)
    empty_queue = queries_of("/reviews/staff/unanswered/")
    for _ in range(count):
        review_factory(product=product, rating=1)

    # One more than the empty queue: the page of reviews, with product and author joined.
    with django_assert_max_num_queries(empty_queue + 1):
        response = client.get("/reviews/staff/unanswered/")

    assert len(response.context["reviews"]) == min(count, 25)


def test_staff_hide_a_review_with_a_reason_the_author_sees(
    client, buyer, product, review_factory, staff_user
):
    review = review_factory(product=product, author=buyer, title="Buy elsewhere: spam.example")
    client.force_login(staff_user)

    client.post(
        DECIDE,
        {"item": f"review:{review.pk}", "action": "hide", "reason": "Advertising for another shop"},
    )

    review.refresh_from_db()
    assert review.status == ContentStatus.HIDDEN
    assert AuditLogEntry.objects.filter(action=AuditAction.HIDE).exists()
    client.logout()
    assert client.get(review.get_absolute_url()).status_code == 404
    public_list = client.get(f"/reviews/product/{product.pk}/").content.decode()
    assert "Buy elsewhere" not in public_list
    client.force_login(buyer)
    own_list = client.get(f"/reviews/product/{product.pk}/").content.decode()
    assert "Advertising for another shop" in own_list
    assert "Hidden by staff" in own_list


def test_hiding_needs_a_reason(client, product, review_factory, staff_user):
    review = review_factory(product=product)
    client.force_login(staff_user)

    response = client.post(
        DECIDE, {"item": f"review:{review.pk}", "action": "hide", "reason": " "}, follow=True
    )

    review.refresh_from_db()
    assert review.status == ContentStatus.PUBLISHED
    assert "Please give a reason: the author sees it." in response.content.decode()
    with pytest.raises(ValidationError):
        content_hide(item=review, staff=staff_user, reason="")


def test_customers_cannot_hide_or_restore(client, product, review_factory, user_factory):
    review = review_factory(product=product)
    client.force_login(user_factory())

    assert (
        client.post(
            DECIDE, {"item": f"review:{review.pk}", "action": "hide", "reason": "I dislike it"}
        ).status_code
        == 403
    )
    review.refresh_from_db()
    assert review.status == ContentStatus.PUBLISHED


def test_staff_restore_a_hidden_review(client, product, review_factory, staff_user):
    review = review_factory(product=product)
    content_hide(item=review, staff=staff_user, reason="Checking a claim")
    client.force_login(staff_user)

    client.post(DECIDE, {"item": f"review:{review.pk}", "action": "restore"})

    review.refresh_from_db()
    assert review.status == ContentStatus.PUBLISHED
    assert review.status_reason == ""


def test_a_hidden_review_cannot_be_edited_by_its_author(
    client, buyer, product, review_factory, staff_user
):
    review = review_factory(product=product, author=buyer)
    content_hide(item=review, staff=staff_user, reason="Personal data in the text")
    client.force_login(buyer)

    response = client.get(f"/reviews/{review.pk}/edit/")

    assert response.status_code == 403
    assert "Staff hid this review" in response.content.decode()


def test_restoring_a_withdrawn_review_is_refused_when_a_newer_one_exists(
    client, buyer, product, review_factory, staff_user
):
    old = review_factory(product=product, author=buyer, title="Old")
    client.force_login(buyer)
    client.post(f"/reviews/{old.pk}/withdraw/")
    review_factory(product=product, author=buyer, title="New")
    client.force_login(staff_user)

    response = client.post(DECIDE, {"item": f"review:{old.pk}", "action": "restore"}, follow=True)

    old.refresh_from_db()
    assert old.status == ContentStatus.DELETED
    assert "newer review" in response.content.decode()


def _summary(product) -> tuple:
    row = ProductRatingSummary.objects.get(product=product)
    return (
        row.review_count,
        row.rating_total,
        [row.count_for(stars) for stars in (1, 2, 3, 4, 5)],
    )


def test_the_rating_summary_stays_exact_through_edit_hide_restore_and_withdraw(
    client, product, review_factory, staff_user
):
    five = review_factory(product=product, rating=5)
    two = review_factory(product=product, rating=2)
    assert _summary(product) == (2, 7, [0, 1, 0, 0, 1])
    assert ProductRatingSummary.objects.get(product=product).average == 3.5

    review_edit(
        review=two,
        editor=two.author,
        rating=4,
        title=two.title,
        body=two.body,
        pros=two.pros,
        cons=two.cons,
    )
    assert _summary(product) == (2, 9, [0, 0, 0, 1, 1])

    content_hide(item=five, staff=staff_user, reason="Off topic")
    assert _summary(product) == (1, 4, [0, 0, 0, 1, 0])

    content_restore(item=five, staff=staff_user)
    assert _summary(product) == (2, 9, [0, 0, 0, 1, 1])

    client.force_login(two.author)
    client.post(f"/reviews/{two.pk}/withdraw/")
    assert _summary(product) == (1, 5, [0, 0, 0, 0, 1])


def test_the_moderation_queue_links_to_the_reviews_without_a_reply(client, staff_user):
    client.force_login(staff_user)

    page = client.get("/moderation/").content.decode()

    assert 'href="/reviews/staff/unanswered/"' in page


def test_the_reply_form_costs_the_same_queries_for_a_plain_and_a_busy_review(
    client,
    product,
    review_factory,
    staff_user,
    user_factory,
    queries_of,
    django_assert_max_num_queries,
):
    from qa.services import review_helpful_toggle
    from tests.conftest import image_upload

    plain = review_factory(product=product, rating=1)
    busy = review_factory(
        product=product,
        rating=1,
        photos=[ImageUpload(image_upload(), f"Photo {n}") for n in range(4)],
    )
    for _ in range(5):
        review_helpful_toggle(review=busy, voter=user_factory())
    review_reply_save(review=busy, staff=staff_user, body="We are on it.")
    client.force_login(staff_user)
    plain_page = queries_of(f"/reviews/{plain.pk}/reply/")

    with django_assert_max_num_queries(plain_page):
        response = client.get(f"/reviews/{busy.pk}/reply/")

    assert "We are on it.</textarea>" in response.content.decode()


def test_hiding_a_withdrawn_review_leaves_it_withdrawn_beside_the_authors_new_one(
    client, buyer, product, review_factory, staff_user
):
    from qa.services import review_withdraw

    old = review_factory(product=product, author=buyer, rating=1, title="First go")
    review_withdraw(review=old, user=buyer)
    review_factory(product=product, author=buyer, rating=4, title="Second go")
    client.force_login(staff_user)

    response = client.post(
        DECIDE, {"item": f"review:{old.pk}", "action": "hide", "reason": "Crafted post"}
    )

    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == ContentStatus.DELETED
    assert ProductRatingSummary.objects.get(product=product).review_count == 1


def test_members_do_not_see_or_mark_someone_elses_hidden_or_held_review(
    client, buyer, product, review_factory, staff_user, user_factory
):
    review = review_factory(product=product, author=buyer, title="Out of view")
    content_hide(item=review, staff=staff_user, reason="Off topic")
    held = review_factory(product=product, title="Waiting for approval")
    Review.objects.filter(pk=held.pk).update(status=ContentStatus.PENDING)
    client.force_login(user_factory())

    for hidden in (review, held):
        assert client.get(hidden.get_absolute_url()).status_code == 404
        assert client.get(f"/reviews/{hidden.pk}/history/").status_code == 404
        assert client.post(f"/reviews/{hidden.pk}/helpful/").status_code == 404
    listing = client.get(f"/reviews/product/{product.pk}/").content.decode()
    assert "Out of view" not in listing
    assert "Waiting for approval" not in listing
    # Its author sees it, and cannot mark it helpful either.
    client.force_login(buyer)
    assert client.get(review.get_absolute_url()).status_code == 200
    assert client.post(f"/reviews/{review.pk}/helpful/").status_code == 403
    review.refresh_from_db()
    assert review.helpful_count == 0


def test_staff_cannot_change_a_customers_words_or_rating_by_any_service(
    product, review_factory, staff_user
):
    from django.core.exceptions import PermissionDenied

    review = review_factory(product=product, rating=1, title="Cracked")

    with pytest.raises(PermissionDenied):
        review_edit(
            review=review,
            editor=staff_user,
            rating=5,
            title="Great",
            body="x" * 30,
            pros=review.pros,
            cons=review.cons,
        )

    review.refresh_from_db()
    assert (review.rating, review.title) == (1, "Cracked")
