"""A tiny rate limiter on Django's cache, for anything that must not be done too often.

It counts attempts per (scope, key) in fixed time windows. The cache is shared by every
app server when REDIS_URL is set, so the limit holds across servers; with the local-memory
cache each process counts for itself, which is fine for a single machine.

    from community.common import ratelimit

    decision = ratelimit.hit("shop-api", key=str(token.pk), rate="60/m")
    if not decision.allowed:
        response = JsonResponse({...}, status=429)
        response["Retry-After"] = str(decision.retry_after)

`peek()` asks without counting, for limits on failures: peek before the attempt, hit only
when it failed.

Rates are written "<count>/<period>", the period being s, m, h or d with an optional
multiplier: "60/m", "10/5m", "1000/d".
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, for limits per address. Behind a proxy or load balancer the
    socket's address is the proxy's; TRUSTED_PROXY_COUNT says how many proxies to look
    through in X-Forwarded-For (the same rule django-allauth applies to sign-in limits)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # no address at all (a test client, a broken proxy)
        return "unknown"


_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int

    @classmethod
    def parse(cls, text: str | Rate) -> Rate:
        if isinstance(text, Rate):
            return text
        match = _RATE.match(text)
        if not match:
            raise ValueError(f"Not a rate: {text!r} (write it like '60/m' or '10/5m').")
        count, multiplier, unit = match.groups()
        return cls(limit=int(count), seconds=int(multiplier or 1) * _UNIT_SECONDS[unit])


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: int  # seconds until the current window ends


def hit(scope: str, key: str, rate: str | Rate) -> Decision:
    """Count one attempt and say whether it is within the rate."""
    parsed = Rate.parse(rate)
    cache_key, retry_after = _window(scope, key, parsed)
    # add() only sets a missing key, so concurrent first attempts do not reset each other.
    cache.add(cache_key, 0, timeout=retry_after + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(cache_key, 1, timeout=retry_after + 1)
        count = 1
    return Decision(
        allowed=count <= parsed.limit,
        remaining=max(parsed.limit - count, 0),
        retry_after=retry_after,
    )


def peek(scope: str, key: str, rate: str | Rate) -> Decision:
    """Say whether another attempt would be within the rate, without counting one."""
    parsed = Rate.parse(rate)
    cache_key, retry_after = _window(scope, key, parsed)
    count = cache.get(cache_key, 0)
    return Decision(
        allowed=count < parsed.limit,
        remaining=max(parsed.limit - count, 0),
        retry_after=retry_after,
    )


def _window(scope: str, key: str, rate: Rate) -> tuple[str, int]:
    now = time.time()
    window = int(now // rate.seconds)
    retry_after = max(int((window + 1) * rate.seconds - now), 1)
    # Keys may hold anything (IP addresses, e-mail addresses); hash them to a safe length.
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{digest}:{rate.seconds}:{window}", retry_after
