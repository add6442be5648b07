"""A manual to download, as product pages and knowledge-base articles both list them."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Orderable

from community.common.models import link


class Manual(Orderable):
    """A manual or guide to download (a Wagtail document), in the order editors put it;
    each kind of page adds the ``page`` it belongs to."""

    document = link("wagtaildocs.Document", _("document"))

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("manual")
        verbose_name_plural = _("manuals")
