"""Media (photos, avatars, Wagtail images and documents) on S3-compatible object storage
through django-storages, read from environment variables (README, "Media on object storage").

base.py calls :func:`media_storage` when ``MEDIA_STORAGE=s3`` or a bucket is named; otherwise
uploads stay on local disk under MEDIA_ROOT. The "Your data" zips may go to a private bucket
of their own (:func:`private_storage`), so that any app server can hand out what the task
worker made.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

#: Attempts of one storage request (the first and the retries) before an upload is refused
#: with "try again": a storage that does not answer must not hold a member's request long.
STORAGE_ATTEMPTS = 3


def media_storage(env) -> tuple[dict, str]:
    """The ``STORAGES["default"]`` entry for an S3-compatible bucket, and the MEDIA_URL its
    files are served from (the content security policy allows that origin for images)."""
    try:
        from botocore.config import Config
    except ImportError:
        raise ImproperlyConfigured(
            'Media on object storage needs the "s3" extra: pip install -e ".[s3]"'
        ) from None
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    endpoint = env.str("AWS_S3_ENDPOINT_URL", default="").rstrip("/")
    region = env.str("AWS_S3_REGION_NAME", default="")
    custom_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default="")
    addressing_style = env.str("AWS_S3_ADDRESSING_STYLE", default="")
    location = env.str("AWS_LOCATION", default="").strip("/")
    url_protocol = env.str("AWS_S3_URL_PROTOCOL", default="https:")
    timeout = env.float("MEDIA_STORAGE_TIMEOUT_SECONDS", default=10.0)
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": region or None,
        # Without keys here boto3 finds its own (an instance role, ~/.aws).
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "location": location,
        "custom_domain": custom_domain or None,
        "url_protocol": url_protocol,
        # Signed links that expire work with a private bucket, as buckets are made; a public
        # bucket or a CDN in front (AWS_S3_CUSTOM_DOMAIN) gives links that browsers cache.
        "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=True),
        "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=3600),
        # Never replace a stored file: a name taken gets a suffix (names are random anyway).
        "file_overwrite": False,
        # Every stored file keeps its name for good, so browsers may keep it for good.
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        # The client's settings in one place (django-storages then ignores its own
        # addressing style and signature settings).
        "client_config": Config(
            s3={"addressing_style": addressing_style or None},
            signature_version=env.str("AWS_S3_SIGNATURE_VERSION", default="s3v4"),
            connect_timeout=timeout,
            read_timeout=timeout,
            retries={"mode": "standard", "total_max_attempts": STORAGE_ATTEMPTS},
        ),
    }
    storage = {"BACKEND": "community.common.object_storage.ObjectStorage", "OPTIONS": options}
    return storage, _media_url(options, addressing_style=addressing_style)


def _media_url(options: dict, *, addressing_style: str) -> str:
    """Where the bucket's files are served from, as django-storages makes their links from
    the same ``options`` (so the two cannot disagree)."""
    location = options["location"]
    prefix = f"{location}/" if location else ""
    if options["custom_domain"]:
        return f"{options['url_protocol']}//{options['custom_domain']}/{prefix}"
    bucket = options["bucket_name"]
    endpoint = options["endpoint_url"]
    if endpoint:
        parts = urlsplit(endpoint)
        if addressing_style == "virtual":
            return f"{parts.scheme}://{bucket}.{parts.netloc}/{prefix}"
        return f"{endpoint}/{bucket}/{prefix}"
    region = options["region_name"]
    host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
    return f"https://{bucket}.{host}/{prefix}"


def private_storage(media: dict, bucket: str) -> dict:
    """A ``STORAGES`` entry for ``bucket`` on the same service as ``media``, for files only
    the site hands out (through its own views): signed requests, no public domain, no
    caching by browsers."""
    options = {
        **media["OPTIONS"],
        "bucket_name": bucket,
        "custom_domain": None,
        "querystring_auth": True,
        "location": "",
        "object_parameters": {},
    }
    return {**media, "OPTIONS": options}
