"""Writing, editing and withdrawing reviews: only verified buyers of a delivered purchase,
once per product, with photos, revisions and clear reasons for everyone else."""

from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from community.common.uploads import ImageUpload
from community.moderation.enums import ContentStatus
from community.photos.models import Photo
from qa.models import Review
from shop.models import Purchase
from tests.conftest import image_upload
from tests.forum.conftest import photo_post_data

from .conftest import review_form

pytestmark = pytest.mark.django_db

NOT_A_BUYER = "Only customers who bought this product can review it"


def _write_url(product) -> str:
    return f"/reviews/product/{product.pk}/write/"


def test_a_verified_buyer_writes_a_review_that_shows_with_a_verified_buyer_badge(
    client, buyer, product
):
    client.force_login(buyer)

    response = client.post(_write_url(product), review_form())

    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == review.get_absolute_url()
    assert (review.author, review.product, review.rating) == (buyer, product, 4)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Heats evenly, heavy to lift" in page
    assert "It heats evenly and sears well." in page
    delivered = timezone.localtime(Purchase.objects.get().delivered_at)
    assert f"Verified buyer · bought {dateformat.format(delivered, 'F Y')}" in page
    assert "<li>Even heat</li>" in page and "<li>Heavy</li>" in page


def test_review_text_goes_through_the_markup_pipeline(client, buyer, product):
    client.force_login(buyer)

    client.post(
        _write_url(product),
        review_form(body="It is **great** <script>alert(1)</script> for steaks and eggs."),
    )

    review = Review.objects.get()
    assert "<strong>great</strong>" in review.body_rendered
    assert "<script>" not in review.body_rendered


def test_anonymous_visitor_is_sent_to_sign_in_first(client, product):
    response = client.get(_write_url(product))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_who_did_not_buy_sees_why_instead_of_a_form(client, user_factory, product):
    client.force_login(user_factory())

    response = client.get(_write_url(product))

    assert response.status_code == 403
    assert NOT_A_BUYER in response.content.decode()
    assert 'name="body"' not in response.content.decode()


def test_a_member_who_did_not_buy_cannot_post_a_review(client, user_factory, product):
    client.force_login(user_factory())

    response = client.post(_write_url(product), review_form())

    assert response.status_code == 403
    assert NOT_A_BUYER in response.content.decode()
    assert not Review.objects.exists()


def test_a_buyer_whose_parcel_has_not_arrived_cannot_review_yet(client, buyer_factory, product):
    client.force_login(buyer_factory(product=product, delivered_days_ago=None))

    response = client.post(_write_url(product), review_form())

    assert response.status_code == 403
    assert NOT_A_BUYER in response.content.decode()
    assert not Review.objects.exists()


def test_a_purchase_under_an_unverified_address_does_not_count(
    client, user_factory, purchase_factory, product
):
    member = user_factory(verified=False)
    purchase_factory(email=member.email, product=product)
    client.force_login(member)

    assert client.get(_write_url(product)).status_code == 403


def test_a_second_review_of_the_same_product_is_refused_with_a_link_to_edit_the_first(
    client, buyer, product, review_factory
):
    first = review_factory(product=product, author=buyer)
    client.force_login(buyer)

    response = client.post(_write_url(product), review_form(title="Another go"))

    page = response.content.decode()
    assert response.status_code == 403
    assert "You already reviewed this product" in page
    assert f"/reviews/{first.pk}/edit/" in page
    assert Review.objects.count() == 1


