import io

import pytest
from django.core.management import call_command

from community.photos.models import Photo
from forum.models import Board, Post, Topic

pytestmark = pytest.mark.django_db


def _counts():
    return {model.__name__: model.objects.count() for model in (Board, Topic, Post, Photo)}


def test_seed_demo_adds_boards_topics_quotes_and_photos_once(demo_site):
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())

    assert _counts() == first
    assert set(Board.objects.values_list("name", flat=True)) >= {
        "Getting started",
        "Tips & tricks",
        "Product ideas",
        "Showcase",
    }
    assert first["Photo"] >= 3
    assert Post.objects.filter(quoted__isnull=False).exists()
    featured = Topic.objects.get(is_featured=True)
    assert featured.board.is_showcase and featured.product is not None
    for board in Board.objects.all():
        posts = Post.objects.filter(topic__board=board, status="published").count()
        assert board.post_count == posts
