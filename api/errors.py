"""The one shape of every error under /api/v1/: ``{"error": <code>, "message": <text>}``,
with ``fields`` for a bad query parameter (and, from the shop API, ``limit``, ``errors``).

The shop's import endpoints (shop/api.py) answer in the same shape; this module turns Django
REST framework's exceptions into it for the read endpoints.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from community.common import ratelimit

#: The codes a read endpoint answers with, and when (for developers: the OpenAPI document
#: and the README list them).
ERROR_CODES = {
    "invalid_parameter": "a query parameter is malformed or out of range; `fields` says which",
    "not_found": "no public product, page or item of that name",
    "method_not_allowed": "the endpoint does not take this method",
    "rate_limited": "too many requests; `Retry-After` says how many seconds to wait",
}


def error_response(status_code: int, code: str, message: str, **extra) -> Response:
    return Response({"error": code, "message": message, **extra}, status=status_code)


def exception_handler(exc, context) -> Response | None:
    """DRF's exception handler for the public API: every refusal in the one shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args[:1])
    if isinstance(exc, exceptions.Throttled):
        response = error_response(
            status.HTTP_429_TOO_MANY_REQUESTS,
            "rate_limited",
            _("Too many requests; please wait %(seconds)s seconds.")
            % {"seconds": int(exc.wait or ratelimit.DEFAULT_RETRY_AFTER)},
        )
        return ratelimit.too_many_requests(response, int(exc.wait or 0) or None)
    if isinstance(exc, exceptions.ValidationError):
        return error_response(
            status.HTTP_400_BAD_REQUEST,
            "invalid_parameter",
            _("A query parameter is not valid."),
            fields=exc.detail if isinstance(exc.detail, dict) else {"detail": exc.detail},
        )
    if isinstance(exc, exceptions.NotFound):
        return error_response(status.HTTP_404_NOT_FOUND, "not_found", str(exc.detail))
    if isinstance(exc, exceptions.MethodNotAllowed):
        return error_response(
            status.HTTP_405_METHOD_NOT_ALLOWED, "method_not_allowed", str(exc.detail)
        )
    if isinstance(exc, exceptions.APIException):
        return error_response(exc.status_code, exc.default_code, str(exc.detail))
    return None  # a server error: Django's own 500 handling
