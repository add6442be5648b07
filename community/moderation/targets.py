"""How moderation's records point at the item they are about, whatever its kind.

Reports, notices, labels, decisions and audit entries all hold the item's content type and
id; the records that must still read well once the item is deleted also keep its text
(``target_repr``). The open reports and notices about an item are looked up here too.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import Flag, IllegalContentNotice


def pointing_at(target) -> dict:
    """The fields (and lookups) by which a record points at ``target``."""
    return {"target_type": ContentType.objects.get_for_model(target), "target_id": target.pk}


def recorded_about(target) -> dict:
    """``pointing_at`` and how ``target`` read when the record was made."""
    return {**pointing_at(target), "target_repr": str(target)[:200]}


def open_flags(target) -> QuerySet[Flag]:
    """The reports about ``target`` that no moderator has decided on yet."""
    return Flag.objects.filter(**pointing_at(target), resolved_at__isnull=True)


def open_notices(target) -> QuerySet[IllegalContentNotice]:
    """The notices of illegal content about ``target`` that are not closed yet."""
    return IllegalContentNotice.objects.filter(**pointing_at(target), resolved_at__isnull=True)
