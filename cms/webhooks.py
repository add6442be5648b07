"""What cms tells the shop's webhook endpoints: a knowledge-base article was published.

Editors publish in Wagtail's admin (or by a scheduled publication), so this listens to
Wagtail's ``page_published`` signal, the one moment every way of publishing passes.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published

from community.notifications.mail import absolute
from community.webhooks.events import webhook_event_send
from community.webhooks.registry import register_event

from .knowledge_base import ArticlePage

ARTICLE_PUBLISHED = "article.published"


def article_published(sender, instance, **kwargs) -> None:
    if instance.get_view_restrictions().exists():
        return  # not public
    webhook_event_send(
        event=ARTICLE_PUBLISHED,
        payload={
            "article": {
                "id": instance.pk,
                "title": instance.title,
                "summary": instance.summary,
                "url": absolute(instance.url),
                "first_published": instance.first_published_at == instance.last_published_at,
                "products": list(instance.products.values_list("sku", flat=True)),
            }
        },
    )


def register() -> None:
    register_event(ARTICLE_PUBLISHED, _("A knowledge-base article was published"))
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid="cms-webhooks")
