"""What is kept only for a while, and the purges that remove it once it is old enough.

Each part of the site that keeps records about visitors for a limited time (the search log,
deflection records, sessions, rate-limit counts, the "Your data" zips) registers one purge in
its ``AppConfig.ready()`` with :func:`register_retention_purge`; ``manage.py
purge_expired_data`` (run daily by cron) runs them all. A purge is ``purge(now) -> int``: it
removes what is older than its own setting allows and says how many it removed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router

Purge = Callable[[datetime], int]

_purges: dict[str, tuple[str, Purge]] = {}


def register_retention_purge(key: str, purge: Purge, *, label: str) -> None:
    """Add a purge under ``key``; ``label`` says what it removes, for the command's report."""
    existing = _purges.get(key)
    if existing is not None and existing[1] is not purge:
        raise ValueError(f"The retention purge {key!r} is registered twice.")
    _purges[key] = (str(label), purge)


def retention_purges() -> list[tuple[str, str, Purge]]:
    """Every registered purge as (key, label, purge), in key order."""
    return [(key, label, purge) for key, (label, purge) in sorted(_purges.items())]


def sessions_purge(now: datetime) -> int:
    """Sessions past their expiry (Django's ``clearsessions``, counted)."""
    expired = Session.objects.filter(expire_date__lt=now)
    count = expired.count()
    expired.delete()
    return count


def rate_limit_counts_purge(now: datetime) -> int:
    """Rate-limit counts are kept in the cache, keyed by member or by a hash of the address,
    and each expires with its period. Memory and Redis caches drop them themselves; a database
    cache keeps expired rows until they are culled, so they are deleted here."""
    purged = 0
    for alias in caches:
        cache = caches[alias]
        if not isinstance(cache, DatabaseCache):
            continue
        connection = connections[router.db_for_write(cache.cache_model_class)]
        table = connection.ops.quote_name(cache._table)
        expired_before = connection.ops.adapt_datetimefield_value(now.replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE expires < %s", [expired_before])  # noqa: S608
            purged += max(cursor.rowcount, 0)
    return purged
