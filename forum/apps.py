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

    def ready(self):
        from community.common.page_cache import ignore_writes_to

        from .models import TopicReadState

        super().ready()
        # How far a member has read is shown to them alone, never on a page kept for visitors.
        ignore_writes_to(TopicReadState)
