"""The test suite: fast hashing, in-memory e-mail, mandatory verification as in production."""

from .base import *  # noqa: F403
from .base import BASE_DIR

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-any-real-site-0123456789abcdefghijklmnop"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
SHOW_DEMO_ACCOUNTS = False
MEDIA_ROOT = BASE_DIR / ".test-media"
PERSONAL_DATA_EXPORT_ROOT = BASE_DIR / ".test-media" / "exports"
# Local memory unless REDIS_URL names a (throwaway) Redis database to run the suite against.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "community.common.tasks.AfterWriteBackend"}}
# Searches are written as each request ends; tests/search turn the buffering on.
SEARCH_LOG_FLUSH_SECONDS = 0
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
# Most tests vote down with fresh members; tests/reputation turns the threshold back on with the
# ``settings`` fixture and tests both the refused and the allowed case.
REPUTATION_PRIVILEGE_THRESHOLDS = {**REPUTATION_PRIVILEGE_THRESHOLDS, "vote_down": 0}  # noqa: F405
# Most tests post with fresh members, several times a minute and with repeated text; the trust
# rules are relaxed here, and tests/moderation turns each back on with the ``settings``
# fixture and tests both the refused and the allowed case.
MODERATION_HOLD_FIRST_POSTS = 0
MODERATION_HOLD_LINKS_AT = 0
MODERATION_HOLD_DUPLICATES = False
MODERATION_RATE_LIMITS = {
    "member": "1000/m",
    "new_member": "1000/m",
    "address": "1000/m",
    "flag": "1000/m",
}
MODERATION_RATE_VOTE = "1000/m"
# Most tests report and vote with members made a moment ago; standing comes with a verified
# address at once here. tests/moderation and tests/reputation turn the waiting time back on.
TRUST_STANDING_MIN_AGE_DAYS = 0
# Uploads on local disk whatever the environment says; tests/common/test_object_storage.py
# starts a local S3-compatible server for the object-storage tests.
MEDIA_URL = "/media/"
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405
STORAGES.pop("exports", None)  # the "Your data" zips: on local disk too