def test_bad_input_gets_clear_messages_and_keeps_what_was_typed(client, buyer, product):
    client.force_login(buyer)

    response = client.post(
        _write_url(product), review_form(rating="", body="Too short", title="My verdict")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Please choose from 1 to 5 stars." in page
    assert "Ensure this value has at least 20 characters" in page
    assert 'value="My verdict"' in page
    assert "Too short</textarea>" in page
    assert not Review.objects.exists()


def test_a_rating_outside_one_to_five_is_refused(client, buyer, product):
    client.force_login(buyer)

    response = client.post(_write_url(product), review_form(rating="6"))

    assert response.status_code == 400
    assert not Review.objects.exists()


def test_a_review_carries_photos_through_the_upload_service(client, buyer, product):
    client.force_login(buyer)

    response = client.post(
        _write_url(product),
        {**review_form(), **photo_post_data((image_upload(), "The skillet on my hob"))},
    )

    review = Review.objects.get()
    assert response.status_code == 302
    assert review.photo_count == 1
    photo = Photo.objects.get()
    assert photo.target == review and photo.alt_text == "The skillet on my hob"
    assert photo.thumbnail.url in client.get(review.get_absolute_url()).content.decode()


def test_a_photo_without_a_description_is_refused_and_the_text_kept(client, buyer, product):
    client.force_login(buyer)

    response = client.post(
        _write_url(product),
        {**review_form(title="Kept title"), **photo_post_data((image_upload(), ""))},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Please describe the photo" in page
    assert 'value="Kept title"' in page
    assert not Review.objects.exists()


def test_too_many_photos_are_refused(client, buyer, product, settings):
    settings.REVIEW_MAX_PHOTOS = 1
    client.force_login(buyer)
    photos = [(image_upload(name=f"p{n}.jpg"), f"Photo {n}") for n in range(2)]

    response = client.post(_write_url(product), {**review_form(), **photo_post_data(*photos)})

    assert response.status_code == 400
    assert not Review.objects.exists()


def test_a_file_that_is_not_a_picture_is_refused_clearly(client, buyer, product):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(buyer)
    fake = SimpleUploadedFile("evil.jpg", b"not an image", content_type="image/jpeg")

    response = client.post(
        _write_url(product), {**review_form(), **photo_post_data((fake, "A photo"))}
    )

    assert response.status_code == 400
    assert "not a picture we can read" in response.content.decode()
    assert not Review.objects.exists()


def test_the_author_edits_their_review_and_the_history_keeps_both_versions(
    client, buyer, product, review_factory
):
    review = review_factory(product=product, author=buyer, rating=2, title="Rusty at first")
    client.force_login(buyer)

    form = client.get(f"/reviews/{review.pk}/edit/").content.decode()
    response = client.post(
        f"/reviews/{review.pk}/edit/",
        review_form(rating="5", title="Great once seasoned", summary="Seasoned it properly"),
    )

    review.refresh_from_db()
    assert 'value="Rusty at first"' in form
    assert response.status_code == 302
    assert (review.rating, review.title) == (5, "Great once seasoned")
    assert review.edited_at is not None
    history = client.get(f"/reviews/{review.pk}/history/").content.decode()
    assert "Rusty at first" in history and "Great once seasoned" in history
    assert "Rating: 2 of 5" in history and "Rating: 5 of 5" in history
    assert "Seasoned it properly" in history


def test_the_author_removes_a_photo_while_editing(client, buyer, product, review_factory):

    review = review_factory(
        product=product, author=buyer, photos=[ImageUpload(image_upload(), "On the hob")]
    )
    photo = Photo.objects.get()
    client.force_login(buyer)

    client.post(f"/reviews/{review.pk}/edit/", review_form(remove_photos=[photo.pk]))

    review.refresh_from_db()
    assert review.photo_count == 0
    assert not Photo.objects.exists()


def test_nobody_else_can_edit_a_review_not_even_staff(
    client, buyer, product, review_factory, user_factory, staff_user
):
    review = review_factory(product=product, author=buyer, rating=1, title="Bad")
    for other in (user_factory(), staff_user):
        client.force_login(other)

        response = client.post(f"/reviews/{review.pk}/edit/", review_form(rating="5"))

        assert response.status_code == 403
    review.refresh_from_db()
    assert (review.rating, review.title) == (1, "Bad")


def test_the_author_withdraws_their_review_and_may_write_a_new_one(
    client, buyer, product, review_factory
):
    review = review_factory(product=product, author=buyer)
    client.force_login(buyer)

    response = client.post(f"/reviews/{review.pk}/withdraw/")

    review.refresh_from_db()
    assert response.status_code == 302
    assert review.status == ContentStatus.DELETED
    assert client.get(f"/reviews/{review.pk}/").status_code == 200  # the author still sees it
    client.logout()
    assert client.get(f"/reviews/{review.pk}/").status_code == 404
    client.force_login(buyer)
    assert client.get(_write_url(product)).status_code == 200
    assert client.post(_write_url(product), review_form(title="Second thoughts")).status_code == 302
    assert Review.objects.filter(status=ContentStatus.PUBLISHED).get().title == "Second thoughts"


def test_someone_else_cannot_withdraw_a_review(client, product, review_factory, user_factory):
    review = review_factory(product=product)
    client.force_login(user_factory())

    assert client.post(f"/reviews/{review.pk}/withdraw/").status_code == 403
    review.refresh_from_db()
    assert review.status == ContentStatus.PUBLISHED


def test_the_review_form_page_costs_the_same_queries_every_time(
    client, buyer, product, django_assert_max_num_queries
):
    client.force_login(buyer)
    with django_assert_max_num_queries(12):
        assert client.get(_write_url(product)).status_code == 200


def test_bad_input_when_editing_keeps_the_changes_typed(client, buyer, product, review_factory):
    review = review_factory(product=product, author=buyer, title="Original title")
    client.force_login(buyer)

    response = client.post(
        f"/reviews/{review.pk}/edit/", review_form(title="New title", body="Too short")
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="New title"' in page and "Too short</textarea>" in page
    review.refresh_from_db()
    assert review.title == "Original title"


@pytest.mark.parametrize("photos", [1, 4])
def test_a_review_page_costs_the_same_queries_with_few_or_many_photos_and_votes(
    photos,
    client,
    buyer,
    product,
    review_factory,
    user_factory,
    django_assert_max_num_queries,
):
    from qa.services import review_helpful_toggle

    review = review_factory(
        product=product,
        author=buyer,
        photos=[ImageUpload(image_upload(), f"Photo {n}") for n in range(photos)],
    )
    for _ in range(photos):
        review_helpful_toggle(review=review, voter=user_factory())
    reader = user_factory()
    review_helpful_toggle(review=review, voter=reader)
    client.force_login(reader)

    with django_assert_max_num_queries(11):
        response = client.get(review.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["review"].photos) == photos


@pytest.mark.parametrize("edits", [1, 6])
def test_the_history_page_costs_the_same_queries_for_few_and_many_edits(
    edits, client, buyer, product, review_factory, django_assert_max_num_queries
):
    from qa.services import review_edit

    review = review_factory(product=product, author=buyer)
    for number in range(edits):
        review_edit(
            review=review,
            editor=buyer,
            rating=number % 5 + 1,
            title=f"Take {number}",
            body=review.body,
            pros=review.pros,
            cons=review.cons,
        )
    client.force_login(buyer)

    with django_assert_max_num_queries(10):
        response = client.get(f"/reviews/{review.pk}/history/")

    assert response.status_code == 200
    assert len(response.context["history"]) == edits + 1


def test_an_edit_cannot_turn_a_review_into_a_link_farm(client, buyer, product, review_factory):
    review = review_factory(product=product, author=buyer)
    client.force_login(buyer)
    farm = "Cheaper at https://pans.com https://lids.org https://ovens.net every single day"

    response = client.post(f"/reviews/{review.pk}/edit/", review_form(body=farm))

    page = response.content.decode()
    assert response.status_code == 400
    assert "New members can post at most 2 links" in page
    assert "https://ovens.net every single day" in page  # what they typed is kept
    assert page.count("New members can post at most 2 links") == 1  # with the text alone
    review.refresh_from_db()
    assert "https://" not in review.body


def test_a_refused_edit_keeps_the_photo_it_would_have_removed(
    client, buyer, product, review_factory
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    review = review_factory(
        product=product, author=buyer, photos=[ImageUpload(image_upload(), "On the hob")]
    )
    photo = Photo.objects.get()
    client.force_login(buyer)
    fake = SimpleUploadedFile("evil.jpg", b"not an image", content_type="image/jpeg")

    response = client.post(
        f"/reviews/{review.pk}/edit/",
        {**review_form(remove_photos=[photo.pk]), **photo_post_data((fake, "A photo"))},
    )

    assert response.status_code == 400
    assert "not a picture we can read" in response.content.decode()
    photo = Photo.objects.get()
    assert photo.image.storage.exists(photo.image.name)
    assert photo.thumbnail.storage.exists(photo.thumbnail.name)


def test_a_removed_photos_files_go_once_the_edit_is_saved(
    client, buyer, product, review_factory, django_capture_on_commit_callbacks
):

    review = review_factory(
        product=product, author=buyer, photos=[ImageUpload(image_upload(), "On the hob")]
    )
    photo = Photo.objects.get()
    client.force_login(buyer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/reviews/{review.pk}/edit/", review_form(remove_photos=[photo.pk]))

    assert not Photo.objects.exists()
    assert not photo.image.storage.exists(photo.image.name)
    assert not photo.thumbnail.storage.exists(photo.thumbnail.name)


def test_a_buyer_cannot_remove_photos_of_someone_elses_review_while_editing(
    client, buyer, product, review_factory
):

    other = review_factory(product=product, photos=[ImageUpload(image_upload(), "Lid")])
    review = review_factory(product=product, author=buyer)
    client.force_login(buyer)

    client.post(f"/reviews/{review.pk}/edit/", review_form(remove_photos=[Photo.objects.get().pk]))

    assert Photo.objects.filter(target_id=other.pk).exists()


def test_a_refused_review_keeps_its_photo_for_the_next_sending(client, buyer, product):
    from community.photos.models import KeptPhoto

    client.force_login(buyer)

    refused = client.post(
        _write_url(product),
        {**review_form(body=""), **photo_post_data((image_upload(name="pan.jpg"), "The pan"))},
    )

    html = refused.content.decode()
    assert refused.status_code == 400
    assert "pan.jpg kept" in html
    kept = KeptPhoto.objects.get()
    assert f'name="photos-0-kept" value="{kept.token}"' in html

    sent = client.post(
        _write_url(product),
        {
            **review_form(),
            "photos-TOTAL_FORMS": "4",
            "photos-INITIAL_FORMS": "0",
            "photos-0-kept": kept.token,
            "photos-0-alt_text": "The pan",
        },
    )

    assert sent.status_code == 302
    review = Review.objects.get()
    assert [(p.target, p.alt_text) for p in Photo.objects.all()] == [(review, "The pan")]
    assert review.photo_count == 1
    assert not KeptPhoto.objects.exists()


def test_a_review_refused_to_a_suspended_buyer_keeps_no_photo(client, buyer, product, settings):
    from community.photos.models import KeptPhoto

    type(buyer).objects.filter(pk=buyer.pk).update(
        suspended_until=timezone.now() + timedelta(days=1)
    )
    client.force_login(buyer)

    response = client.post(
        _write_url(product),
        {**review_form(body=""), **photo_post_data((image_upload(name="pan.jpg"), "The pan"))},
    )

    assert "pan.jpg kept" not in response.content.decode()
    assert not KeptPhoto.objects.exists()
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
