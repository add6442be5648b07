"""Production: everything from base.py, hardened. A real SECRET_KEY is required."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, INSECURE_DEV_SECRET_KEY, STORAGES, env

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY == INSECURE_DEV_SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters, for example "
        "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
    )
# Connections are kept for a minute (each new one costs a few milliseconds) and checked
# before use (CONN_HEALTH_CHECKS, base.py), so a database restart costs no page.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
SHOW_DEMO_ACCOUNTS = False

# SECTION HTTPS (SECURE_PROXY_SSL_HEADER: base.py, PROXY_SETS_X_FORWARDED_PROTO)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Cookies only over HTTPS; SECURE_COOKIES=false only for a plain-HTTP run on one's own
# machine (`make run-production`).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# SECTION static files: hashed names, compressed, cached forever by browsers.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
