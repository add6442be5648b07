"""`/healthz`: each dependency's state as JSON for load balancers and monitors, 503 naming the
one that fails; cheap, the same few queries every time, never cached, never writing."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from community.search.documents import refresh_document_task

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_health_check_reports_each_dependency_ok(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "status": "ok",
        "database": {"status": "ok", "vendor": connection.vendor},  # sqlite or postgresql
        "cache": {"status": "ok", "backend": "LocMemCache"},
        "storage": {"status": "ok", "backend": "FileSystemStorage"},
        # Without a worker, tasks run in the web process: there is no queue.
        "tasks": {"status": "ok", "backend": "in-process"},
    }


def test_health_check_writes_nothing(client, settings):
    from django.core.cache import cache

    media_before = sorted(settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else []
    cache.clear()

    for _ in range(2):
        assert client.get("/healthz").status_code == 200

    media_after = sorted(settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else []
    assert media_after == media_before
    assert not cache._cache  # locmem: nothing stored


def test_with_a_task_worker_it_reports_the_queue_depth_and_the_oldest_tasks_wait(
    client, settings, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        for pk in (1, 2, 3):
            refresh_document_task.enqueue("question", pk)
    DBTaskResult.objects.filter(args_kwargs__args=["question", 1]).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    # Done, or due only later: not waiting in the queue.
    DBTaskResult.objects.filter(args_kwargs__args=["question", 3]).update(
        run_after=timezone.now() + timedelta(hours=1)
    )

    with django_assert_max_num_queries(2):
        response = client.get("/healthz")

    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert (tasks["status"], tasks["backend"], tasks["queued"]) == ("ok", "database", 2)
    assert 600 <= tasks["oldest_queued_seconds"] < 3600


def test_with_a_task_worker_and_an_empty_queue_nothing_waits(client, settings):
    settings.TASKS = DATABASE_TASKS

    tasks = client.get("/healthz").json()["tasks"]

    assert tasks == {
        "status": "ok",
        "backend": "database",
        "queued": 0,
        "oldest_queued_seconds": None,
    }


def _failed(response) -> list[str]:
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    for name in body["failed"]:
        assert body[name] == {"status": "unavailable"}
    return body["failed"]


def test_a_database_that_does_not_answer_gives_503_naming_it(client):
    with mock.patch("community.common.health.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")

    assert _failed(response) == ["database"]
    assert response.json()["cache"]["status"] == "ok"


def test_a_cache_that_does_not_answer_gives_503_naming_it(client):
    with mock.patch(
        "community.common.health.cache.get", side_effect=ConnectionError("Redis went away")
    ):
        response = client.get("/healthz")

    assert _failed(response) == ["cache"]


def test_object_storage_that_does_not_answer_gives_503_naming_it(client, s3_unreachable):
    response = client.get("/healthz")

    assert _failed(response) == ["storage"]
    assert response.json()["database"]["status"] == "ok"


@pytest.mark.slow
def test_object_storage_that_answers_is_reported_ok(client, s3_bucket):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["storage"] == {"status": "ok", "backend": "ObjectStorage"}
    assert s3_bucket.stored() == []  # looked for, never written


def test_a_task_queue_that_cannot_be_read_gives_503_naming_it(client, settings):
    settings.TASKS = DATABASE_TASKS
    with mock.patch.object(
        DBTaskResult.objects.get_queryset().__class__,
        "aggregate",
        side_effect=DatabaseError("no such table: django_tasks_database_dbtaskresult"),
    ):
        response = client.get("/healthz")

    assert _failed(response) == ["tasks"]


def test_health_check_refuses_posts(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.slow
def test_object_storage_that_never_answers_is_asked_once_then_reported(
    client, settings, monkeypatch
):
    """A storage that takes the connection and stays silent costs the check one short
    wait, not the retries an upload gets."""
    import socket
    import threading

    from tests.common.conftest import media_on_s3

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    taken = []

    def take():
        while True:
            try:
                connection, _address = silent.accept()
            except OSError:  # closed: the test is over
                return
            taken.append(connection)

    threading.Thread(target=take, daemon=True).start()
    media_on_s3(
        settings,
        monkeypatch,
        endpoint=f"http://127.0.0.1:{silent.getsockname()[1]}",
        bucket="media",
    )
    try:
        response = client.get("/healthz")
    finally:
        silent.close()
        for connection in taken:
            connection.close()

    assert _failed(response) == ["storage"]
    assert len(taken) == 1
