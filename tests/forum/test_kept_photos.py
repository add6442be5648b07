"""Photos chosen on a form that is sent back are kept: the re-shown form lists them, and the
next sending attaches them, for their owner only and only while they are fresh."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from community.photos.models import KeptPhoto, Photo
from community.photos.services import kept_photos_drop, photo_keep
from forum.models import Post, Topic
from tests.conftest import image_upload

from .conftest import photo_post_data, upload_of

pytestmark = pytest.mark.django_db

GONE = "A photo you chose earlier is no longer available"
CHOOSE_AGAIN = "browsers cannot keep chosen files"


def _reply_url(topic) -> str:
    return f"/forum/topics/{topic.pk}/reply/"


def _kept_slots(html: str) -> dict[str, str]:
    """The kept photos' hidden fields of a re-shown form: field name → token."""
    return dict(re.findall(r'<input type="hidden" name="(photos-\d+-kept)" value="([^"]+)"', html))


def _slots(*slots, total=6) -> dict:
    """Photo slots as a browser sends them; each slot a dict of its fields (no prefix)."""
    data = {
        "photos-TOTAL_FORMS": str(total),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": str(total),
    }
    for index, slot in enumerate(slots):
        data.update({f"photos-{index}-{name}": value for name, value in slot.items()})
    return data


def test_a_refused_reply_keeps_its_photo_and_the_next_sending_attaches_it(
    customer_client, topic_factory
):
    topic = topic_factory()

    refused = customer_client.post(
        _reply_url(topic), {"body": "", **photo_post_data((image_upload(), "The lid"))}
    )

    html = refused.content.decode()
    assert refused.status_code == 400
    assert "photo.jpg kept" in html
    assert CHOOSE_AGAIN not in html
    assert 'value="The lid"' in html  # the description typed stays too
    kept = KeptPhoto.objects.get()
    assert _kept_slots(html) == {"photos-0-kept": kept.token}
    assert kept.image.storage.exists(kept.image.name)

    sent = customer_client.post(
        _reply_url(topic),
        {"body": "Now with words", **_slots({"kept": kept.token, "alt_text": "The lid"})},
    )

    assert sent.status_code == 302
    post = Post.objects.get(body="Now with words")
    photo = Photo.objects.get()
    assert (photo.target, photo.alt_text, photo.owner) == (post, "The lid", kept.owner)
    assert photo.image.name == kept.image.name  # the kept files, not a copy
    assert photo.image.storage.exists(photo.image.name)
    assert not KeptPhoto.objects.exists()


