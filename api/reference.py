"""The API's human reference at /api/v1/ and its OpenAPI document at /api/v1/openapi.json."""

from __future__ import annotations

from django.views.generic import TemplateView
from rest_framework.response import Response

from .schema import openapi_document
from .views import PublicReadView


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
