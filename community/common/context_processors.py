from django.conf import settings
from django.utils.functional import SimpleLazyObject

from community.accounts.demo_accounts import demo_accounts
from community.accounts.member_summary import member_summary
from community.accounts.return_to import return_path

from .navigation import section_links


def site_frame(request):
    """Values the base template needs on every page."""
    context = {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "SHOW_DEMO_ACCOUNTS": settings.SHOW_DEMO_ACCOUNTS,
        "SECTIONS": SimpleLazyObject(section_links),
        # Whether the header links to the Wagtail admin (which checks access itself).
        "CAN_USE_ADMIN": SimpleLazyObject(lambda: member_summary(request).can_use_admin),
        # Where "Sign in" and "Join" bring the member back to.
        "RETURN_PATH": SimpleLazyObject(lambda: return_path(request)),
    }
    if settings.SHOW_DEMO_ACCOUNTS:
        context["DEMO_ACCOUNTS"] = demo_accounts()
    return context
