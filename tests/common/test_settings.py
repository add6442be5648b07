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
        assert reloaded.SESSION_ENGINE == "community.accounts.sessions.cached_db"
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


def test_uploads_stay_on_local_disk_unless_object_storage_is_chosen(
    monkeypatch, restore_settings_modules
):
    for name in ("MEDIA_STORAGE", "AWS_STORAGE_BUCKET_NAME"):
        monkeypatch.delenv(name, raising=False)
    production = _production_settings(monkeypatch)
    assert production.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    assert production.MEDIA_URL == "/media/"


def test_a_bucket_puts_uploads_on_object_storage_and_its_address_in_the_policy(
    monkeypatch, restore_settings_modules
):
    monkeypatch.delenv("MEDIA_STORAGE", raising=False)
    production = _production_settings(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME="shop-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
    )
    storage = production.STORAGES["default"]
    assert storage["BACKEND"] == "community.common.object_storage.ObjectStorage"
    assert storage["OPTIONS"]["bucket_name"] == "shop-media"
    assert storage["OPTIONS"]["file_overwrite"] is False
    assert production.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise")
    assert production.MEDIA_URL == "https://objects.example.net/shop-media/"
    directives = production.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "https://objects.example.net" in directives["img-src"]
    assert "exports" not in production.STORAGES  # the "Your data" zips: on local disk


def test_your_data_zips_can_have_a_private_bucket_of_their_own(
    monkeypatch, restore_settings_modules
):
    production = _production_settings(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME="shop-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.com",
        AWS_QUERYSTRING_AUTH="false",
        PERSONAL_DATA_EXPORT_BUCKET="shop-private",
    )
    exports = production.STORAGES["exports"]["OPTIONS"]
    assert exports["bucket_name"] == "shop-private"
    assert exports["querystring_auth"] is True
    assert exports["custom_domain"] is None
    assert production.STORAGES["default"]["OPTIONS"]["bucket_name"] == "shop-media"


def test_object_storage_without_a_bucket_is_refused_at_start(monkeypatch, restore_settings_modules):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        _production_settings(monkeypatch, MEDIA_STORAGE="s3")
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE"):
        _production_settings(monkeypatch, MEDIA_STORAGE="ftp")


@pytest.mark.parametrize(
    ("environment", "media_url"),
    [
        (
            {"AWS_S3_REGION_NAME": "eu-central-1"},
            "https://shop-media.s3.eu-central-1.amazonaws.com/",
        ),
        ({"AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000/"}, "http://127.0.0.1:9000/shop-media/"),
        (
            {
                "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
                "AWS_S3_ADDRESSING_STYLE": "virtual",
            },
            "https://shop-media.objects.example.net/",
        ),
        (
            {"AWS_S3_CUSTOM_DOMAIN": "media.example.com", "AWS_LOCATION": "community/"},
            "https://media.example.com/community/",
        ),
    ],
)
def test_the_media_url_is_where_the_bucket_serves_its_files(monkeypatch, environment, media_url):
    import environ

    from community.settings.media_storage import media_storage

    for name in (
        "AWS_S3_ENDPOINT_URL",
        "AWS_S3_CUSTOM_DOMAIN",
        "AWS_LOCATION",
        "AWS_S3_REGION_NAME",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "shop-media")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert media_storage(environ.Env())[1] == media_url
