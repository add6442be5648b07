"""`/sitemap.xml`: the sections the apps register in their ``AppConfig.ready()``.

cms registers Wagtail's live pages ("pages"), qa its public questions ("questions"). The
sections are listed in the order they were registered, which is the order of the apps in
INSTALLED_APPS.
"""

from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

_sections: dict[str, type[Sitemap]] = {}


def register_sitemap_section(name: str, sitemap_class: type[Sitemap]) -> None:
    """Add a section to /sitemap.xml. Wagtail's view hands a ``wagtail.contrib.sitemaps``
    Sitemap the request, so its addresses use the host the sitemap was read on."""
    registered = _sections.get(name)
    if registered is not None and registered is not sitemap_class:
        raise ImproperlyConfigured(f"The sitemap has a section {name!r} already.")
    _sections[name] = sitemap_class


def sitemap_sections() -> dict[str, type[Sitemap]]:
    return dict(_sections)


def sitemap(request):
    return wagtail_sitemap(request, sitemaps=sitemap_sections())
