"""Pages of a list: ``?page=2&page_size=20``; the answer says how many there are in all.

Page and size are checked before anything is read (400 ``invalid_parameter`` when malformed;
404 ``not_found`` for a page past the last), and the list is counted and sliced in the
database, so a page costs two queries however long the list.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import BasePagination
from rest_framework.response import Response


class PageQuery(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1)

    def validate_page_size(self, value: int) -> int:
        if value > settings.API_MAX_PAGE_SIZE:
            raise serializers.ValidationError(
                _("At most %(limit)s per page.") % {"limit": settings.API_MAX_PAGE_SIZE}
            )
        return value


class PageNumbers(BasePagination):
    def paginate(self, items, *, page: int, page_size: int | None) -> list:
        """The items of one page (a queryset or a list)."""
        self.page_size = page_size or settings.API_PAGE_SIZE
        self.page = page
        self.count = len(items) if isinstance(items, list) else items.count()
        self.pages = max(math.ceil(self.count / self.page_size), 1)
        if page > self.pages:
            raise exceptions.NotFound(_("There is no page %(page)s.") % {"page": page})
        start = (page - 1) * self.page_size
        return list(items[start : start + self.page_size])

    def paginate_queryset(self, queryset, request, view=None):  # pragma: no cover - unused
        raise NotImplementedError("Call paginate() with the checked page and size.")

    def get_paginated_response(self, results) -> Response:
        return Response(
            {
                "count": self.count,
                "page": self.page,
                "pages": self.pages,
                "page_size": self.page_size,
                "results": results,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "page", "pages", "page_size", "results"],
            "properties": {
                "count": {"type": "integer", "description": "items in all pages"},
                "page": {"type": "integer"},
                "pages": {"type": "integer"},
                "page_size": {"type": "integer"},
                "results": schema,
            },
        }
