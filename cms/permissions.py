"""Who may work on cms content outside the page editor. Checks raise PermissionDenied."""

from django.core.exceptions import PermissionDenied


def check_can_edit_articles(user) -> None:
    """Editors' knowledge-base reports are for those who may use the Wagtail admin."""
    if not (user.has_perm("wagtailadmin.access_admin") or user.is_superuser):
        raise PermissionDenied
