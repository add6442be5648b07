"""Requests per client address to the public reads, counted by the site's one rate limiter
(community.common.ratelimit), at API_RATE_LIMIT."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from community.common import ratelimit


class PerAddressThrottle(BaseThrottle):
    scope = "public-api"

    def allow_request(self, request, view) -> bool:
        decision = ratelimit.hit(
            self.scope, key=ratelimit.client_ip(request), rate=settings.API_RATE_LIMIT
        )
        self.retry_after = decision.retry_after
        return decision.allowed

    def wait(self) -> int:
        return self.retry_after
