"""The shop's push API: it POSTs products or orders as JSON, with a shop API token.

    POST /api/v1/shop/products/   POST /api/v1/shop/orders/
    Authorization: Bearer <token>
    Content-Type: application/json

The body is a list of rows, or an object holding the list under "products" / "orders";
rows are checked exactly as the import commands check them (shop.rows). Every row is checked
before anything is written: when any row is bad the answer is 400 listing every bad row and
field, and nothing is imported. A good batch is then written in chunks of
SHOP_API_CHUNK_ROWS rows, each in a transaction of its own, so members' writes never wait
for a whole batch. Should a row still fail while it is saved, the chunks before it stay
imported and the answer (400) says how many rows were; sending the same batch again is
safe, because an import changes nothing that is already as the shop says.
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
from .rows import SPECIFICATION_SEPARATOR
from .services import (
    TokenRefused,
    feed_rows_check,
    in_chunks,
    product_import_rows,
    purchase_import_rows,
    shop_api_token_use,
)


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
        body = _body_within_limit(request)
        if body is None:
            return _error(
                413,
                "too_large",
                _("The request body is larger than %(limit)s bytes; send fewer rows at a time.")
                % {"limit": settings.SHOP_API_MAX_BODY_BYTES},
            )
        try:
            payload = json.loads(body)
        except RecursionError:
            return _error(
                400, "invalid_json", _("The request body is nested too deeply to be rows.")
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
        except ValueError as error:  # e.g. a number with more digits than Python reads
            return _error(
                400,
                "invalid_json",
                _("The request body is not valid JSON: %(reason)s") % {"reason": error},
            )
        try:
            rows = feed_rows_from_payload(payload, subject=self.subject)
        except FeedError as error:
            return _error(400, "invalid_payload", str(error))
        too_much = _too_much_work(rows)
        if too_much is not None:
            return too_much

        checked = feed_rows_check(subject=self.subject, rows=rows)
        if checked.rejected:
            return _rows_rejected(checked, total=len(rows))
        report = ImportReport(self.subject)
        for chunk in in_chunks(rows, settings.SHOP_API_CHUNK_ROWS):
            try:
                with transaction.atomic():
                    written = self._import(chunk)
                    if written.rejected:
                        raise _BatchRejected(written)  # undo this chunk, keep those before
            except _BatchRejected as rejected:
                return _rows_rejected_partway(rejected.report, imported=report, total=len(rows))
            report.merge(written)
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


def _body_within_limit(request) -> bytes | None:
    """The request body, or None when it is larger than SHOP_API_MAX_BODY_BYTES (read from
    the stream, so an announced length cannot hide a longer body)."""
    limit = settings.SHOP_API_MAX_BODY_BYTES
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = 0
    if announced > limit:
        return None
    try:
        body = request.read(limit + 1)
    except RequestDataTooBig:
        return None
    return None if len(body) > limit else body


def _too_much_work(rows) -> JsonResponse | None:
    """A 400 naming the limit when the batch asks for more work than one request may."""
    if len(rows) > settings.SHOP_API_MAX_ROWS:
        return _error(
            400,
            "too_many_rows",
            _("Send at most %(limit)s rows per request; this one has %(count)s.")
            % {"limit": settings.SHOP_API_MAX_ROWS, "count": len(rows)},
            limit=settings.SHOP_API_MAX_ROWS,
        )
    specifications = sum(_specification_count(row.values) for row in rows)
    if specifications > settings.SHOP_API_MAX_SPECIFICATIONS:
        return _error(
            400,
            "too_many_specifications",
            _(
                "Send at most %(limit)s specifications (of all products together) per request; "
                "this one has %(count)s."
            )
            % {"limit": settings.SHOP_API_MAX_SPECIFICATIONS, "count": specifications},
            limit=settings.SHOP_API_MAX_SPECIFICATIONS,
        )
    return None


def _specification_count(values) -> int:
    specifications = values.get("specifications") if isinstance(values, dict) else None
    if isinstance(specifications, list):
        return len(specifications)
    if isinstance(specifications, str):
        return specifications.count(SPECIFICATION_SEPARATOR) + 1
    return 0


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


def _rows_rejected_partway(report: ImportReport, *, imported: ImportReport, total: int):
    done = len(imported.created) + len(imported.updated) + len(imported.unchanged)
    message = ngettext(
        "A row could not be saved. The first %(done)s of %(total)s rows were imported, the "
        "others not. Fix it and send the batch again; rows already imported stay as they are.",
        "Rows could not be saved. The first %(done)s of %(total)s rows were imported, the "
        "others not. Fix them and send the batch again; rows already imported stay as they are.",
        len(report.rejected),
    ) % {"done": done, "total": total}
    return _error(
        400,
        "invalid_rows",
        message,
        errors=[rejection.as_dict() for rejection in report.rejected],
        imported={
            "created": len(imported.created),
            "updated": len(imported.updated),
            "unchanged": len(imported.unchanged),
        },
    )
