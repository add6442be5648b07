"""Local development: debug on, e-mail on the console, demo accounts listed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SHOW_DEMO_ACCOUNTS = env.bool("SHOW_DEMO_ACCOUNTS", default=True)
# Signing up locally should not require a working mailbox; the link is on the console.
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
