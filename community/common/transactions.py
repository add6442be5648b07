"""The one way services write: a short transaction that is tried again when the database is
busy, and a clear refusal (never a lost post) when it stays busy.

Services do the slow work first (render the text, decode and resize pictures, check the
trust rules) and then call a function decorated with :func:`write_transaction` that only
writes rows. With SQLite the write lock is taken when the transaction opens
(``transaction_mode=IMMEDIATE``), so whatever runs inside it makes every other member wait.

When the database stays locked (SQLite "database is locked", PostgreSQL serialization
failures, deadlocks and lock timeouts), the write is tried a few times with a small pause;
then :class:`DatabaseBusy` is raised. It is a ``ValidationError``, so the views that already
show a service's refusal beside the form show this one too, with everything the member typed
still in the form; ``DatabaseBusyMiddleware`` makes such a page a 503 with ``Retry-After``.
"""

from __future__ import annotations

import contextvars
import functools
import random
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.core.exceptions import ValidationError
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    models,
    transaction,
)
from django.utils.translation import gettext as _

from .models import full_clean_in_hand

P = ParamSpec("P")
T = TypeVar("T")

#: Attempts of one write transaction before the member is asked to try again.
WRITE_ATTEMPTS = 3
#: The pause before the second attempt, doubled before each further one (plus some jitter,
#: so that two waiting writers do not collide again).
FIRST_PAUSE_SECONDS = 0.05
#: What ``Retry-After`` tells a member's browser when the database stayed busy.
RETRY_AFTER_SECONDS = 5

# SQLSTATEs of PostgreSQL errors that go away when the transaction is tried again:
# serialization_failure, deadlock_detected, lock_not_available (lock_timeout).
_BUSY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
# SQLSTATEs of PostgreSQL saying the server is going away or not accepting connections yet
# (admin_shutdown, crash_shutdown, cannot_connect_now); class 08 is a connection exception.
_UNAVAILABLE_SQLSTATES = frozenset({"57P01", "57P02", "57P03"})
_BUSY_SQLITE_MESSAGES = ("database is locked", "database table is locked", "database is busy")

# Set when this request's write was refused because the database stayed busy, so that
# DatabaseBusyMiddleware can answer 503 even though a view turned it into a form error.
busy_refused: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "database_busy_refused", default=False
)

# What waits for the outermost write transaction of this request to end (None when no write
# is open): the in-process background tasks, such as updating the search index, which must
# not hold the write lock while they run and must see the rows as they were committed.
_after_write: contextvars.ContextVar[list[Callable[[], None]] | None] = contextvars.ContextVar(
    "after_write", default=None
)


def after_write(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the write transaction that is open has ended, or at once when
    none is open. When the write fails, nothing was saved and ``callback`` never runs."""
    waiting = _after_write.get()
    if waiting is None:
        callback()
    else:
        waiting.append(callback)


class DatabaseBusy(ValidationError):
    """The database stayed busy through every attempt; nothing was saved."""

    def __init__(self):
        super().__init__(
            _(
                "The site is very busy right now and could not save this. Nothing you typed "
                "is lost: please send it again in a few seconds."
            ),
            code="database_busy",
        )


def save_once(row: models.Model) -> bool:
    """Check ``row``'s fields and save it; False, saving nothing, when its unique constraint
    already holds the same row (stored a moment earlier by a parallel request).

    The constraint is left to the database rather than checked first, so that of two
    requests at the same moment exactly one row is stored; a savepoint keeps the caller's
    transaction usable after the refusal."""
    full_clean_in_hand(row, validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return False
    return True


def is_database_busy(error: BaseException) -> bool:
    """Whether ``error`` says the database was locked or busy (worth trying again), rather
    than that something is wrong with the query or the schema."""
    if isinstance(error, DatabaseBusy):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__ or error
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate in _BUSY_SQLSTATES:
        return True
    message = str(error).lower()
    return any(text in message for text in _BUSY_SQLITE_MESSAGES)


def is_database_unavailable(error: BaseException) -> bool:
    """Whether ``error`` says the connection to the database was lost or could not be made
    (a restart, a failover): the request is worth sending again in a moment.

    Such a write is not tried again here: when the connection dropped during COMMIT, the
    post may have been saved, and the member, who sees the page keeping their text, is the
    one to judge."""
    if isinstance(error, InterfaceError):  # a connection already found closed
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__ or error
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate:
        return sqlstate in _UNAVAILABLE_SQLSTATES or sqlstate.startswith("08")
    # psycopg raises errors that carry no SQLSTATE only for the connection itself (refused,
    # closed by the server mid-query): errors in SQL always carry one.
    return type(cause).__module__.startswith("psycopg")


def write_transaction(write: Callable[P, T]) -> Callable[P, T]:
    """Run ``write`` in one transaction, tried again while the database is busy; what was
    put off with :func:`after_write` meanwhile runs once the transaction has ended.

    A write inside another write joins it (and its waiting work waits for the outer one).
    """

    @functools.wraps(write)
    def attempt(*args: P.args, **kwargs: P.kwargs) -> T:
        if _after_write.get() is not None:  # inside another write: it runs what waits
            with transaction.atomic():
                return write(*args, **kwargs)
        waiting: list[Callable[[], None]] = []
        token = _after_write.set(waiting)
        try:
            result = _written(write, waiting, *args, **kwargs)
        finally:
            _after_write.reset(token)
        for callback in waiting:
            callback()
        return result

    return attempt


def _written(write: Callable[P, T], waiting: list, *args: P.args, **kwargs: P.kwargs) -> T:
    """``write`` in a transaction, tried again while the database is busy (the outermost one
    only: inside a transaction that someone else opened, a failed statement has spoilt it, so
    the error goes up to whoever opened it). ``waiting`` is emptied before each attempt."""
    if connection.in_atomic_block:
        with transaction.atomic():
            return write(*args, **kwargs)
    for number in range(1, WRITE_ATTEMPTS + 1):
        waiting.clear()
        try:
            with transaction.atomic():
                return write(*args, **kwargs)
        except OperationalError as error:
            if not is_database_busy(error):
                raise
            if number == WRITE_ATTEMPTS:
                busy_refused.set(True)
                raise DatabaseBusy() from error
            pause = FIRST_PAUSE_SECONDS * 2 ** (number - 1)
            time.sleep(pause + random.uniform(0, pause))  # noqa: S311 - jitter, not secrets
    raise AssertionError("unreachable")  # pragma: no cover
