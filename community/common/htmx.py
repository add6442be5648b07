"""Server-rendered partials for htmx; every htmx action also works as a plain form post."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def partial_or_redirect(
    request: HttpRequest, *, partial: str, context: dict, redirect_to: str, message: str = ""
) -> HttpResponse:
    """htmx gets the updated fragment; a plain form post goes back to the page it came from,
    with ``message`` (if any) to say what changed, since no fragment shows it."""
    if is_htmx(request):
        return render(request, partial, context)
    if message:
        messages.success(request, message)
    return redirect(redirect_to)


def login_required(view):
    """Django's login_required, except that an htmx request sends the whole page to sign in
    (HX-Redirect) instead of swapping the sign-in page into a fragment."""
    from functools import wraps
    from urllib.parse import urlsplit

    from django.contrib.auth.decorators import login_required as django_login_required
    from django.contrib.auth.views import redirect_to_login

    plain = django_login_required(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if is_htmx(request) and not request.user.is_authenticated:
            # Back to the page the fragment was on, not to the fragment's own URL.
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            back_to = current.path + (f"?{current.query}" if current.query else "")
            back_to = back_to or request.get_full_path()
            response = HttpResponse(status=204)
            response["HX-Redirect"] = redirect_to_login(back_to)["Location"]
            return response
        return plain(request, *args, **kwargs)

    return wrapper
