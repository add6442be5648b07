"""A tiny rate limiter on Django's cache, for anything that must not be done too often.

It counts attempts per (scope, key) in tenths of the period and adds up the last ten (a
sliding window), so a limit of "1/m" means one per minute wherever the attempts fall (give or
take a tenth), not two around the turn of a minute. The cache is shared by every
app server when REDIS_URL is set, so the limit holds across servers; with the local-memory
cache each process counts for itself, which is fine for a single machine.

Counting is safe across servers: each attempt is counted with one atomic increment (Redis
``INCR``) *before* the window is read, so of attempts at the same moment on different
servers each sees the others' counts, and no more than the limit are allowed (at worst one
more is refused). When Redis does not answer, attempts are let through
(``community.common.redis_cache``): a limit is a brake, never a reason to refuse service.

    from community.common import ratelimit

    decision = ratelimit.hit("shop-api", key=str(token.pk), rate="60/m")
    if not decision.allowed:
        return ratelimit.too_many_requests(JsonResponse({...}), decision.retry_after)

`peek()` asks without counting, for limits on failures: peek before the attempt, hit only
when it failed.

Every 429 the site sends goes through ``too_many_requests``, so it carries ``Retry-After``;
``RetryAfterMiddleware`` adds it to 429s built elsewhere (a form refused by the trust rules,
allauth's limits), with the wait of the refusal this request met.

Rates are written "<count>/<period>", the period being s, m, h or d with an optional
multiplier: "60/m", "10/5m", "1000/d".
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import ipaddress
import math
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .middleware import RequestStateMiddleware

#: The wait a 429 advertises when the refusal came from a limiter that does not say
#: (allauth's sign-in and sign-up limits).
DEFAULT_RETRY_AFTER = 60


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, for limits per address. Behind a proxy or load balancer the
    socket's address is the proxy's; TRUSTED_PROXY_COUNT says how many proxies to look
    through in X-Forwarded-For (the same rule django-allauth applies to sign-in limits, see
    ``community.accounts.adapter``). An IPv6 address counts as its /64 network, as allauth
    counts it: one subscriber usually holds a whole /64 and could otherwise switch at will."""
    from allauth import app_settings as allauth_settings
    from allauth.account.adapter import get_adapter

    try:
        address = ipaddress.ip_address(get_adapter(request).get_client_ip(request))
    except (PermissionDenied, ValueError):  # no usable address (a test client, a broken proxy)
        return "unknown"
    if address.version == 6:
        prefix = allauth_settings.RATE_LIMIT_IPV6_PREFIX
        return str(ipaddress.IPv6Network(f"{address}/{prefix}", strict=False).network_address)
    return str(address)


# The wait of the refusal the current request met, for RetryAfterMiddleware.
_refused_for: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "ratelimit_refused_for", default=None
)


def too_many_requests(response: HttpResponse, retry_after: int | None = None) -> HttpResponse:
    """Make ``response`` a 429 that says when to try again: ``retry_after`` seconds, else the
    wait of the refusal this request met, else DEFAULT_RETRY_AFTER. Every 429 ends here."""
    seconds = retry_after or _refused_for.get() or DEFAULT_RETRY_AFTER
    response.status_code = 429
    response["Retry-After"] = str(max(int(seconds), 1))
    return response


class RetryAfterMiddleware(RequestStateMiddleware):
    """Every 429 carries Retry-After, also those built as a form page with ``status=429`` or
    by allauth, which know nothing of the header."""

    state = _refused_for  # each request starts without an earlier refusal

    def finish(self, response: HttpResponse) -> HttpResponse:
        if response.status_code == 429 and not response.has_header("Retry-After"):
            too_many_requests(response)
        return response


_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: How many slices a period is counted in: the limit holds to within one slice.
_SLICES = 10


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
    retry_after: int  # seconds until another attempt would be allowed


def hit(scope: str, key: str, rate: str | Rate) -> Decision:
    """Count one attempt and say whether it is within the rate. A refused attempt is not
    counted, so trying again too early does not push the wait further out."""
    parsed = Rate.parse(rate)
    window = _Window.now(scope, key, parsed)
    # add() only sets a missing key, so concurrent first attempts do not reset each other.
    cache.add(window.current_key, 0, timeout=window.lifetime)
    try:
        cache.incr(window.current_key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(window.current_key, 1, timeout=window.lifetime)
    counts = window.counts()
    if sum(counts) > parsed.limit:
        # A refused attempt is not counted; a key that expired meanwhile has nothing to undo.
        with contextlib.suppress(ValueError):
            cache.decr(window.current_key)
        counts[-1] -= 1
        return _decided(allowed=False, remaining=0, wait=window.wait(counts))
    return _decided(allowed=True, remaining=parsed.limit - sum(counts), wait=0)


def peek(scope: str, key: str, rate: str | Rate) -> Decision:
    """Say whether another attempt would be within the rate, without counting one."""
    parsed = Rate.parse(rate)
    window = _Window.now(scope, key, parsed)
    counts = window.counts()
    if sum(counts) >= parsed.limit:
        return _decided(allowed=False, remaining=0, wait=window.wait(counts))
    return _decided(allowed=True, remaining=parsed.limit - sum(counts), wait=0)


def _decided(*, allowed: bool, remaining: int, wait: int) -> Decision:
    if not allowed:
        _refused_for.set(max(wait, _refused_for.get() or 0))
    return Decision(allowed=allowed, remaining=max(remaining, 0), retry_after=wait)


@dataclass(frozen=True)
class _Window:
    """The last period for one (scope, key, rate), as the slices it is counted in."""

    rate: Rate
    prefix: str
    slice: int  # the number of the slice ``now`` falls in
    moment: float

    @classmethod
    def now(cls, scope: str, key: str, rate: Rate) -> _Window:
        now = time.time()
        # Keys may hold anything (IP addresses, e-mail addresses); hash them to a safe length.
        digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
        return cls(rate, f"ratelimit:{digest}:{rate.seconds}", int(now // _slice(rate)), now)

    @property
    def current_key(self) -> str:
        return f"{self.prefix}:{self.slice}"

    @property
    def lifetime(self) -> int:
        """Seconds a slice's count is needed: until it has slid out of the period."""
        return math.ceil(self.rate.seconds + _slice(self.rate)) + 1

    def counts(self) -> list[int]:
        """The attempts in each slice of the period, oldest first."""
        numbers = range(self.slice - _SLICES + 1, self.slice + 1)
        found = cache.get_many([f"{self.prefix}:{number}" for number in numbers])
        return [found.get(f"{self.prefix}:{number}", 0) for number in numbers]

    def wait(self, counts: list[int]) -> int:
        """Whole seconds until one more attempt fits, given the counts without it."""
        left = sum(counts)
        for age, count in enumerate(counts):
            left -= count
            if left < self.rate.limit:
                # The slice slides out of the period when the slice ``age + 1`` after now begins.
                ends = (self.slice + age + 1) * _slice(self.rate)
                return max(math.ceil(ends - self.moment), 1)
        return 1


def _slice(rate: Rate) -> float:
    return rate.seconds / _SLICES
