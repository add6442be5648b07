from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look up ``key`` in a dict from a template: ``{{ votes|get_item:answer.pk }}``."""
    if not mapping:
        return None
    return mapping.get(key)
