"""Media storage that fails (object storage unreachable, a full disk): the member is asked to
send their post again, with everything they typed still in the form, and nothing half-saved
stays behind (README, "Media on object storage").

Services store files before their write transaction opens (``photo_prepare``,
``profile_update``), inside :func:`storage_writes`: a failure there raises
:class:`StorageUnavailable` before any row is written. Files that are no longer wanted are
removed with :func:`storage_delete`, which logs a failure instead of raising it: a file left
behind costs a little space, an exception there would lose the member's post.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _storage_errors() -> tuple[type[Exception], ...]:
    """What a storage raises when it cannot do its work: OSError for files on disk; the S3
    client's errors when object storage is in use. Those can only come from an S3 storage
    that has loaded its client, so a site keeping media on disk never loads it (its modules
    would cost every worker process several megabytes)."""
    if "botocore" not in sys.modules:
        return (OSError,)
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    return (OSError, Boto3Error, BotoCoreError, ClientError)


class StorageUnavailable(ValidationError):
    """The media storage failed while an upload was stored; nothing was saved."""

    def __init__(self):
        super().__init__(
            _(
                "We could not store your picture just now, so nothing was saved. What you "
                "typed is still here: please send it again in a minute, choosing the picture "
                "again."
            ),
            code="storage_unavailable",
        )


@contextmanager
def storage_writes() -> Iterator[None]:
    """Store files in the ``with`` block; a storage failure becomes :class:`StorageUnavailable`
    (and is logged for the operators)."""
    try:
        yield
    except _storage_errors() as error:
        logger.error("Media storage failed while storing an upload: %s", error, exc_info=True)
        raise StorageUnavailable() from error


def storage_delete(storage: Storage, name: str) -> None:
    """Remove ``name`` from ``storage``; when the storage fails, the file stays and the failure
    is logged (no row points to it any more)."""
    try:
        storage.delete(name)
    except _storage_errors() as error:
        logger.warning("Media storage could not remove %s: %s", name, error)
