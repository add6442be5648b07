"""The shop's push API: it POSTs products or orders as JSON, with a shop API token.

    POST /api/v1/shop/products/   POST /api/v1/shop/orders/
    Authorization: Bearer <token>
    Content-Type: application/json

The body is a list of rows, or an object holding the list under "products" / "orders";
rows are checked exactly as the import commands check them (shop.rows). A batch
is all or nothing: when any row is bad the answer is 400 listing every bad row and field,
and nothing is imported. Sending the same batch again changes nothing.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from community.common import ratelimit

from .enums import FeedSubject, MissingProducts
from .feeds import FeedError, feed_rows_from_payload
from .reports import ImportReport
from .services import TokenRefused, product_import_rows, purchase_import_rows, shop_api_token_use

MAX_ROWS_PER_REQUEST = 1000


class _BatchRejected(Exception):
    def __init__(self, report: ImportReport):
        self.report = report


@method_decorator(csrf_exempt, name="dispatch")  # token authentication, no cookies
class ShopFeedView(View):
    subject: FeedSubject = FeedSubject.PRODUCTS  # set per URL in api_urls.py
    http_method_names = ["post"]

    def post(self, request):
        limits = settings.SHOP_API_RATE_LIMITS
        try:
            token = shop_api_token_use(secret=_bearer_secret(request))
        except TokenRefused as refused:
            # Wrong tokens are slowed down per address. A valid token is accepted before
            # this count is looked at, so that someone guessing from the shop's address (or
            # from behind the same proxy) never locks the shop out; with 256 random bits a
            # guess cannot succeed anyway.
            client = ratelimit.client_ip(request)
            failures = ratelimit.hit("shop-api-auth-failure", client, limits["failed_auth"])
            if not failures.allowed:
                return _too_many(failures.retry_after)
            return _unauthorized(str(refused), has_token=bool(_bearer_secret(request)))
        usage = ratelimit.hit("shop-api-token", str(token.pk), limits["token"])
        if not usage.allowed:
            return _too_many(usage.retry_after)

        if request.content_type != "application/json":
            return _error(
                415,
                "unsupported_media_type",
                _("Send the rows as JSON (Content-Type: application/json)."),
            )
        try:
            payload = json.loads(request.body)
        except RequestDataTooBig:
            return _error(
                413, "too_large", _("The request body is too large; send fewer rows at a time.")
            )
        except UnicodeDecodeError:
            return _error(400, "invalid_json", _("The request body is not UTF-8 text."))
        except json.JSONDecodeError as error:
            return _error(
                400,
                "invalid_json",
                _(
                    "The request body is not valid JSON: %(reason)s "
                    "(line %(line)s, column %(column)s)."
                )
                % {"reason": error.msg, "line": error.lineno, "column": error.colno},
            )
        try:
            rows = feed_rows_from_payload(payload, subject=self.subject)
        except FeedError as error:
            return _error(400, "invalid_payload", str(error))
        if len(rows) > MAX_ROWS_PER_REQUEST:
            return _error(
                400,
                "too_many_rows",
                _("Send at most %(limit)s rows per request; this one has %(count)s.")
                % {"limit": MAX_ROWS_PER_REQUEST, "count": len(rows)},
            )

        try:
            with transaction.atomic():
                report = self._import(rows)
                if report.rejected:
                    raise _BatchRejected(report)
        except _BatchRejected as rejected:
            return _rows_rejected(rejected.report, total=len(rows))
        return JsonResponse({"subject": self.subject.value, **report.as_dict()})

    def _import(self, rows) -> ImportReport:
        if self.subject == FeedSubject.PRODUCTS:
            # A push may carry a few products only, so the others are not "missing".
            return product_import_rows(rows=rows, missing=MissingProducts.IGNORE)
        return purchase_import_rows(rows=rows)

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = _error(405, "method_not_allowed", _("Use POST."))
        response["Allow"] = "POST"
        return response


def _bearer_secret(request) -> str:
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def _error(status: int, code: str, message: str, **extra) -> JsonResponse:
    response = JsonResponse({"error": code, "message": message, **extra}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _unauthorized(message: str, *, has_token: bool) -> JsonResponse:
    response = _error(401, "unauthorized", message)
    challenge = 'Bearer realm="shop"'
    response["WWW-Authenticate"] = f'{challenge}, error="invalid_token"' if has_token else challenge
    return response


def _too_many(retry_after: int) -> JsonResponse:
    response = _error(
        429,
        "rate_limited",
        _("Too many requests; try again in %(seconds)s seconds.") % {"seconds": retry_after},
    )
    return ratelimit.too_many_requests(response, retry_after)


def _rows_rejected(report: ImportReport, *, total: int) -> JsonResponse:
    message = ngettext(
        "%(bad)s of %(total)s row is invalid; nothing was imported. "
        "Fix it and send the batch again.",
        "%(bad)s of %(total)s rows are invalid; nothing was imported. "
        "Fix them and send the batch again.",
        total,
    ) % {"bad": len(report.rejected), "total": total}
    return _error(
        400,
        "invalid_rows",
        message,
        errors=[rejection.as_dict() for rejection in report.rejected],
    )
