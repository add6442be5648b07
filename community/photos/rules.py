"""How many photos one kind of post may carry (forum posts, reviews), stated once per kind and
applied both when the photos are checked and when they are attached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.functional import Promise

from community.accounts.models import User
from community.common.uploads import ImageUpload

from .models import Photo
from .services import PreparedPhoto, photos_attach, photos_prepared


@dataclass(frozen=True)
class PhotoRules:
    """One kind of post's photo limit: ``POST_PHOTOS.prepared(...)`` and ``.attach(...)``."""

    # The setting that holds the limit, read on each use (tests change it).
    limit_setting: str
    # The refusal when there are more, with %(count)s for the limit (translated when used).
    too_many: str | Promise

    def _rules(self) -> dict:
        return {"limit": getattr(settings, self.limit_setting), "too_many": str(self.too_many)}

    def prepared(self, owner: User, photos: Sequence[ImageUpload]):
        """``photos_prepared`` with this kind's limit: a ``with`` block around the write."""
        return photos_prepared(owner=owner, photos=photos, **self._rules())

    def attach(
        self, *, target: models.Model, owner: User, photos: Sequence[PreparedPhoto]
    ) -> list[Photo]:
        """``photos_attach`` with this kind's limit, counting the photos ``target`` has."""
        return photos_attach(target=target, owner=owner, photos=photos, **self._rules())
