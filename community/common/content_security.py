"""The Content-Security-Policy header (django-csp): the site's strict policy everywhere, and
the admins' looser one under their paths.

The public site runs no inline script at all (every script is a file under /static/), so a
script that slips into a page through user text cannot run. Wagtail's and Django's admins
are staff-only and use inline styles and scripts of their own; they get
CONTENT_SECURITY_POLICY_ADMIN instead of being left without a policy. A page previewed in
the Wagtail editor keeps the public policy but may be shown in the editor's frame.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = settings.CONTENT_SECURITY_POLICY_ADMIN
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(tuple(admin["PATHS"]))
        ):
            parts.config = admin["DIRECTIVES"]
        if getattr(request, "is_preview", False):  # Wagtail renders previews for its own frame
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts
