"""What is kept only for a while goes when `purge_expired_data` runs."""

import os
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from community.accounts.data_export import exports_storage
from community.search.models import DeflectionEvent, SearchQueryLog

pytestmark = pytest.mark.django_db


def _purge() -> str:
    output = StringIO()
    call_command("purge_expired_data", stdout=output)
    return output.getvalue()


def test_old_search_logs_and_deflections_go_recent_ones_stay(settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 30
    settings.DEFLECTION_RETENTION_DAYS = 10
    today = timezone.localdate()
    SearchQueryLog.objects.create(query="old kettle", day=today - timedelta(days=31), searches=1)
    SearchQueryLog.objects.create(query="new kettle", day=today - timedelta(days=29), searches=1)
    old = DeflectionEvent.objects.create(query="old", target_url="/a/")
    DeflectionEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=11))
    DeflectionEvent.objects.create(query="new", target_url="/b/")

    output = _purge()

    assert list(SearchQueryLog.objects.values_list("query", flat=True)) == ["new kettle"]
    assert list(DeflectionEvent.objects.values_list("query", flat=True)) == ["new"]
    assert "search log days: 1" in output
    assert "deflection records: 1" in output


def test_expired_sessions_go_live_ones_stay():
    live = SessionStore()
    live["visits"] = 1
    live.create()
    expired = SessionStore()
    expired["visits"] = 2
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    _purge()

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_old_data_downloads_go(settings, tmp_path):
    settings.PERSONAL_DATA_EXPORT_ROOT = tmp_path / "exports"
    storage = exports_storage()
    old = storage.save("1-old.zip", ContentFile(b"zip"))
    new = storage.save("1-new.zip", ContentFile(b"zip"))
    long_ago = (
        timezone.now() - timedelta(hours=settings.PERSONAL_DATA_EXPORT_LINK_HOURS + 1)
    ).timestamp()
    os.utime(storage.path(old), (long_ago, long_ago))

    _purge()

    assert not storage.exists(old)
    assert storage.exists(new)
