"""The in-process task backend (the default, without a worker): Django's immediate backend,
except that a task enqueued during a write transaction runs when the write has ended.

Updating the search index and telling members about a post are tasks; run at once, they
would hold the database's write lock (every other member's post waits) and would see rows
that might still be rolled back. With a worker (``TASKS_BACKEND`` set to the database
backend) the task row is written with the post and the worker runs it after the commit.
"""

from functools import partial

from django_tasks.backends.immediate import ImmediateBackend

from .transactions import after_write


class AfterWriteBackend(ImmediateBackend):
    def _execute_task(self, task_result) -> None:
        after_write(partial(super()._execute_task, task_result))
