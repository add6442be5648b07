from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Subquery

from .models import Photo


def photos_for(model: type[models.Model], ids: Iterable[int]) -> dict[int, list[Photo]]:
    """The photos of many items of one kind, in their order, grouped by item id (one query)."""
    ids = list(ids)
    grouped: dict[int, list[Photo]] = defaultdict(list)
    if not ids:
        return {}
    photos = Photo.objects.filter(
        target_type=ContentType.objects.get_for_model(model), target_id__in=ids
    ).order_by("target_id", "sort_order", "pk")
    for photo in photos:
        grouped[photo.target_id].append(photo)
    return dict(grouped)


def first_photo_field(model: type[models.Model], id_field: str, field: str) -> Subquery:
    """A subquery for annotating rows with one field of the first photo of the item whose id
    is in ``id_field``: list pages show a cover picture without a query per row."""
    photos = Photo.objects.filter(
        target_type=ContentType.objects.get_for_model(model), target_id=OuterRef(id_field)
    ).order_by("sort_order", "pk")
    return Subquery(photos.values(field)[:1])
