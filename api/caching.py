"""HTTP caching for the public reads: Cache-Control, ETag and Last-Modified, and 304s.

The ETag is a hash of the body, so it changes exactly when the answer does. Last-Modified is
the moment this exact body was first served (remembered in the cache under its ETag): the
answer has not changed since then, so a client holding a copy at least that recent holds
this one. Were the cache emptied, the moment starts again, which only costs a full answer.
Nothing here reads the database.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

FIRST_SEEN_SECONDS = 7 * 86400


def with_validators(request, response):
    """Give a rendered 200 answer its caching headers; a 304 when the client's copy is
    current."""
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    first_seen = cache.get_or_set(f"api:first-seen:{etag}", int(time.time()), FIRST_SEEN_SECONDS)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(first_seen)
    patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
    patch_vary_headers(response, ["Accept-Language"])
    return get_conditional_response(request, etag=etag, last_modified=first_seen, response=response)
