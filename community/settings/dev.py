"""Local development: debug on, e-mail on the console, demo accounts listed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SHOW_DEMO_ACCOUNTS = env.bool("SHOW_DEMO_ACCOUNTS", default=True)
# Signing up locally should not require a working mailbox; the link is on the console.
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
# The pretend shop page of examples/widget/, served on port 8001, may embed the widget.
API_ALLOWED_ORIGINS = env.list(
    "API_ALLOWED_ORIGINS", default=["http://127.0.0.1:8001", "http://localhost:8001"]
)
