"""The widget shops embed: its script (/widget/v1/community.js) and, for visitors without
JavaScript, the same content as a small page to show in an iframe
(/widget/v1/product/<sku>/).

The script is one file under api/static/, served here at a fixed address (shops paste the
address once; it cannot carry a content hash), compressed and cached for
WIDGET_CACHE_SECONDS. The page may be framed by the origins in API_ALLOWED_ORIGINS only.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from csp.constants import NONE
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from cms.selectors import public_product_by_sku

from .views import widget_content

SCRIPT = Path(__file__).resolve().parent / "static" / "api" / "widget" / "community.js"


@functools.cache
def _script() -> tuple[bytes, str]:
    body = SCRIPT.read_bytes()
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


@require_safe
@gzip_page
def widget_script(request):
    body, etag = _script()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.WIDGET_CACHE_SECONDS)
    return get_conditional_response(request, etag=etag, response=response)


@require_safe
@xframe_options_exempt
def widget_frame(request, sku: str):
    """The widget's content as a page of its own, for an iframe (no JavaScript needed)."""
    product = public_product_by_sku(sku)
    if product is None:
        raise Http404(_("There is no product with SKU %(sku)s.") % {"sku": sku})
    language = request.GET.get("lang")
    if language not in ("en", "nl"):
        language = translation.get_language()  # the request's, from LocaleMiddleware
    with translation.override(language):
        response = render(
            request, "api/widget_frame.html", {"widget": widget_content(request, product)}
        )
    # Only the shop's own pages may show it in a frame (django-csp reads this attribute, as
    # its csp_replace decorator sets it; the origins are settings, known per request only).
    response._csp_replace = {"frame-ancestors": list(settings.API_ALLOWED_ORIGINS) or [NONE]}
    patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
    return response
