"""`GET /healthz` for load balancers and uptime checks: each dependency and how it answers,
as JSON, with a 503 when one fails (README, "Health check").

Every call is cheap and the same size: one ``SELECT 1``, one cache read, one look for a key
in the media storage (with a short timeout), and with the database task backend one query
for the queue's depth and its oldest task. Nothing is written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import connection
from django.db.models import Case, Count, F, Min, When
from django.dispatch import receiver
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

#: How long the storage check waits for object storage, in seconds (one attempt).
STORAGE_TIMEOUT_SECONDS = 2
# Looked for, never written: whether it exists does not matter, only that storage answers.
_PROBE_KEY = "healthz-probe"
_CACHE_PROBE_KEY = "healthz:probe"


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok", "vendor": connection.vendor}


def _cache() -> dict:
    # The Redis cache serves through an outage as if it were empty, so a read would pass
    # then: it is asked directly. Other backends fail their read.
    ping = getattr(caches["default"], "ping", None)
    if ping is not None:
        ping()
    else:
        cache.get(_CACHE_PROBE_KEY)
    return {"status": "ok", "backend": type(caches["default"]).__name__}


def _storage() -> dict:
    storage = _probe_storage()
    storage.exists(_PROBE_KEY)
    return {"status": "ok", "backend": type(storage).__name__}


def _tasks() -> dict:
    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        # Tasks run inside the web process that enqueued them: there is no queue to wait in.
        return {"status": "ok", "backend": "in-process"}
    # A task waits from when it could first run: when it was queued, or its run_after.
    queued = DBTaskResult.objects.ready().filter(backend_name=backend.alias)
    found = queued.aggregate(
        depth=Count("pk"),
        oldest=Min(
            Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        ),
    )
    oldest = found["oldest"]
    return {
        "status": "ok",
        "backend": "database",
        "queued": found["depth"],
        "oldest_queued_seconds": (
            max(round((timezone.now() - oldest).total_seconds()), 0) if oldest else None
        ),
    }


CHECKS: dict[str, Callable[[], dict]] = {
    "database": _database,
    "cache": _cache,
    "storage": _storage,
    "tasks": _tasks,
}


@never_cache
@require_GET
def healthz(request):
    report: dict = {}
    failed = []
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure is an answer here, not a 500
            logger.warning("Health check: %s fails: %s", name, error, exc_info=True)
            report[name] = {"status": "unavailable"}
            failed.append(name)
    if failed:
        return JsonResponse({"status": "error", "failed": failed, **report}, status=503)
    return JsonResponse({"status": "ok", **report})


_probe: dict = {}  # the quick object storage, made once (per STORAGES setting)


def _probe_storage():
    """The media storage; for object storage, one that asks once with a short timeout
    rather than with the patience (and retries) uploads get."""
    default = settings.STORAGES["default"]
    options = default.get("OPTIONS", {})
    if "client_config" not in options:
        return storages["default"]
    if "storage" not in _probe:
        from botocore.config import Config

        quick = options["client_config"].merge(
            Config(
                connect_timeout=STORAGE_TIMEOUT_SECONDS,
                read_timeout=STORAGE_TIMEOUT_SECONDS,
                retries={"mode": "standard", "total_max_attempts": 1},
            )
        )
        _probe["storage"] = storages.create_storage(
            {**default, "OPTIONS": {**options, "client_config": quick}}
        )
    return _probe["storage"]


@receiver(setting_changed)
def _probe_forget(*, setting, **kwargs):
    if setting == "STORAGES":
        _probe.clear()
