"""What the product list and the knowledge-base section lists share."""

from django.http import Http404


def category_chosen(request, categories, *, not_found: str):
    """The category a listing's ``?category=<slug>`` names, from ``categories`` already
    loaded; None without one, and a 404 saying ``not_found`` for an unknown slug."""
    slug = request.GET.get("category")
    if not slug:
        return None
    category = next((c for c in categories if c.slug == slug), None)
    if category is None:
        raise Http404(not_found)
    return category