def test_a_missing_description_keeps_every_chosen_photo_in_its_place(customer_client, board):
    response = customer_client.post(
        f"/forum/{board.slug}/new/",
        {
            "title": "My first loaf",
            "body": "Crusty.",
            **photo_post_data(
                (image_upload(name="loaf.jpg"), "The loaf"),
                (image_upload(name="crumb.png", image_format="PNG"), ""),
            ),
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "describe the photo" in html
    assert "loaf.jpg kept" in html and "crumb.png kept" in html
    tokens = _kept_slots(html)
    assert len(tokens) == 2

    response = customer_client.post(
        f"/forum/{board.slug}/new/",
        {
            "title": "My first loaf",
            "body": "Crusty.",
            **_slots(
                {"kept": tokens["photos-0-kept"], "alt_text": "The loaf"},
                {"kept": tokens["photos-1-kept"], "alt_text": "The crumb"},
                {"image": image_upload(name="board.jpg"), "alt_text": "On the board"},
            ),
        },
    )

    assert response.status_code == 302
    first_post = Topic.objects.get().first_post
    assert [p.alt_text for p in Photo.objects.filter(target_id=first_post.pk)] == [
        "The loaf",
        "The crumb",
        "On the board",
    ]
    assert not KeptPhoto.objects.exists()


def test_a_picture_that_is_refused_is_not_kept_and_must_be_chosen_again(
    customer_client, topic_factory
):
    topic = topic_factory()

    response = customer_client.post(
        _reply_url(topic),
        {
            "body": "",
            **photo_post_data((image_upload(), "Good"), (upload_of(b"nope", "bad.jpg"), "Bad")),
        },
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "photo.jpg kept" in html
    assert "not a picture we can read" in html and CHOOSE_AGAIN in html
    assert KeptPhoto.objects.count() == 1


def test_another_members_kept_photo_is_refused(customer_client, topic_factory, user_factory):
    topic = topic_factory()
    other = photo_keep(owner=user_factory(), upload=image_upload())

    response = customer_client.post(
        _reply_url(topic),
        {"body": "Borrowed", **_slots({"kept": other.token, "alt_text": "Not mine"})},
    )

    assert response.status_code == 400
    assert GONE in response.content.decode()
    assert not Post.objects.filter(body="Borrowed").exists()
    assert not Photo.objects.exists()
    assert KeptPhoto.objects.get() == other  # still theirs, untouched
    assert other.image.storage.exists(other.image.name)


def test_an_expired_kept_photo_is_refused(customer_client, customer, topic_factory, settings):
    settings.PHOTO_KEEP_HOURS = 2
    topic = topic_factory()
    kept = photo_keep(owner=customer, upload=image_upload())
    KeptPhoto.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(hours=3))

    response = customer_client.post(
        _reply_url(topic), {"body": "Late", **_slots({"kept": kept.token, "alt_text": "Old"})}
    )

    assert response.status_code == 400
    assert GONE in response.content.decode()
    assert not Photo.objects.exists()


def test_a_kept_photo_can_be_removed(customer_client, customer, topic_factory):
    topic = topic_factory()
    kept = photo_keep(owner=customer, upload=image_upload())

    response = customer_client.post(
        _reply_url(topic),
        {"body": "Without it", **_slots({"kept": kept.token, "alt_text": "", "discard": "on"})},
    )

    assert response.status_code == 302
    assert Post.objects.filter(body="Without it").exists()
    assert not Photo.objects.exists()


def test_the_limit_counts_kept_and_new_photos(customer_client, customer, topic_factory, settings):
    settings.FORUM_MAX_PHOTOS = 2
    topic = topic_factory()
    first, second = (photo_keep(owner=customer, upload=image_upload()) for _ in range(2))

    response = customer_client.post(
        _reply_url(topic),
        {
            "body": "Three photos",
            **_slots(
                {"kept": first.token, "alt_text": "One"},
                {"kept": second.token, "alt_text": "Two"},
                {"image": image_upload(name="three.jpg"), "alt_text": "Three"},
                total=3,
            ),
        },
    )

    assert response.status_code == 400
    assert "at most 2 photos" in response.content.decode()
    assert not Photo.objects.exists()


def test_kept_photos_are_checked_like_any_upload(customer_client, topic_factory, settings):
    settings.UPLOAD_MAX_PIXELS = 100 * 100
    topic = topic_factory()

    response = customer_client.post(
        _reply_url(topic), {"body": "", **photo_post_data((image_upload(size=(200, 200)), "Big"))}
    )

    html = response.content.decode()
    assert "200 × 200 pixels, which is more than we accept" in html
    assert CHOOSE_AGAIN in html
    assert not KeptPhoto.objects.exists()


def test_a_member_holds_a_bounded_number_of_kept_photos(customer, settings):
    settings.PHOTO_KEEP_MAX = 2
    made = [photo_keep(owner=customer, upload=image_upload()) for _ in range(3)]

    assert set(KeptPhoto.objects.all()) == set(made[1:])
    assert not made[0].image.storage.exists(made[0].image.name)


def test_kept_photos_nobody_attached_are_purged_with_their_files(customer, settings):
    settings.PHOTO_KEEP_HOURS = 24
    old = photo_keep(owner=customer, upload=image_upload())
    KeptPhoto.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    fresh = photo_keep(owner=customer, upload=image_upload())
    output = StringIO()

    call_command("purge_expired_data", stdout=output)

    assert list(KeptPhoto.objects.all()) == [fresh]
    assert not old.image.storage.exists(old.image.name)
    assert not old.thumbnail.storage.exists(old.thumbnail.name)
    assert fresh.image.storage.exists(fresh.image.name)
    assert "kept photos: 1" in output.getvalue()


def _stored_files(settings) -> list:
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_a_suspended_members_refused_reply_keeps_no_photo(
    customer_client, customer, topic_factory, settings
):
    topic = topic_factory()
    type(customer).objects.filter(pk=customer.pk).update(
        suspended_until=timezone.now() + timedelta(days=1)
    )

    sent = customer_client.post(
        _reply_url(topic), {"body": "Words", **photo_post_data((image_upload(), "The lid"))}
    )
    empty = customer_client.post(
        _reply_url(topic), {"body": "", **photo_post_data((image_upload(), "The lid"))}
    )

    for response in (sent, empty):
        html = response.content.decode()
        assert response.status_code == 400
        assert "photo.jpg kept" not in html
        assert CHOOSE_AGAIN in html
    assert not KeptPhoto.objects.exists()
    assert not Post.objects.filter(body="Words").exists()
    assert not _stored_files(settings)


def test_a_reply_to_a_locked_topic_keeps_no_photo(customer_client, topic_factory, settings):
    topic = topic_factory()
    Topic.objects.filter(pk=topic.pk).update(is_locked=True)

    response = customer_client.post(
        _reply_url(topic), {"body": "Words", **photo_post_data((image_upload(), "The lid"))}
    )

    assert "This topic is locked" in response.content.decode()
    assert not KeptPhoto.objects.exists()
    assert not _stored_files(settings)


def test_a_suspended_members_new_topic_keeps_no_photo(customer_client, customer, board, settings):
    type(customer).objects.filter(pk=customer.pk).update(
        suspended_until=timezone.now() + timedelta(days=1)
    )

    response = customer_client.post(
        f"/forum/{board.slug}/new/",
        {"title": "", "body": "", **photo_post_data((image_upload(), "The lid"))},
    )

    assert response.status_code == 400
    assert not KeptPhoto.objects.exists()
    assert not _stored_files(settings)


def test_a_rate_limited_reply_keeps_no_photo(customer_client, topic_factory, settings):
    settings.MODERATION_HOLD_FIRST_POSTS = 0
    settings.MODERATION_RATE_LIMITS = {
        **settings.MODERATION_RATE_LIMITS,
        "member": "1/m",
        "new_member": "1/m",
    }
    topic = topic_factory()
    assert customer_client.post(_reply_url(topic), {"body": "First"}).status_code == 302

    response = customer_client.post(
        _reply_url(topic), {"body": "Second", **photo_post_data((image_upload(), "The lid"))}
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert "You are posting faster than we allow" in html
    assert "Second" in html  # the text stays
    assert CHOOSE_AGAIN in html
    assert not KeptPhoto.objects.exists()
    assert not _stored_files(settings)


def test_a_kept_photo_attached_meanwhile_keeps_its_files_when_a_stale_list_is_dropped(
    customer_client, customer, topic_factory
):
    topic = topic_factory()
    kept = photo_keep(owner=customer, upload=image_upload())
    listed = list(KeptPhoto.objects.filter(owner=customer))  # listed before the claim
    sent = customer_client.post(
        _reply_url(topic),
        {"body": "With the photo", **_slots({"kept": kept.token, "alt_text": "The lid"})},
    )
    assert sent.status_code == 302

    assert kept_photos_drop(listed) == 0

    photo = Photo.objects.get()
    assert photo.image.storage.exists(photo.image.name)
    assert photo.thumbnail.storage.exists(photo.thumbnail.name)
