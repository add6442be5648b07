from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from community.common.health import healthz
from community.common.sitemaps import sitemap
from community.search.views import search_results

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("community.accounts.urls")),
    path("accounts/", include("shop.urls")),
    path("api/v1/shop/", include("shop.api_urls")),
    path("api/v1/", include("api.urls")),
    path("widget/v1/", include("api.widget_urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", search_results, name="search"),
    path("search/", include("community.search.urls")),
    path("users/", include("community.reputation.urls")),
    path("notifications/", include("community.notifications.urls")),
    path("moderation/", include("community.moderation.urls")),
    path("", include("qa.urls")),
    path("", include("forum.urls")),
    path("insights/", include("insights.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree answers every URL nothing above claimed; it stays last.
urlpatterns.append(path("", include(wagtail_urls)))
