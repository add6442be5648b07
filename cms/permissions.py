"""Who may see what in the catalogue. Checks raise Http404 where existence must stay hidden."""

from django.http import Http404


def check_can_view_product(user, product) -> None:
    """A product page is there for everyone while it is live, and for no one otherwise."""
    if not product.live:
        raise Http404
