"""``{% fixed_url "name" %}``: ``{% url "name" %}`` for a URL without arguments, looked up once
per process instead of on every request.

The frame's personal parts (the account menu, the bell) are made for every member on every
page, kept or not; most of their links never change. ``reverse`` depends only on the URL
configuration, the script prefix, the active language and the current application
namespace, so the link is kept under all four and comes out as ``{% url %}`` makes it.
"""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from . import quoted_argument

register = template.Library()

_links: dict[tuple, str] = {}
# Far more than the site's languages, prefixes and namespaces make; a bound all the same.
_MOST_LINKS = 2000


class FixedUrlNode(template.Node):
    def __init__(self, name: str):
        self.name = name

    def render(self, context):
        # The current application, taken as {% url %} takes it.
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        key = (
            self.name,
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            get_language(),
            current_app,
        )
        link = _links.get(key)
        if link is None:
            if len(_links) >= _MOST_LINKS:
                _links.clear()
            link = _links[key] = reverse(self.name, current_app=current_app)
        return conditional_escape(link) if context.autoescape else link


@register.tag
def fixed_url(parser, token):
    usage = '{% fixed_url "name" %} takes the name of a URL without arguments'
    _, name = quoted_argument(token, count=2, usage=usage)
    return FixedUrlNode(name)
