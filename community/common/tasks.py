"""The in-process task backend (the default, without a worker): Django's immediate backend,
except that a task enqueued during a write transaction runs when the write has ended, and a
task enqueued while serving a request runs once the response has gone out.

Updating the search index and telling members about a post are tasks; run at once, they
would hold the database's write lock (every other member's post waits) and would see rows
that might still be rolled back. Run before the response, they would keep the member who
posted waiting for work that is not theirs to see: their post is saved (and shown on the
page they are sent to) before the response leaves; the index and the other members'
notifications follow a moment later, in the same worker. With a worker (``TASKS_BACKEND``
set to the database backend) the task row is written with the post and the worker runs it
after the commit.
"""

from contextvars import ContextVar
from functools import partial

from django.core import signals
from django_tasks.backends.immediate import ImmediateBackend

from .transactions import after_write

# The tasks waiting for the response of the request being served (None: no request).
_after_response: ContextVar[list | None] = ContextVar("tasks_after_response", default=None)


class AfterWriteBackend(ImmediateBackend):
    def _execute_task(self, task_result) -> None:
        run = partial(super()._execute_task, task_result)
        waiting = _after_response.get()
        if waiting is None:
            after_write(run)
        else:
            # Only once the write has ended: a write that fails leaves nothing to do.
            after_write(partial(waiting.append, run))


def request_started(**kwargs) -> None:
    _after_response.set([])


def request_finished(**kwargs) -> None:
    """Run the request's tasks in the order they were enqueued. A task that enqueues another
    runs it at once, as the immediate backend does outside a request."""
    waiting = _after_response.get()
    _after_response.set(None)
    while waiting:
        waiting.pop(0)()


def run_after_responses() -> None:
    """Connect to the request signals (CommonConfig.ready)."""
    signals.request_started.connect(request_started, dispatch_uid="tasks-after-response-start")
    signals.request_finished.connect(request_finished, dispatch_uid="tasks-after-response-run")
