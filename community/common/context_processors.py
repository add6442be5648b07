from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import section_links


def site_frame(request):
    """Values the base template needs on every page."""
    context = {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "SHOW_DEMO_ACCOUNTS": settings.SHOW_DEMO_ACCOUNTS,
        "SECTIONS": SimpleLazyObject(section_links),
    }
    if settings.SHOW_DEMO_ACCOUNTS:
        from community.accounts.demo import DEMO_ACCOUNTS

        context["DEMO_ACCOUNTS"] = DEMO_ACCOUNTS
    return context
