"""The in-process task backend: work enqueued while serving a request runs once the response
has gone out (the member who posted does not wait for it), and never after a failed write."""

import pytest
from django.core.signals import request_finished, request_started
from django_tasks import task

from community.common.transactions import write_transaction

pytestmark = pytest.mark.django_db

RAN: list[str] = []


@task()
def remember(value: str) -> None:
    RAN.append(value)


@pytest.fixture(autouse=True)
def _forget():
    RAN.clear()
    yield
    RAN.clear()


@write_transaction
def _write_and_enqueue(value: str, *, fail: bool = False) -> None:
    remember.enqueue(value)
    if fail:
        raise RuntimeError


def test_a_task_enqueued_while_serving_a_request_runs_after_the_response():
    request_started.send(sender=None)
    remember.enqueue("indexed")
    _write_and_enqueue("notified")

    assert RAN == []
    request_finished.send(sender=None)
    assert RAN == ["indexed", "notified"]


def test_a_task_of_a_failed_write_never_runs():
    request_started.send(sender=None)
    with pytest.raises(RuntimeError):
        _write_and_enqueue("never", fail=True)

    request_finished.send(sender=None)
    assert RAN == []


def test_outside_a_request_a_task_runs_when_the_write_has_ended():
    _write_and_enqueue("at the end of the write")

    assert RAN == ["at the end of the write"]


def test_a_posted_answer_is_indexed_and_notified_by_the_time_the_next_request_comes(
    client, question_factory, user_factory
):
    from community.notifications.models import Notification

    question = question_factory(title="Does the kettle whistle loudly?")
    client.force_login(user_factory())

    client.post(f"/questions/{question.pk}/answer/", {"body": "It whistles, but softly."})

    assert Notification.objects.filter(recipient=question.author).exists()
    results = client.get("/search/", {"q": "whistles softly"}).content.decode()
    assert "Does the kettle whistle loudly?" in results
