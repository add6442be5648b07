"""The production stack on this machine's PostgreSQL and Redis, for the tests in this folder.

Each test run gets a PostgreSQL database of its own, copied from a migrated template that is
kept between runs (named after the migrations, made again when they change), and a Redis
database number no other test uses. Without PostgreSQL or Redis the tests are skipped, and
say why; CI has both.
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
import requests

from deploy import stack

POSTGRES_SERVER = os.environ.get("STACK_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("STACK_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def _needs(host: str, port: int, what: str) -> None:
    if not stack.answers(host, port):
        pytest.skip(f"{what} does not answer on {host}:{port}: the production-stack tests need it")


@pytest.fixture(scope="session")
def stack_services():
    """PostgreSQL and Redis answer (skip otherwise)."""
    _needs("127.0.0.1", 5432, "PostgreSQL")
    _needs("127.0.0.1", 6379, "Redis")


def site_shell(code: str, env: dict) -> dict:
    """Run ``code`` in the site (``manage.py shell``) and return the JSON it prints last."""
    output = stack.manage("shell", "-c", textwrap.dedent(code), env=env, quiet=True)
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def stack_database(stack_services):
    """The URL of this run's own migrated PostgreSQL database (dropped afterwards)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    database_url = f"{POSTGRES_SERVER}/community_stack_test_{os.getpid()}_{worker}"
    env = stack.local_environment(
        database_url=database_url, redis_url=REDIS_URL, secret_key="x" * 60
    )
    stack.migrated_database(database_url, env=env)
    yield database_url
    stack.database_drop(database_url)


@pytest.fixture(scope="session")
def stack_static(stack_database, tmp_path_factory) -> Path:
    """The static files collected as production collects them."""
    root = tmp_path_factory.mktemp("static")
    env = stack.local_environment(
        database_url=stack_database, redis_url=REDIS_URL, secret_key="x" * 60, STATIC_ROOT=str(root)
    )
    stack.manage("collectstatic", "--noinput", env=env, quiet=True)
    return root


def stack_environment(database_url: str, static_root: Path, **extra) -> dict:
    """The app servers' environment: production settings on the test database and Redis,
    tasks run in-process, members' posts published at once."""
    return stack.local_environment(
        database_url=database_url,
        redis_url=REDIS_URL,
        secret_key="stack-test-secret-key-" + "0123456789" * 5,
        STATIC_ROOT=str(static_root),
        TASKS_BACKEND="community.common.tasks.AfterWriteBackend",
        MODERATION_HOLD_FIRST_POSTS="0",
        MODERATION_HOLD_DUPLICATES="false",
        TRUST_STANDING_MIN_AGE_DAYS="0",
        EMAIL_URL="dummymail://",
        LOG_LEVEL="WARNING",
        **extra,
    )


def redis_flush() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


class Browser:
    """A visitor: one cookie jar, used against whichever server is given."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, base: str, path: str, **kwargs) -> requests.Response:
        return self.session.get(base + path, allow_redirects=False, timeout=60, **kwargs)

    def page(self, base: str, path: str) -> str:
        """The page at ``path`` after any redirects (a question's short address)."""
        response = self.session.get(base + path, timeout=60)
        assert response.status_code == 200, (path, response.status_code)
        return response.text

    def post(self, base: str, path: str, data: dict, **kwargs) -> requests.Response:
        # Django's CSRF check: the cookie's token in the form, and a Referer of the same origin.
        self.get(base, "/accounts/login/")
        token = self.session.cookies.get("csrftoken")
        headers = {"Referer": base + path, **kwargs.pop("headers", {})}
        return self.session.post(
            base + path,
            data={"csrfmiddlewaretoken": token, **data},
            headers=headers,
            allow_redirects=False,
            timeout=60,
            **kwargs,
        )

    def sign_in(self, base: str, username: str, password: str) -> requests.Response:
        return self.post(base, "/accounts/login/", {"login": username, "password": password})
