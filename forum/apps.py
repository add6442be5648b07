from django.utils.translation import gettext_lazy as _

from community.common import app_registration


class ForumConfig(app_registration.RegisteringAppConfig):
    """Boards, topics and posts."""

    name = "forum"
    verbose_name = _("Forum")
    registers = (
        "profile",
        "search_sources",
        "sections",
        "moderation",
        "notifications",
        "personal_data",
    )
