"""Every setting the site has, read from the environment with safe defaults.

dev.py, test.py and production.py only adjust what differs; production.py hardens.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .media_storage import media_storage, private_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "community"

env = environ.Env()

# SECTION core
# The default key is for local development only; production.py refuses it.
INSECURE_DEV_SECRET_KEY = "django-insecure-local-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEV_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1

# SECTION apps
INSTALLED_APPS = [
    # ours
    # the ground floor, then the apps above it (README, "Architecture")
    "community.common",
    "community.accounts",
    "community.moderation",
    "community.revisions",
    "community.photos",
    "community.search",
    "community.reputation",
    "community.notifications",
    "community.webhooks",
    "cms",
    "shop",
    "qa",
    "forum",
    # reads every app above: what the community tells the shop
    "insights",
    "api",
    # tooling: the demo content and the benchmarks
    "demo",
    "benchmarks",
    # Wagtail; five of its apps started without Wagtail's API v3, which the site does not
    # serve (community/common/wagtail_apps.py: about 11 MB less in every web worker)
    "wagtail.contrib.forms",
    "community.common.wagtail_apps.RedirectsConfig",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.simple_translation",
    "community.common.wagtail_apps.LocalesConfig",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "community.common.wagtail_apps.SnippetsConfig",
    "community.common.wagtail_apps.DocumentsConfig",
    "community.common.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # accounts
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.sites",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "community.common.ratelimit.RetryAfterMiddleware",
    "community.common.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "community.moderation.middleware.ClientAddressMiddleware",
    "community.common.middleware.DatabaseBusyMiddleware",
    # Last: a page served from the cache has passed every check above and gets their headers.
    "community.common.page_cache.VisitorPageCacheMiddleware",
]

ROOT_URLCONF = "community.urls"
WSGI_APPLICATION = "community.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "community.common.context_processors.site_frame",
                "community.moderation.context_processors.moderation",
                "community.notifications.context_processors.notification_bell",
            ],
        },
    },
]

# SECTION database
# DATABASE_URL switches to PostgreSQL: postgres://user:password@host:5432/name
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is checked before a request uses it: after a database restart the
# request opens a new one instead of failing on the dead one.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a request writes; busy timeout waits instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# SECTION cache and sessions
# REDIS_URL turns on the Redis cache, shared by every app server: cached pages and counts,
# rate limits and the cached copy of each session (whose row stays in the database, so
# sign-in survives Redis going away). Redis errors are logged and served around
# (community/common/redis_cache.py); the short timeouts keep a Redis that hangs from
# holding up pages. Otherwise local memory, and sessions in the database only.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "community.common.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "community",
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_TIMEOUT_SECONDS", default=0.5),
                "socket_timeout": env.float("REDIS_TIMEOUT_SECONDS", default=0.5),
                "health_check_interval": 30,
            },
        }
    }
    SESSION_ENGINE = "community.accounts.sessions.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "community",
            # A page kept for visitors, a member's page and its parts, and the reads they are
            # made from: about a thousand entries hold a busy hour's pages (a few MB, kept
            # pages are compressed) where Django's 300 made them afresh again and again.
            "OPTIONS": {"MAX_ENTRIES": env.int("LOCAL_CACHE_ENTRIES", default=1000)},
        }
    }
    # Django's database store (the same rows), reading a session with one plain query.
    SESSION_ENGINE = "community.accounts.sessions.db"

# Pages kept for visitors who are not signed in (community/common/page_cache.py) are thrown
# away at once by any write; this only bounds how far "3 minutes ago" on them can drift.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)

# SECTION background tasks
# In-process by default; TASKS_BACKEND=django_tasks_db.DatabaseBackend
# queues them for a worker (`manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="community.common.tasks.AfterWriteBackend"),
    }
}

# SECTION accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "community.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "community.accounts.forms.LoginForm",
    "signup": "community.accounts.forms.SignupForm",
}
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USERNAME_MIN_LENGTH = 3
# New usernames that would pass for the shop's staff are refused (community/accounts/names.py).
ACCOUNT_USERNAME_VALIDATORS = "community.accounts.names.USERNAME_VALIDATORS"
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Failed logins and sign-ups are throttled (allauth uses the cache). A failed login's "key" is
# the account and the address together (community/accounts/adapter.py): a stranger guessing
# a member's password slows down only their own address, never the member elsewhere.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": env.str("RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/5m/key"),
    "signup": env.str("RATE_LIMIT_SIGNUP", default="10/h/ip"),
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Behind a proxy or load balancer, how many of them to look through in X-Forwarded-For to
# find the visitor's address; every limit per address (sign-in, posting, search, the shop
# API's failed tokens) uses it. README, "Behind a load balancer": 0 there makes every visitor
# one address, a count higher than the real number of proxies lets clients pick their own.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SOCIALACCOUNT_PROVIDERS: dict = {}
# Demo accounts and their passwords are listed on the sign-in page (development only).
SHOW_DEMO_ACCOUNTS = env.bool("SHOW_DEMO_ACCOUNTS", default=False)

# SECTION e-mail
# EMAIL_URL: consolemail:// (default, printed), smtp+tls://user:password@host:587, ...
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Community <community@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A claim on an e-mail (a notification, a digest, a review invitation) that has seen no result
# for this long was made by a run that died mid-send: the next run sends it after all.
MAIL_STALE_CLAIM_MINUTES = env.int("MAIL_STALE_CLAIM_MINUTES", default=60)
# The most non-essential e-mails (notifications, digests, review invitations, "Can you help?"
# requests, staff summaries together) one member receives in 7 days; account mail is never
# counted. Members may choose fewer.
MAIL_WEEKLY_CAP = env.int("MAIL_WEEKLY_CAP", default=10)
# Marketing-like e-mail (review invitations, "Can you help?" requests) only with the member's
# consent: off for a member who never chose, and unticked on the sign-up form.
MAIL_MARKETING_REQUIRES_CONSENT = env.bool("MAIL_MARKETING_REQUIRES_CONSENT", default=True)

# SECTION privacy: "Your data", account deletion and retention
# A member's "Your data" zip: how long its e-mailed link works, how often one may ask for it,
# and where the zips wait (outside MEDIA_ROOT: never served by the web server itself).
PERSONAL_DATA_EXPORT_LINK_HOURS = env.int("PERSONAL_DATA_EXPORT_LINK_HOURS", default=48)
PERSONAL_DATA_EXPORT_RATE = env.str("PERSONAL_DATA_EXPORT_RATE", default="3/d")
PERSONAL_DATA_EXPORT_ROOT = Path(
    env.str("PERSONAL_DATA_EXPORT_ROOT", default=str(BASE_DIR / "private" / "exports"))
)
# Days between a member's request to delete their account and its erasure; signing in
# before then cancels it. Wrong passwords on the deletion form, per member.
ACCOUNT_DELETION_COOLING_OFF_DAYS = env.int("ACCOUNT_DELETION_COOLING_OFF_DAYS", default=7)
ACCOUNT_DELETION_PASSWORD_RATE = env.str("ACCOUNT_DELETION_PASSWORD_RATE", default="5/h")
# Days kept before `purge_expired_data` removes them: the search log (per query and day) and
# the records of suggestions opened instead of asking. Expired sessions and rate-limit
# counts go as soon as they have expired.
SEARCH_LOG_RETENTION_DAYS = env.int("SEARCH_LOG_RETENTION_DAYS", default=365)
DEFLECTION_RETENTION_DAYS = env.int("DEFLECTION_RETENTION_DAYS", default=180)

# SECTION internationalisation
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# SECTION static files and media
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads on local disk (MEDIA_ROOT), or with MEDIA_STORAGE=s3 (or a bucket named) in an
# S3-compatible bucket that every app server shares (media_storage.py; README, "Media on
# object storage"). MEDIA_URL then is the bucket's address.
MEDIA_STORAGE = env.str(
    "MEDIA_STORAGE", default="s3" if env.str("AWS_STORAGE_BUCKET_NAME", default="") else "local"
)
if MEDIA_STORAGE == "s3":
    STORAGES["default"], MEDIA_URL = media_storage(env)
    # The "Your data" zips in a private bucket, for every app server; else on local disk.
    if env.str("PERSONAL_DATA_EXPORT_BUCKET", default=""):
        STORAGES["exports"] = private_storage(
            STORAGES["default"], env.str("PERSONAL_DATA_EXPORT_BUCKET")
        )
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured(f"MEDIA_STORAGE={MEDIA_STORAGE!r} is not one of local, s3.")
# Uploaded images: larger files are refused; larger pictures are scaled down.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_PIXELS = env.int("UPLOAD_MAX_PIXELS", default=40_000_000)
# Decoding uploaded pictures, per process: at most this many at once, together holding at
# most this much memory (a picture that alone would need more is refused). With the defaults
# the largest pictures add at most about IMAGE_DECODE_MEMORY_MB to a process's peak, however
# many arrive at once (README, "Upload memory").
IMAGE_DECODE_CONCURRENCY = env.int("IMAGE_DECODE_CONCURRENCY", default=2)
IMAGE_DECODE_MEMORY_MB = env.int("IMAGE_DECODE_MEMORY_MB", default=400)
AVATAR_SIZE = 256
# New avatar pictures (each one is decoded): per member, and per client address for new members
# (as with posts, established members are limited per member only).
AVATAR_RATE_LIMITS = {
    "member": env.str("AVATAR_RATE_MEMBER", default="10/h"),
    "address": env.str("AVATAR_RATE_ADDRESS", default="30/h"),
}
# Photos on posts (and later reviews): the longest side kept, the thumbnail's longest side,
# and how many one post may carry.
PHOTO_MAX_SIDE = env.int("PHOTO_MAX_SIDE", default=2048)
PHOTO_THUMBNAIL_SIDE = 480
# Photos chosen on a form that was sent back are kept this long for the member to send again
# (community.photos.models.KeptPhoto); at most PHOTO_KEEP_MAX per member at a time.
PHOTO_KEEP_HOURS = env.int("PHOTO_KEEP_HOURS", default=24)
PHOTO_KEEP_MAX = env.int("PHOTO_KEEP_MAX", default=24)
FORUM_MAX_PHOTOS = env.int("FORUM_MAX_PHOTOS", default=6)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# SECTION Wagtail
WAGTAIL_SITE_NAME = env.str("SITE_NAME", default="Webshop Community")
# The site's public address, for links that leave the site (e-mails, the admin's previews).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Stemming in Wagtail's own index (the admin's page search); site search stems its own
    # documents (community/search/text.py). Changing it needs `manage.py update_index`.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = env.str("SEARCH_CONFIG", default="english")

# SECTION site search
# Searches are counted in memory and written for the content-gaps report at most this often
# (after a response has gone out), so a search never waits for the database's write lock.
SEARCH_LOG_FLUSH_SECONDS = env.int("SEARCH_LOG_FLUSH_SECONDS", default=30)
# Suggestions under the ask form's title, per IP address.
SEARCH_SUGGESTIONS_RATE = env.str("SEARCH_SUGGESTIONS_RATE", default="60/m")
# The header box's type-ahead, per IP address (one request per pause while typing).
SEARCH_TYPEAHEAD_RATE = env.str("SEARCH_TYPEAHEAD_RATE", default="120/m")
# Opened suggestions recorded as deflections, per IP address (more are not counted).
SEARCH_DEFLECTION_RATE = env.str("SEARCH_DEFLECTION_RATE", default="30/h")
# Anonymous "was this helpful?" answers on articles, per IP address (more get a 429).
KB_FEEDBACK_RATE_ADDRESS = env.str("KB_FEEDBACK_RATE_ADDRESS", default="20/h")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Pages and their translations (English and Dutch) share their addresses: the active
# language picks the tree a page is served from (cms/home.py), without a language prefix.
WAGTAIL_I18N_ENABLED = True
# The admin shows members' avatars from this site (community.accounts.wagtail_hooks), never
# from an outside host: no address of an editor is sent to a gravatar service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# SECTION shop link
# The currency the shop's prices are in (an ISO code); products show prices as information.
SHOP_CURRENCY = env.str("SHOP_CURRENCY", default="EUR")
# The shop API's limits: requests per token, and failed authentications per IP address.
SHOP_API_RATE_LIMITS = {
    "token": env.str("SHOP_API_RATE_LIMIT", default="120/m"),
    "failed_auth": env.str("SHOP_API_FAILED_AUTH_RATE_LIMIT", default="20/10m"),
}
# Specifications one product may carry (in a file or through the API).
SHOP_MAX_SPECIFICATIONS_PER_PRODUCT = env.int("SHOP_MAX_SPECIFICATIONS_PER_PRODUCT", default=100)
# The work one API request may ask for: its body, its rows, all its rows' specifications.
SHOP_API_MAX_BODY_BYTES = env.int("SHOP_API_MAX_BODY_BYTES", default=5 * 1024 * 1024)
SHOP_API_MAX_ROWS = env.int("SHOP_API_MAX_ROWS", default=1000)
SHOP_API_MAX_SPECIFICATIONS = env.int("SHOP_API_MAX_SPECIFICATIONS", default=10_000)
# An API batch is written this many rows per transaction, so members' writes wait for one
# chunk at most, never for the whole batch.
SHOP_API_CHUNK_ROWS = env.int("SHOP_API_CHUNK_ROWS", default=100)

# SECTION public API, widget and webhooks
# Origins (scheme://host[:port]) whose pages may read the API and frame the widget's page:
# the shop's own. Nothing else is allowed.
API_ALLOWED_ORIGINS = env.list("API_ALLOWED_ORIGINS", default=[])
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/m")  # per client address
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=20)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=50)
WIDGET_CACHE_SECONDS = env.int("WIDGET_CACHE_SECONDS", default=3600)
WEBHOOK_TIMEOUT_SECONDS = env.int("WEBHOOK_TIMEOUT_SECONDS", default=10)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=6)
WEBHOOK_PAUSE_AFTER_FAILURES = env.int("WEBHOOK_PAUSE_AFTER_FAILURES", default=10)

# SECTION reviews
# How many photos one review may carry (same sizes and checks as forum photos).
REVIEW_MAX_PHOTOS = env.int("REVIEW_MAX_PHOTOS", default=4)
# Invitations go out this many days after a purchase was delivered ...
REVIEW_INVITATION_DELAY_DAYS = env.int("REVIEW_INVITATION_DELAY_DAYS", default=7)
# ... but never for deliveries older than this, so the first run does not mail all history.
REVIEW_INVITATION_MAX_AGE_DAYS = env.int("REVIEW_INVITATION_MAX_AGE_DAYS", default=60)
# How long the link in an invitation leads to the form; the opt-out link never expires.
REVIEW_INVITATION_LINK_MAX_AGE_DAYS = env.int("REVIEW_INVITATION_LINK_MAX_AGE_DAYS", default=30)
# How often the self-scheduling task runs when the task backend can defer (a worker runs).
REVIEW_INVITATION_INTERVAL_MINUTES = env.int("REVIEW_INVITATION_INTERVAL_MINUTES", default=60)
# A failed send is tried again on later runs, this many times in all.
REVIEW_INVITATION_MAX_ATTEMPTS = env.int("REVIEW_INVITATION_MAX_ATTEMPTS", default=5)

# SECTION reputation and privileges
# Points a member receives (or loses) per event; an event keeps the points it was worth then.
REPUTATION_POINTS = {
    "question_upvoted": env.int("REPUTATION_POINTS_QUESTION_UPVOTED", default=5),
    "answer_upvoted": env.int("REPUTATION_POINTS_ANSWER_UPVOTED", default=10),
    "answer_downvoted": env.int("REPUTATION_POINTS_ANSWER_DOWNVOTED", default=-2),
    "answer_accepted": env.int("REPUTATION_POINTS_ANSWER_ACCEPTED", default=15),
    "answer_official": env.int("REPUTATION_POINTS_ANSWER_OFFICIAL", default=10),
    "answer_promoted": env.int("REPUTATION_POINTS_ANSWER_PROMOTED", default=25),
    "review_helpful": env.int("REPUTATION_POINTS_REVIEW_HELPFUL", default=2),
    "hidden_as_spam": env.int("REPUTATION_POINTS_HIDDEN_AS_SPAM", default=-100),
    "edit_accepted": env.int("REPUTATION_POINTS_EDIT_ACCEPTED", default=2),
}
# The reputation at which each privilege unlocks (staff have them all).
REPUTATION_PRIVILEGE_THRESHOLDS = {
    "skip_first_post_queue": env.int("REPUTATION_SKIP_FIRST_POST_QUEUE_AT", default=10),
    "vote_down": env.int("REPUTATION_VOTE_DOWN_AT", default=15),
    "more_links": env.int("REPUTATION_MORE_LINKS_AT", default=50),
    "close_votes": env.int("REPUTATION_CLOSE_VOTES_AT", default=250),
    # Below "edit_others", an edit to someone else's post is a suggestion that waits for a
    # decision; these two come from reputation only, never from being staff.
    "suggest_edits": env.int("REPUTATION_SUGGEST_EDITS_AT", default=100),
    "edit_others": env.int("REPUTATION_EDIT_OTHERS_AT", default=1000),
}
# How many members' votes close a question as a duplicate of the same original.
REPUTATION_CLOSE_VOTES_NEEDED = env.int("REPUTATION_CLOSE_VOTES_NEEDED", default=3)
# Links one post may carry: new members, and members with the "more links" privilege.
TRUST_NEW_MEMBER_MAX_LINKS = env.int("TRUST_NEW_MEMBER_MAX_LINKS", default=2)
TRUST_MAX_LINKS = env.int("TRUST_MAX_LINKS", default=10)
# Badge milestones: helpful marks on one's reviews; answers to questions about one product.
BADGE_HELPFUL_REVIEWER_MARKS = env.int("BADGE_HELPFUL_REVIEWER_MARKS", default=10)
BADGE_PRODUCT_EXPERT_ANSWERS = env.int("BADGE_PRODUCT_EXPERT_ANSWERS", default=10)

# SECTION notifications
# "Can you help?" requests to verified buyers who opted in: how many buyers one new question
# asks, and the most any member receives in 7 days (members may choose fewer).
NOTIFICATIONS_HELP_REQUESTS_PER_QUESTION = env.int(
    "NOTIFICATIONS_HELP_REQUESTS_PER_QUESTION", default=3
)
NOTIFICATIONS_HELP_REQUESTS_PER_WEEK = env.int("NOTIFICATIONS_HELP_REQUESTS_PER_WEEK", default=2)
# Mentions beyond this many in one post are ignored (a post is not a mailing list).
NOTIFICATIONS_MAX_MENTIONS = env.int("NOTIFICATIONS_MAX_MENTIONS", default=10)
# A notification e-mail that failed is tried again (by later tasks and `send_digests`) this
# many times in all, for this many hours after the event.
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_EMAIL_RETRY_HOURS = env.int("NOTIFICATIONS_EMAIL_RETRY_HOURS", default=48)
# With a worker (a backend that can defer), the digest task schedules itself this often.
NOTIFICATIONS_DIGEST_INTERVAL_MINUTES = env.int("NOTIFICATIONS_DIGEST_INTERVAL_MINUTES", default=60)

# SECTION insights
# The worklist of unanswered questions lists those older than this many days.
INSIGHTS_UNANSWERED_DAYS = env.int("INSIGHTS_UNANSWERED_DAYS", default=2)
# The longest custom period, which bounds the rows one Insights page reads.
INSIGHTS_MAX_PERIOD_DAYS = env.int("INSIGHTS_MAX_PERIOD_DAYS", default=366)
# The weekly summary e-mail: how often the self-scheduling task looks for due summaries
# (with a worker), and how many times a failed one is tried.
INSIGHTS_SUMMARY_INTERVAL_MINUTES = env.int("INSIGHTS_SUMMARY_INTERVAL_MINUTES", default=60)
INSIGHTS_SUMMARY_MAX_ATTEMPTS = env.int("INSIGHTS_SUMMARY_MAX_ATTEMPTS", default=5)

# SECTION moderation and trust
# A new member's first posts (of every kind) wait for a moderator; 0 publishes them at once.
MODERATION_HOLD_FIRST_POSTS = env.int("MODERATION_HOLD_FIRST_POSTS", default=1)
# A new member's post with this many links waits for a moderator (0: never held for links).
MODERATION_HOLD_LINKS_AT = env.int("MODERATION_HOLD_LINKS_AT", default=2)
# A new member's post repeating the text of one of their posts of the last hours is held.
MODERATION_HOLD_DUPLICATES = env.bool("MODERATION_HOLD_DUPLICATES", default=True)
MODERATION_DUPLICATE_WINDOW_HOURS = env.int("MODERATION_DUPLICATE_WINDOW_HOURS", default=24)
# Standing: reports count toward hiding a post, and votes and accepts earn its author
# reputation, only from staff and from members whose account is this many days old with a
# verified e-mail address, or who have this much reputation
# (community.moderation.trust.has_standing). Reports by others still reach the queue; their
# votes still count in the score and their accepts still mark the answer.
TRUST_STANDING_MIN_AGE_DAYS = env.int("TRUST_STANDING_MIN_AGE_DAYS", default=3)
TRUST_STANDING_MIN_REPUTATION = env.int("TRUST_STANDING_MIN_REPUTATION", default=15)
# Flags: a member's flag weighs 1, a trusted member's (this much reputation) more; open flags
# weighing this much together hide the item until a moderator decides.
MODERATION_FLAG_WEIGHT = env.int("MODERATION_FLAG_WEIGHT", default=1)
MODERATION_TRUSTED_FLAG_WEIGHT = env.int("MODERATION_TRUSTED_FLAG_WEIGHT", default=2)
MODERATION_TRUSTED_FLAGGER_REPUTATION = env.int("MODERATION_TRUSTED_FLAGGER_REPUTATION", default=50)
MODERATION_AUTO_HIDE_WEIGHT = env.int("MODERATION_AUTO_HIDE_WEIGHT", default=3)
# Posting rates ("<count>/<period>", see community/common/ratelimit.py) for every new post of
# any kind: per member (stricter for new members) and per client address; and for flags.
MODERATION_RATE_LIMITS = {
    "member": env.str("MODERATION_RATE_MEMBER", default="6/m"),
    "new_member": env.str("MODERATION_RATE_NEW_MEMBER", default="3/5m"),
    "address": env.str("MODERATION_RATE_ADDRESS", default="30/m"),
    "flag": env.str("MODERATION_RATE_FLAG", default="10/10m"),
}
# Votes (up, down or taken back) per member, same notation.
MODERATION_RATE_VOTE = env.str("MODERATION_RATE_VOTE", default="30/10m")
# Notices of illegal content per visitor's address (anonymous) or per member, same notation.
MODERATION_RATE_NOTICE = env.str("MODERATION_RATE_NOTICE", default="5/h")
# The longest suspension a moderator can give in one go.
MODERATION_MAX_SUSPENSION_DAYS = env.int("MODERATION_MAX_SUSPENSION_DAYS", default=365)
# The queue and audit log show this many rows per page.
MODERATION_PAGE_SIZE = env.int("MODERATION_PAGE_SIZE", default=25)

# SECTION security (production.py turns the HTTPS settings on)
# Believe X-Forwarded-Proto ("this came in over HTTPS") only when a proxy in front of the site
# sets it and replaces whatever the client sent; otherwise any client could claim HTTPS.
if env.bool("PROXY_SETS_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# SECTION content security policy (django-csp; community/common/content_security.py)
# No inline script runs on the public site: scripts and styles are files under /static/
# (tests/common/test_content_security.py scans the templates for inline script).
_MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "//" in MEDIA_URL else ""
# Where embedded videos (Wagtail embeds in articles) may come from.
_VIDEO_ORIGINS = env.list(
    "CSP_FRAME_SRC",
    default=[
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [_MEDIA_ORIGIN])],
        "media-src": [SELF, *filter(None, [_MEDIA_ORIGIN])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": _VIDEO_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The admins (staff only): Wagtail's editor and Django's admin use inline styles and scripts,
# show avatars from Gravatar, preview pages in a frame of their own and look for updates.
CONTENT_SECURITY_POLICY_ADMIN = {
    "PATHS": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        # Gravatar without a scheme: it is asked for with the page's own (http in development).
        "img-src": [SELF, "data:", "blob:", "https:", "www.gravatar.com"],
        "frame-src": [SELF, *_VIDEO_ORIGINS],
        "frame-ancestors": [SELF],
        # The dashboard's "a new Wagtail version is out" notice.
        "connect-src": [SELF, "https://releases.wagtail.org"],
    },
}

# SECTION logging
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # A line per background task and per page saved drowns everything else out.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
