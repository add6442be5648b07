from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from community.accounts.demo_accounts import demo_accounts
from community.accounts.return_to import return_path

from .navigation import section_links


def site_frame(request):
    """Values the base template needs on every page."""
    context = {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "SHOW_DEMO_ACCOUNTS": settings.SHOW_DEMO_ACCOUNTS,
        "SECTIONS": SimpleLazyObject(section_links),
        "CAN_USE_ADMIN": SimpleLazyObject(lambda: _can_use_admin(request.user)),
        # Where "Sign in" and "Join" bring the member back to.
        "RETURN_PATH": SimpleLazyObject(lambda: return_path(request)),
    }
    if settings.SHOW_DEMO_ACCOUNTS:
        context["DEMO_ACCOUNTS"] = demo_accounts()
    return context


def _can_use_admin(user) -> bool:
    """Whether the header links to the Wagtail admin (which checks access itself).

    Remembered for a few minutes: working it out costs two queries on every page.
    """
    if not user.is_authenticated:
        return False
    return cache.get_or_set(
        f"can-use-admin:{user.pk}", lambda: user.has_perm("wagtailadmin.access_admin"), 300
    )
