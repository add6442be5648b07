from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from shop.services import shop_api_token_create

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def run_command(db):
    """Run a management command and return what it printed."""

    def run(*args: str, **options) -> str:
        out, err = io.StringIO(), io.StringIO()
        call_command(*args, stdout=out, stderr=err, **options)
        return out.getvalue()

    return run


@pytest.fixture
def feed_file(tmp_path):
    """Write a feed file: text as given, or rows as JSON."""

    def write(name: str, content: str | list | dict) -> Path:
        path = tmp_path / name
        text = content if isinstance(content, str) else json.dumps(content)
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def issued_token(db, staff_user):
    return shop_api_token_create(name="Shop production", created_by=staff_user)


@pytest.fixture
def api(client, issued_token):
    """POST JSON to the shop API, with the issued token unless told otherwise."""

    def post(path: str, body, *, token: str | None = None, content_type="application/json"):
        secret = issued_token.secret if token is None else token
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return client.post(path, data=data, content_type=content_type, headers=headers)

    return post
