"""How long site search keeps what visitors typed: the search log (per query and day) and the
suggestions opened from the ask form. Purged by ``purge_expired_data``."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.common.retention import register_retention_purge

from .models import DeflectionEvent, SearchQueryLog


def search_log_purge(now: datetime) -> int:
    # The log's days are the site's local days.
    oldest = timezone.localdate(now) - timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    purged, _rows = SearchQueryLog.objects.filter(day__lt=oldest).delete()
    return purged


def deflections_purge(now: datetime) -> int:
    oldest = now - timedelta(days=settings.DEFLECTION_RETENTION_DAYS)
    purged, _rows = DeflectionEvent.objects.filter(created_at__lt=oldest).delete()
    return purged


def register() -> None:
    register_retention_purge("search-log", search_log_purge, label=_("search log days"))
    register_retention_purge("deflections", deflections_purge, label=_("deflection records"))
