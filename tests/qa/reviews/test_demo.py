"""The demo reviews: every star level, photos, helpful votes and the shop's replies."""

import io

import pytest
from django.core.management import call_command

from community.moderation.enums import ContentStatus
from qa.models import ProductRatingSummary, Review, ReviewReply

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_reviews_of_every_rating_with_photos_votes_and_replies(client, demo_site):

    reviews = Review.objects.filter(status=ContentStatus.PUBLISHED)
    assert set(reviews.values_list("rating", flat=True)) == {1, 2, 3, 4, 5}
    assert reviews.filter(photo_count__gt=0).count() >= 3
    assert reviews.filter(helpful_count__gt=0).exists()
    bad = reviews.filter(rating__lte=2)
    assert bad.exists()
    assert ReviewReply.objects.filter(review__in=bad).count() == bad.count()
    skillet = reviews.filter(product__sku="CW-SKL-28").first().product
    summary = ProductRatingSummary.objects.get(product=skillet)
    assert summary.review_count == reviews.filter(product=skillet).count()
    assert "Reply from the shop" in client.get(skillet.url).content.decode()


def test_seeding_reviews_twice_adds_nothing(demo_site):
    count = Review.objects.count()

    call_command("seed_demo", stdout=io.StringIO())

    assert Review.objects.count() == count
