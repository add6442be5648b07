"""What is kept only for a while, and the purges that remove it once it is old enough.
Rate-limit counts need none: each expires in the cache with its period.

Each part of the site that keeps records about visitors for a limited time (the search log,
deflection records, sessions, the "Your data" zips) registers one purge in
its ``AppConfig.ready()`` with :func:`register_retention_purge`; ``manage.py
purge_expired_data`` (run daily by cron) runs them all. A purge is ``purge(now) -> int``: it
removes what is older than its own setting allows and says how many it removed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.sessions.models import Session

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
    deleted, _by_model = Session.objects.filter(expire_date__lt=now).delete()
    return deleted
