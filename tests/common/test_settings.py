"""Settings come from the environment; production is hardened."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "SECRET_KEY",
            "DEBUG",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_production_settings_pass_the_deployment_checklist():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY="a-real-secret-" + "x7Q2m9" * 10,
        ALLOWED_HOSTS="community.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_production_refuses_to_start_without_a_real_secret_key():
    result = _manage("check", DJANGO_ENV="production", ALLOWED_HOSTS="community.example.com")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_an_unknown_environment_name_is_refused_clearly():
    result = _manage("check", DJANGO_ENV="staging")
    assert result.returncode != 0
    assert "DJANGO_ENV='staging'" in result.stderr


def test_redis_url_puts_the_cache_and_sessions_in_redis(monkeypatch):
    import importlib

    import community.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    try:
        reloaded = importlib.reload(base)
        assert (
            reloaded.CACHES["default"]["BACKEND"]
            == "community.common.redis_cache.ResilientRedisCache"
        )
        assert reloaded.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
        # The session's row stays in the database: sign-in survives Redis going away.
        assert reloaded.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    finally:
        monkeypatch.delenv("REDIS_URL")
        reloaded = importlib.reload(base)
    assert reloaded.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_database_url_switches_to_postgresql(monkeypatch):
    import importlib

    import community.settings.base as base

    monkeypatch.setenv("DATABASE_URL", "postgres://shop:pw@db.internal:5432/community")
    try:
        reloaded = importlib.reload(base)
        database = reloaded.DATABASES["default"]
        assert database["ENGINE"] == "django.db.backends.postgresql"
        assert (database["HOST"], database["NAME"], database["USER"]) == (
            "db.internal",
            "community",
            "shop",
        )
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def _production_settings(monkeypatch, **environment):
    """The production settings module as it reads this environment."""
    import importlib

    import community.settings.base as base

    monkeypatch.setenv("SECRET_KEY", "a-real-secret-" + "x7Q2m9" * 10)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    importlib.reload(base)
    import community.settings.production as production

    return importlib.reload(production)


@pytest.fixture
def restore_settings_modules(monkeypatch):
    yield
    import importlib

    import community.settings.base as base

    monkeypatch.undo()
    importlib.reload(base)


def test_x_forwarded_proto_is_not_believed_unless_a_proxy_is_said_to_set_it(
    monkeypatch, restore_settings_modules
):
    production = _production_settings(monkeypatch)
    assert not hasattr(production, "SECURE_PROXY_SSL_HEADER")


def test_a_proxy_that_sets_x_forwarded_proto_makes_it_believed(
    monkeypatch, restore_settings_modules
):
    production = _production_settings(monkeypatch, PROXY_SETS_X_FORWARDED_PROTO="true")
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
