"""The Sites framework's one Site carries the site's own name and address.

allauth (and anything else that asks ``get_current_site``) writes the Site's name and domain
into e-mails and pages; Django creates it as "example.com". The name comes from ``SITE_NAME``
and the domain from ``SITE_URL``: a data migration sets them once, and every ``migrate``
brings them in line again, so changing either setting and migrating (as every deploy does)
is enough.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.color import no_style
from django.db import connections


def site_domain() -> str:
    """The host (and port, when it has one) of ``SITE_URL``: ``community.example.com``."""
    return urlsplit(settings.SITE_URL).netloc or settings.SITE_URL


def site_identity_sync(site_model, using: str = "default") -> None:
    """Give the current Site the site's name and domain (``site_model`` may be historical)."""
    name = settings.WAGTAIL_SITE_NAME[:50]
    domain = site_domain()[:100]
    site, created = site_model.objects.using(using).get_or_create(
        pk=settings.SITE_ID, defaults={"name": name, "domain": domain}
    )
    if created:
        # The row was made with its id given, as Django's own default site is: reset the id
        # sequence the same way, so a later Site made without one does not collide.
        sequence_sql = connections[using].ops.sequence_reset_sql(no_style(), [site_model])
        with connections[using].cursor() as cursor:
            for statement in sequence_sql:
                cursor.execute(statement)
    elif (site.name, site.domain) != (name, domain):
        site.name, site.domain = name, domain
        site.save(update_fields=["name", "domain"], using=using)
    # Site.objects caches the current site per process; forget it after a change.
    clear_cache = getattr(site_model.objects, "clear_cache", None)
    if clear_cache is not None:
        clear_cache()


def site_identity_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate: after the sites app made its default Site, give it our name and domain."""
    from django.contrib.sites.models import Site
    from django.db import router

    if sender.label != "sites" or not router.allow_migrate_model(using, Site):
        return
    site_identity_sync(Site, using=using)
