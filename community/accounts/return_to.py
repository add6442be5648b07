"""Where "Sign in" and "Join" bring a member back to: the page they were on.

The header's links carry it as ``next``; allauth honours it after signing in, after signing up
and after confirming the address (the confirmation link carries it too, see ``adapter``), and
refuses a ``next`` that leads off the site.
"""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme

ACCOUNT_PATHS = ("/accounts/",)


def safe_next(candidate: str | None, request) -> str:
    """``candidate`` when it is a path on this site, else empty."""
    if not candidate:
        return ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else ""


def return_path(request) -> str:
    """The path the header's "Sign in" and "Join" links come back to.

    On the account pages themselves (sign-in, sign-up, password reset) it is the ``next`` they
    were opened with, so that moving between them keeps the way back; never the account page.
    """
    if request.path.startswith(ACCOUNT_PATHS):
        return safe_next(request.GET.get("next"), request)
    return request.get_full_path()
