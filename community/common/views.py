"""What the apps' views share: a selector's object or a 404, a member's button press
carried out by a service that may refuse, numbers read from the query string or a form, and
the answer to a member going too fast."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render

from community.common import ratelimit

#: What ``carry_out`` returns when the service refused.
REFUSED = object()

#: The largest number a request may name: ids are 32-bit on PostgreSQL (Wagtail's pages too),
#: and a larger number makes the database driver fail instead of finding nothing.
MAX_QUERY_INT = 2**31 - 1


def query_int(value) -> int | None:
    """The positive whole number (an id, a star rating) in ``value``, a query-string or form
    value such as ``?product=12``; None when there is none: not a whole number, zero or less,
    or larger than any stored id. Callers treat None as a missing value, so
    ``?product=99999999999999999999999`` means "no such product", never a database error."""
    text = str(value).strip() if isinstance(value, str | int) else ""
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_QUERY_INT))):
        return None
    number = int(text)
    return number if 0 < number <= MAX_QUERY_INT else None


def or_404(lookup, *args, **kwargs):
    """What ``lookup`` (a selector that fetches one object) returns, or a 404 when there is
    no such object."""
    try:
        return lookup(*args, **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


def show_refusal(request, error: ValidationError) -> None:
    """Show why a service refused, as one error message on the next page."""
    messages.error(request, " ".join(error.messages))


def carry_out(request, action, done_message: str):
    """Run ``action`` (a service call a member asked for with a button) and confirm it with
    ``done_message``; returns what it returned, or ``REFUSED`` when the service refused, with
    the reason shown as an error message."""
    try:
        result = action()
    except ValidationError as error:
        show_refusal(request, error)
        return REFUSED
    messages.success(request, done_message)
    return result


def rate_limited_response(
    request, refusal: ValidationError, *, template: str, context: dict | None = None
) -> HttpResponse:
    """429 Too Many Requests for a service's refusal to go faster (a ValidationError with
    code "rate_limited" and the seconds to wait in ``params["retry_after"]``): ``template``
    shows the reason as ``refusal``, and Retry-After tells clients when to try again."""
    message = " ".join(refusal.messages)
    response = render(request, template, {**(context or {}), "refusal": message})
    return ratelimit.too_many_requests(response, (refusal.params or {}).get("retry_after"))
