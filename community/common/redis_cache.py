"""The Redis cache that the site keeps serving without.

With ``REDIS_URL`` set, every app server shares one Redis: the cache, the rate limits'
counts and the cached copy of each session live there, so two servers behave as one.
Redis is a help, never a requirement: when it does not answer, this backend logs it once
and behaves like Django's dummy cache, which forgets everything at once: every read is a
miss and every write is dropped (``add`` "succeeds"), so pages are worked out
from the database, sessions are read from their database rows (``cached_db``) and rate
limits let attempts through (failing open) until Redis is back.

Two things make the return safe and quick:

- After a failure the process leaves Redis alone for ``RETRY_SECONDS`` (a host that drops
  packets would otherwise cost every cache call a connect timeout), then tries again.
- A write that could not reach Redis leaves an old value there (a session since signed out
  of, a count since changed). The keys of such writes are remembered and deleted
  as soon as Redis answers again, before anything else is asked of it; deleting a cached
  value is always safe. When too many pile up to remember, every key of the site's prefix
  is deleted instead.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

#: Seconds a process leaves Redis alone after it failed to answer.
RETRY_SECONDS = 5.0
#: Keys of failed writes remembered for deletion; beyond this, the whole prefix is deleted.
MAX_REMEMBERED_KEYS = 10_000


def _unavailable(miss):
    """Run the method; when Redis does not answer, return ``miss(self, *args, **kwargs)``."""

    def decorate(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            if not self._redis_usable():
                return miss(self, *args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except RedisError as error:
                self._redis_failed(error)
                return miss(self, *args, **kwargs)
            if self._failing:
                self._failing = False
                logger.warning("Redis answers again: the shared cache is back in use.")
            return result

        return guarded

    return decorate


def _not_stored(self, *args, **kwargs):
    return False


def _added(self, *args, **kwargs):
    # A cache that forgets at once takes every add(): callers that use add() as a lock (the
    # sign-in limits' counts in django-allauth) go on instead of waiting for it.
    return True


def _default(self, key, default=None, version=None):
    return default


def _no_values(self, keys, version=None):
    return {}


def _write_lost(self, key, *args, version=None, **kwargs):
    self._remember_stale([key], version)
    return False


def _writes_lost(self, keys_or_data, *args, version=None, **kwargs):
    self._remember_stale(list(keys_or_data), version)
    return list(keys_or_data) if isinstance(keys_or_data, dict) else None


def _counter_missing(self, key, delta=1, version=None):
    # As for a key that is not there: callers (community.common.ratelimit) start a new count.
    raise ValueError(f"Key {key!r} not found (Redis does not answer).")


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, which errors become misses for (module docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._lock = threading.Lock()
        self._down_until = 0.0  # monotonic time before which Redis is not asked
        self._failing = False  # the last call failed (logged once, until one succeeds)
        self._stale: set[tuple[str, int | None]] = set()
        self._stale_overflow = False

    # Reads: a miss. ``add`` and ``touch`` change nothing that was there.
    get = _unavailable(_default)(RedisCache.get)
    get_many = _unavailable(_no_values)(RedisCache.get_many)
    has_key = _unavailable(_not_stored)(RedisCache.has_key)
    incr = _unavailable(_counter_missing)(RedisCache.incr)
    add = _unavailable(_added)(RedisCache.add)
    touch = _unavailable(_not_stored)(RedisCache.touch)
    # Writes that replace or remove a value: dropped, and their keys deleted once Redis is back.
    set = _unavailable(_write_lost)(RedisCache.set)
    delete = _unavailable(_write_lost)(RedisCache.delete)
    set_many = _unavailable(_writes_lost)(RedisCache.set_many)
    delete_many = _unavailable(_writes_lost)(RedisCache.delete_many)
    clear = _unavailable(_not_stored)(RedisCache.clear)

    def get_or_set(self, key, default, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's own asks Redis again after add(); while Redis is away that would work out
        # ``default`` and then still answer from the (failed) read. Same result, one call less.
        value = self.get(key, self._missing_key, version=version)
        if value is self._missing_key:
            value = default() if callable(default) else default
            self.add(key, value, timeout=timeout, version=version)
        return value

    def ping(self) -> None:
        """Ask Redis itself, past the outage guard (for `/healthz`): raises when it does not
        answer, where every other call would quietly serve as if the cache were empty."""
        self._cache.get_client(None).ping()

    def _redis_usable(self) -> bool:
        """Whether to ask Redis now; when it has just come back, first delete what went
        stale while it was away."""
        if time.monotonic() < self._down_until:
            return False
        if not self._stale and not self._stale_overflow:  # the usual case: no lock taken
            return True
        with self._lock:
            stale, overflow = self._stale, self._stale_overflow
            self._stale, self._stale_overflow = set(), False
        if not stale and not overflow:
            return True
        try:
            self._delete_stale(stale, overflow)
        except RedisError as error:
            with self._lock:
                self._stale |= stale
                self._stale_overflow |= overflow
            self._redis_failed(error)
            return False
        logger.warning("Redis answers again: %d stale cache keys deleted.", len(stale))
        return True

    def _delete_stale(self, stale: set[tuple[str, int | None]], overflow: bool) -> None:
        client = self._cache.get_client(None, write=True)
        if overflow:  # every key this site's cache made (default key function: prefix:version:key)
            pattern = f"{self.key_prefix}:*" if self.key_prefix else "*"
            for key in client.scan_iter(match=pattern, count=1000):
                client.delete(key)
            return
        keys = [self.make_and_validate_key(key, version=version) for key, version in stale]
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])

    def _redis_failed(self, error: Exception) -> None:
        with self._lock:
            self._down_until = time.monotonic() + RETRY_SECONDS
            first, self._failing = not self._failing, True
        if first:
            logger.error(
                "Redis does not answer (%s): serving without the shared cache; trying "
                "again every %d seconds.",
                error,
                RETRY_SECONDS,
            )

    def _remember_stale(self, keys: list[str], version: int | None) -> None:
        with self._lock:
            if self._stale_overflow:
                return
            self._stale.update((key, version) for key in keys)
            if len(self._stale) > MAX_REMEMBERED_KEYS:
                self._stale, self._stale_overflow = set(), True
