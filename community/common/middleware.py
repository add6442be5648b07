"""The ground floor's middleware: state kept for the length of one request, and a busy or
unreachable database that never costs a member their post (the answer is a 503 "try again"
page that keeps what they typed, never a bare 500)."""

from __future__ import annotations

import contextvars
import logging

from django import db
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from .transactions import (
    RETRY_AFTER_SECONDS,
    busy_refused,
    is_database_busy,
    is_database_unavailable,
)

logger = logging.getLogger(__name__)

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
        return database_refusal(request, exception)


def database_refusal(request, exception) -> HttpResponse | None:
    """The 503 "try again" page for a database that refused (busy) or could not be reached,
    holding every posted field; None for any other exception. For a middleware's own
    database work before the view (its ``process_view``), which Django passes to no
    ``process_exception``."""
    if is_database_unavailable(exception):
        # Lost or refused connections (a database restart): worth a line in the log.
        logger.warning("Database unavailable, answered 503 to %s: %s", request.path, exception)
    elif not is_database_busy(exception):
        return None
    typed = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_TYPED and not _is_secret(request, name)
        for value in values
    ]
    context = {"typed": typed, "had_files": bool(request.FILES)}
    response = TemplateResponse(request, "busy.html", context, status=503)
    try:
        response.render()
    except db.Error:  # InterfaceError is not a DatabaseError
        # The page frame reads the database (the member, the menu); when it cannot be
        # reached, the same form in a page that needs nothing but the request.
        response = TemplateResponse(request, "busy_standalone.html", context, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # it holds what the member typed
    return response


def _is_secret(request, name: str) -> bool:
    """Passwords and the like are never written back into a page: the member types them
    again. Views mark them with Django's ``sensitive_post_parameters`` (allauth does);
    names that say so count too."""
    marked = getattr(request, "sensitive_post_parameters", ())
    return (
        marked == "__ALL__"
        or name in marked
        or any(word in name.lower() for word in ("password", "secret", "token"))
    )
