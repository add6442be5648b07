"""`/sitemap.xml`: Wagtail's live pages plus every public question."""

from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from qa.sitemaps import QuestionSitemap

SITEMAPS = {"pages": PageSitemap, "questions": QuestionSitemap}


def sitemap(request):
    return wagtail_sitemap(request, sitemaps=SITEMAPS)
