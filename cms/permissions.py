"""Who may see and work on cms content outside the page editor. Checks raise PermissionDenied,
or Http404 where existence must stay hidden."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def check_can_edit_articles(user) -> None:
    """Editors' knowledge-base reports are for those who may use the Wagtail admin."""
    if not (user.has_perm("wagtailadmin.access_admin") or user.is_superuser):
        raise PermissionDenied


def check_can_view_product(user, product) -> None:
    """A product page is there for everyone while it is live, and for no one otherwise."""
    if not product.live:
        raise Http404
