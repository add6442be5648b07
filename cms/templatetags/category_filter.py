"""The row of category links above a listing page: a knowledge-base section, the product index."""

from django import template

register = template.Library()


@register.inclusion_tag("cms/includes/category_filter.html", takes_context=True)
def category_filter(context, label, all_label, count, all_count=None):
    """Links to the page's listing unfiltered and by each of its `categories`, the current
    `category` marked. `count` names the attribute in which the view put each category's
    number of items; `all_count`, when given, stands next to the unfiltered link."""
    return {
        "request": context.get("request"),
        "page": context["page"],
        "category": context.get("category"),
        "label": label,
        "all_label": all_label,
        "all_count": all_count,
        "choices": [(choice, getattr(choice, count)) for choice in context.get("categories", ())],
    }
