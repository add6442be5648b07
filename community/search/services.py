"""Writes for site search: the anonymous search log, clicks, and deflection events."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import DEFLECTION_GRACE, DeflectionEvent, SearchQueryLog

SESSION_DEFLECTIONS_KEY = "search:deflections"


def search_log_record(*, query: str, result_count: int) -> None:
    """Count one search for a normalised query today (no user, no IP address)."""
    if not query:
        return
    today = timezone.localdate()
    updated = SearchQueryLog.objects.filter(query=query, day=today).update(
        searches=F("searches") + 1, result_count=result_count
    )
    if updated:
        return
    try:
        with transaction.atomic():
            SearchQueryLog.objects.create(
                query=query, day=today, searches=1, result_count=result_count
            )
    except IntegrityError:  # another request created today's row first
        SearchQueryLog.objects.filter(query=query, day=today).update(
            searches=F("searches") + 1, result_count=result_count
        )


def search_log_click(*, query: str) -> None:
    """A result of today's search for the query was opened."""
    if query:
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
