import PIL.Image
from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """What every part of the site shares: base models, markup, uploads, health check."""

    name = "community.common"
    label = "common"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate
        from django.urls import register_converter
        from wagtail.models import Page
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from .converters import IdConverter
        from .navigation import forget_section_pages
        from .page_cache import ignore_writes_to, watch_writes
        from .retention import register_retention_purge, sessions_purge
        from .site_identity import site_identity_after_migrate
        from .tasks import run_after_responses

        # Before any app's URLs are read: they name row ids as <id:pk>.
        register_converter(IdConverter, "id")

        # Pillow's own decompression-bomb limit matches ours (it covers editors' images too).
        PIL.Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_PIXELS

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(forget_section_pages, dispatch_uid=f"navigation-{id(signal)}")
        post_delete.connect(forget_section_pages, sender=Page, dispatch_uid="navigation-delete")

        watch_writes()
        run_after_responses()
        ignore_writes_to(*_queue_models())
        register_retention_purge("sessions", sessions_purge, label=_("expired sessions"))
        # Whichever of this and django.contrib.sites' own handler runs first, the Site ends
        # up with our name and domain (theirs only creates one when there is none).
        post_migrate.connect(site_identity_after_migrate, dispatch_uid="site-identity")


def _queue_models():
    """The task queue's rows: queued and finished work, shown on no visitor page."""
    from django_tasks_db.models import DBTaskResult

    return [DBTaskResult]
