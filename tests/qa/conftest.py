import pytest
from taggit.models import Tag


@pytest.fixture
def tags(db):
    return [
        Tag.objects.create(name=name, slug=name.lower())
        for name in ("Sizing", "Cleaning", "Warranty")
    ]
