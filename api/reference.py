"""The API's human reference at /api/v1/ and its OpenAPI document at /api/v1/openapi.json."""

from __future__ import annotations

import functools

from django.conf import settings
from django.views.generic import TemplateView
from rest_framework.response import Response
from rest_framework.schemas.openapi import SchemaGenerator

from .read_urls import read_patterns
from .schema import ERROR_SCHEMA, shop_paths
from .views import PublicReadView


@functools.cache
def openapi_document() -> dict:
    """The OpenAPI 3 document of /api/v1/ (made once per process: it only changes with the
    code)."""
    generator = SchemaGenerator(
        title=f"{settings.WAGTAIL_SITE_NAME} API",
        version="1",
        description=(
            "Public, anonymous reads of the community's public content, and the shop's token "
            'imports. Errors: {"error": <code>, "message": <text>}.'
        ),
        patterns=read_patterns,
        url="/api/v1/",
    )
    document = generator.get_schema(request=None, public=True)
    document["paths"].update(shop_paths())
    document.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    document["components"]["securitySchemes"] = {
        "shopToken": {"type": "http", "scheme": "bearer", "description": "a shop API token"}
    }
    return document


class OpenApiView(PublicReadView):
    """The OpenAPI 3 document (JSON)."""

    schema = None  # not a part of what it describes

    def read(self, query):
        return Response(openapi_document())


class ReferenceView(TemplateView):
    """Every endpoint of the OpenAPI document, its parameters and answers, as a page."""

    template_name = "api/reference.html"

    def get_context_data(self, **kwargs):
        document = openapi_document()
        endpoints = [
            {
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": operation.get("parameters", []),
                "responses": sorted(operation.get("responses", {}).items()),
                "token": "security" in operation,
            }
            for path, methods in document["paths"].items()
            for method, operation in methods.items()
        ]
        return {
            **super().get_context_data(**kwargs),
            "document": document,
            "endpoints": endpoints,
            "error_shape": document["components"]["schemas"]["Error"],
        }
