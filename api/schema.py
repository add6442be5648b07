"""The OpenAPI document of /api/v1/, generated from the views and their serializers by
Django REST framework's schema generator.

``PublicApiSchema`` adds what the generator cannot see: the query parameters each view checks
(its ``query_serializer_class``), the paged answer's envelope, 304s and the one error shape.
The shop's import endpoints are plain Django views (shop/api.py) and are described by hand.
"""

from __future__ import annotations

import re

from rest_framework.fields import empty
from rest_framework.schemas.openapi import AutoSchema

from .errors import ERROR_CODES
from .pagination import PageNumbers

ERROR_REF = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"type": "string", "enum": list(ERROR_CODES)},
        "message": {"type": "string", "description": "for people, in the request's language"},
        "fields": {
            "type": "object",
            "description": "invalid_parameter: the messages for each parameter",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


class PublicApiSchema(AutoSchema):
    def get_operation_id(self, path, method) -> str:
        return self.view.operation_id

    def get_description(self, path, method) -> str:
        return (self.view.__class__.__doc__ or "").strip()

    def get_path_parameters(self, path, method) -> list[dict]:
        """Every ``{name}`` in the path (the generator's own way needs a package we do not
        otherwise use)."""
        return [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in re.findall(r"{(\w+)}", path)
        ]

    def get_filter_parameters(self, path, method) -> list[dict]:
        query = self.view.query_serializer_class()
        parameters = []
        for name, field in query.fields.items():
            schema = self.map_field(field)
            if field.default is not empty and not callable(field.default):
                schema["default"] = field.default
            parameter = {"name": name, "in": "query", "required": field.required, "schema": schema}
            if field.help_text:
                parameter["description"] = str(field.help_text)
            parameters.append(parameter)
        return parameters

    def get_pagination_parameters(self, path, method) -> list[dict]:
        return []  # page and page_size are among each paged view's query parameters

    def get_components(self, path, method) -> dict:
        components = super().get_components(path, method)
        components["Error"] = ERROR_SCHEMA
        return components

    def get_responses(self, path, method) -> dict:
        item = self.get_reference(self.view.get_serializer())
        schema = {"type": "array", "items": item} if self.view.paginated else item
        if self.view.paginated:
            schema = PageNumbers().get_paginated_response_schema(schema)
        return {
            "200": {
                "description": "",
                "headers": {
                    "ETag": {"schema": {"type": "string"}},
                    "Last-Modified": {"schema": {"type": "string"}},
                },
                "content": {"application/json": {"schema": schema}},
            },
            "304": {"description": "Not modified: the copy named by If-None-Match is current"},
            "400": _error("A query parameter is not valid (invalid_parameter)"),
            "404": _error("No such public product or page (not_found)"),
            "429": {
                **_error("Too many requests from this address (rate_limited)"),
                "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            },
        }


SHOP_IMPORT = {
    "post": {
        "operationId": "",
        "summary": "",
        "description": (
            "Import rows from the shop (token authentication). The rows are those of the "
            "import commands; see the README, 'The shop link'."
        ),
        "security": [{"shopToken": []}],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": ["array", "object"]}}},
        },
        "responses": {
            "200": {"description": "The import report (created, updated, unchanged, notes)"},
            "400": _error("invalid_json, invalid_payload, too_many_rows, invalid_rows"),
            "401": _error("unauthorized: the token is missing, wrong or revoked"),
            "413": _error("too_large"),
            "415": _error("unsupported_media_type"),
            "429": _error("rate_limited"),
        },
    }
}


def shop_paths() -> dict:
    paths = {}
    for subject in ("products", "orders"):
        operation = {**SHOP_IMPORT["post"], "operationId": f"importShop{subject.title()}"}
        operation["summary"] = f"Import {subject}"
        paths[f"/api/v1/shop/{subject}/"] = {"post": operation}
    return paths
