"""The media storage for an S3-compatible bucket (django-storages), chosen by
``MEDIA_STORAGE=s3`` (community/settings/media_storage.py).

It is django-storages' S3Storage, except that reading a file the bucket cannot give fails
with OSError, as reading a file from disk does: code written for unreadable files then
handles an unreachable bucket too (Wagtail leaves a picture it cannot resize out of the page
instead of failing the page). Storing files is guarded by ``storage.storage_writes``.
"""

from __future__ import annotations

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3File, S3Storage
from storages.utils import clean_name

_S3_ERRORS = (Boto3Error, BotoCoreError, ClientError)


class _ObjectFile(S3File):
    def _get_file(self):
        try:
            return super()._get_file()  # the download, on the first read
        except _S3_ERRORS as error:
            raise OSError(f"Object storage did not give {self.name}: {error}") from error

    file = property(_get_file, S3File._set_file)


class ObjectStorage(S3Storage):
    def _open(self, name, mode="rb"):
        name = self._normalize_name(clean_name(name))
        try:
            return _ObjectFile(name, mode, self)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from error
            raise OSError(f"Object storage did not give {name}: {error}") from error
        except (Boto3Error, BotoCoreError) as error:
            raise OSError(f"Object storage did not give {name}: {error}") from error
