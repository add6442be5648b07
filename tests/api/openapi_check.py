"""Checks a JSON answer against the OpenAPI document's schema for it: the subset of OpenAPI
3.0 schemas the document uses (type, nullable, enum, required, properties, items,
additionalProperties, $ref, minimum, maximum)."""

from __future__ import annotations

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
}


def problems(value, schema: dict, document: dict, where: str = "$") -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return problems(value, document["components"]["schemas"][name], document, where)
    if value is None:
        return [] if schema.get("nullable") else [f"{where}: null but not nullable"]
    kind = schema.get("type")
    if kind:
        expected = TYPES[kind]
        if isinstance(value, bool) and kind in ("integer", "number"):
            return [f"{where}: a boolean where {kind} is expected"]
        if kind == "string" and not isinstance(value, str):
            return [f"{where}: {value!r} is not a string"]
        if not isinstance(value, expected):
            return [f"{where}: {value!r} is not {kind}"]
    found = []
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        found.append(f"{where}: {value!r} below {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        found.append(f"{where}: {value!r} above {schema['maximum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                found.append(f"{where}: {name} is missing")
        for name, item in value.items():
            if name in properties:
                found += problems(item, properties[name], document, f"{where}.{name}")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += problems(item, schema["additionalProperties"], document, f"{where}.{name}")
            elif properties:
                found.append(f"{where}: {name} is not in the document")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += problems(item, schema["items"], document, f"{where}[{index}]")
    return found


def response_problems(document: dict, path: str, status: int, body) -> list[str]:
    response = document["paths"][path]["get"]["responses"][str(status)]
    schema = response["content"]["application/json"]["schema"]
    return problems(body, schema, document)
