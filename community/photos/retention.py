"""How long photos chosen on a form that was sent back are kept for their member to send
again (``PHOTO_KEEP_HOURS``). Purged by ``purge_expired_data``."""

from django.utils.translation import gettext_lazy as _

from community.common.retention import register_retention_purge

from .services import kept_photos_purge


def register() -> None:
    register_retention_purge("kept-photos", kept_photos_purge, label=_("kept photos"))
