"""Object storage for the tests that need it: a real S3-compatible server (moto's server mode)
on a free loopback port, and the site's media settings pointed at a fresh bucket on it,
made by the same code that reads them from the environment in production."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

import environ
import pytest

from deploy.stack import free_port

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
REGION = "eu-west-1"


def _server_started():
    """A local S3-compatible server on a free port, and its address."""
    # Imported here: moto takes seconds to import, and most tests here never need it.
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible server for this test session; its address."""
    server, endpoint = _server_started()
    yield endpoint
    server.stop()


@dataclass(frozen=True)
class Bucket:
    name: str
    endpoint: str
    media_url: str
    client: object  # a boto3 S3 client of the test's own, to look into the bucket

    def stored(self) -> list[str]:
        """The keys in the bucket, sorted."""
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def media_on_s3(settings, monkeypatch, *, endpoint: str, bucket: str) -> str:
    """Point the site's media at ``bucket`` on ``endpoint`` through the environment variables
    an operator sets (``community.settings.media_storage``); the MEDIA_URL it gives."""
    from community.settings.media_storage import media_storage

    for name, value in {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        # Tests that stop the server should not wait long for it.
        "MEDIA_STORAGE_TIMEOUT_SECONDS": "2",
    }.items():
        monkeypatch.setenv(name, value)
    storage, media_url = media_storage(environ.Env())
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_url
    return media_url


def _bucket(endpoint: str, settings, monkeypatch) -> Bucket:
    """The site's media in a new, empty bucket on the server at ``endpoint``."""
    import boto3

    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    media_url = media_on_s3(settings, monkeypatch, endpoint=endpoint, bucket=name)
    return Bucket(name=name, endpoint=endpoint, media_url=media_url, client=client)


@pytest.fixture
def s3_bucket(s3_endpoint, settings, monkeypatch) -> Bucket:
    """The site's media in a new, empty bucket on the session's S3-compatible server."""
    return _bucket(s3_endpoint, settings, monkeypatch)


@pytest.fixture
def s3_server(settings, monkeypatch):
    """A server of this test's own holding the site's media, for a test to stop."""
    server, endpoint = _server_started()
    _bucket(endpoint, settings, monkeypatch)
    yield server
    server.stop()


@pytest.fixture
def s3_unreachable(settings, monkeypatch) -> str:
    """The site's media on object storage that does not answer (a closed loopback port)."""
    return media_on_s3(
        settings, monkeypatch, endpoint=f"http://127.0.0.1:{free_port()}", bucket="media"
    )
