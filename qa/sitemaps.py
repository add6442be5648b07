"""qa's section of /sitemap.xml (community/common/sitemaps.py): every public question."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from community.common.sitemaps import register_sitemap_section
from community.moderation.enums import ContentStatus

from .models import Question


class QuestionSitemap(WagtailSitemap):
    """Every public question that is not a duplicate, at the address the sitemap was read on.

    It extends Wagtail's sitemap only because Wagtail's view hands those the request: the
    addresses then use the request's host, as the canonical link does, instead of
    django.contrib.sites' unconfigured "example.com".
    """

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return (
            Question.objects.filter(status=ContentStatus.PUBLISHED, duplicate_of__isnull=True)
            .only("pk", "slug", "last_activity_at")
            .order_by("pk")
        )

    def location(self, question):
        return question.get_absolute_url()

    def lastmod(self, question):
        return question.last_activity_at

    def get_urls(self, page=1, site=None, protocol=None):
        if self.request is not None:
            site = RequestSite(self.request)
        return super().get_urls(page=page, site=site, protocol=protocol)

    def _urls(self, page, protocol, domain):
        # Django's own listing: Wagtail's asks each item for its page URLs.
        return Sitemap._urls(self, page, protocol, domain)


def register() -> None:
    register_sitemap_section("questions", QuestionSitemap)
