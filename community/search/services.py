"""Writes for site search: the anonymous search log, clicks, and deflection events."""

from __future__ import annotations

import threading
import time
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import DEFLECTION_GRACE, DeflectionEvent, SearchQueryLog

SESSION_DEFLECTIONS_KEY = "search:deflections"


# Searches counted in this process and not yet written: (day, query) -> [searches, results].
# A search page never waits for the database's write lock; the counts are written together
# once the response has gone out (search_log_flush_when_due, on request_finished).
_pending: dict[tuple[date, str], list[int]] = {}
_pending_lock = threading.Lock()
_last_flush = time.monotonic()


def search_log_record(*, query: str, result_count: int) -> None:
    """Count one search for a normalised query today (no user, no IP address)."""
    if not query:
        return
    with _pending_lock:
        counts = _pending.setdefault((timezone.localdate(), query), [0, 0])
        counts[0] += 1
        counts[1] = result_count


def search_log_flush_when_due(**kwargs) -> None:
    """After a response: write the counted searches every SEARCH_LOG_FLUSH_SECONDS."""
    if _pending and time.monotonic() - _last_flush >= settings.SEARCH_LOG_FLUSH_SECONDS:
        search_log_flush()


def search_log_flush() -> int:
    """Write the searches this process has counted; how many (day, query) rows it touched."""
    global _last_flush
    with _pending_lock:
        pending = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    for (day, query), (searches, result_count) in pending.items():
        _search_log_add(day=day, query=query, searches=searches, result_count=result_count)
    return len(pending)


def _search_log_add(*, day: date, query: str, searches: int, result_count: int) -> None:
    counted = {"searches": F("searches") + searches, "result_count": result_count}
    if SearchQueryLog.objects.filter(query=query, day=day).update(**counted):
        return
    try:
        with transaction.atomic():
            SearchQueryLog.objects.create(
                query=query, day=day, searches=searches, result_count=result_count
            )
    except IntegrityError:  # another process created the day's row first
        SearchQueryLog.objects.filter(query=query, day=day).update(**counted)


def search_log_click(*, query: str) -> None:
    """A result of today's search for the query was opened."""
    if query:
        if (timezone.localdate(), query) in _pending:
            search_log_flush()  # the search's own row first, or the click would find none
        SearchQueryLog.objects.filter(query=query, day=timezone.localdate()).update(
            clicks=F("clicks") + 1
        )


def search_log_mark_handled(*, query: str) -> int:
    """Staff wrote content for the query: drop it from the content-gaps report."""
    return SearchQueryLog.objects.filter(query=query, handled=False).update(handled=True)


def deflection_record(*, session, query: str, target_url: str) -> DeflectionEvent:
    """A suggestion was opened from the ask form; remember it in the visitor's session only,
    so that posting the question anyway can cancel it. Only a session the visitor already has
    (every signed-in member has one, and only members can ask) is written: an anonymous
    request never creates a session row."""
    event = DeflectionEvent.objects.create(query=query[:200], target_url=target_url[:300])
    if session.session_key is None:
        return event
    pending = list(session.get(SESSION_DEFLECTIONS_KEY, []))[-20:]
    pending.append(event.pk)
    session[SESSION_DEFLECTIONS_KEY] = pending
    return event


def deflection_cancel_for_session(*, session) -> int:
    """The visitor posted a question after all: their recent suggestions did not deflect it."""
    pending = session.pop(SESSION_DEFLECTIONS_KEY, [])
    if not pending:
        return 0
    since = timezone.now() - DEFLECTION_GRACE
    return DeflectionEvent.objects.filter(pk__in=pending, created_at__gte=since).update(
        asked_anyway=True
    )
