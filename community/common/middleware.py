"""A busy database never costs a member their post: the answer is a 503 "try again" page
that keeps what they typed, never a bare 500."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.response import TemplateResponse

from .transactions import RETRY_AFTER_SECONDS, busy_refused, is_database_busy

# Posted fields that are not something the member typed.
_NOT_TYPED = frozenset({"csrfmiddlewaretoken"})


class DatabaseBusyMiddleware:
    """Turns a write the database refused as busy (after ``write_transaction``'s attempts)
    into a 503 with ``Retry-After``.

    A view that showed the refusal beside its form (``DatabaseBusy`` is a ValidationError)
    has kept the member's text itself; its page only gets the status. Anywhere else the
    error reaches this middleware, which answers with a page holding every posted field in
    a form that sends them to the same address again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = busy_refused.set(False)
        try:
            response = self.get_response(request)
            if busy_refused.get() and not response.has_header("Location"):
                response.status_code = 503
                response.reason_phrase = "Service Unavailable"
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        finally:
            busy_refused.reset(token)

    def process_exception(self, request, exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        typed = [
            (name, value)
            for name, values in request.POST.lists()
            if name not in _NOT_TYPED
            for value in values
        ]
        response = TemplateResponse(
            request,
            "busy.html",
            {"typed": typed, "had_files": bool(request.FILES)},
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
