"""Cross-origin reads for the shops' own pages: only origins in API_ALLOWED_ORIGINS.

The read API and the widget's data are public, but a browser only lets another site's script
read them when the answer names that site's origin. The few headers are set here rather than
by a package: the public read endpoints take GET only, with no credentials, so a preflight
(OPTIONS) only needs to allow the conditional-request headers.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_vary_headers

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
ALLOWED_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After"
PREFLIGHT_MAX_AGE = 86400


def origin_allowed(origin: str | None) -> bool:
    return bool(origin) and origin in settings.API_ALLOWED_ORIGINS


def add_cors_headers(request, response):
    """Name the request's origin in ``response`` when it is allowed; nothing otherwise (the
    browser then keeps the answer from the page). Varies by Origin either way, so a shared
    cache never hands one origin's answer to another."""
    patch_vary_headers(response, ["Origin"])
    origin = request.headers.get("Origin")
    if not origin_allowed(origin):
        return response
    response["Access-Control-Allow-Origin"] = origin
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    if request.method == "OPTIONS":
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response
