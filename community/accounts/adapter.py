"""allauth's adapter with the site's two rules on client addresses.

- Behind proxies, the visitor's address is the TRUSTED_PROXY_COUNT-th entry from the right of
  X-Forwarded-For. A request whose header is shorter did not come through the proxies (or the
  count is set too high): allauth stops with ImproperlyConfigured, a 500 on every page; here
  the nearest peer's address is used instead, the one address no client can forge.
- Failed sign-ins are counted per account *and* address ("key" in ACCOUNT_RATE_LIMITS'
  "login_failed"), so a stranger guessing a member's password locks out only their own
  address, never the member signing in from elsewhere.
- The address-confirmation link carries the ``next`` the member signed up with, so that
  confirming (even in another browser) brings them back to the page they came from.
- allauth's own e-mails (address confirmation, password reset) go out in the member's
  language when they have chosen one, else in the language of the page that asked for them.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import get_next_redirect_url
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.utils import translation

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            logger.warning(
                "X-Forwarded-For has fewer addresses than TRUSTED_PROXY_COUNT; "
                "limiting by the connecting address instead."
            )
            try:
                return str(ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")))
            except ValueError:
                raise PermissionDenied("Unable to determine client IP address") from None

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys its "login_failed" limit per key with this (site and login name);
        # adding the address makes that limit per account and address together.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        url = super().get_email_confirmation_url(request, emailconfirmation)
        next_url = get_next_redirect_url(request) if request is not None else None
        if next_url:
            url = f"{url}?{urlencode({'next': next_url})}"
        return url

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        language = getattr(context.get("user"), "language", "")
        if not language:
            return super().send_mail(template_prefix, email, context)
        with translation.override(language):
            return super().send_mail(template_prefix, email, context)
