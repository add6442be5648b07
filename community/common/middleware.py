"""The ground floor's middleware: state kept for the length of one request, and a busy
database that never costs a member their post (the answer is a 503 "try again" page that
keeps what they typed, never a bare 500)."""

from __future__ import annotations

import contextvars

from django.http import HttpResponse
from django.template.response import TemplateResponse

from .transactions import RETRY_AFTER_SECONDS, busy_refused, is_database_busy

# Posted fields that are not something the member typed.
_NOT_TYPED = frozenset({"csrfmiddlewaretoken"})


class RequestStateMiddleware:
    """Keeps ``state`` for the request it serves: the variable starts at ``fresh`` (or what
    ``start`` makes of the request) for each request (a worker thread serves many, and one
    must not see an earlier one's value) and is put back afterwards; ``finish`` adjusts the
    response while the value still holds."""

    state: contextvars.ContextVar
    fresh = None

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = self.state.set(self.start(request))
        try:
            return self.finish(self.get_response(request))
        finally:
            self.state.reset(token)

    def start(self, request):
        return self.fresh

    def finish(self, response: HttpResponse) -> HttpResponse:
        return response


class DatabaseBusyMiddleware(RequestStateMiddleware):
    """Turns a write the database refused as busy (after ``write_transaction``'s attempts)
    into a 503 with ``Retry-After``.

    A view that showed the refusal beside its form (``DatabaseBusy`` is a ValidationError)
    has kept the member's text itself; its page only gets the status. Anywhere else the
    error reaches this middleware, which answers with a page holding every posted field in
    a form that sends them to the same address again.
    """

    state = busy_refused
    fresh = False

    def finish(self, response: HttpResponse) -> HttpResponse:
        if busy_refused.get() and not response.has_header("Location"):
            response.status_code = 503
            response.reason_phrase = "Service Unavailable"
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

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
