"""The knowledge base's review step: editors approve what is submitted, and approving publishes.

Wagtail's group approval offers a plain "Approve" that acts at once. Approving an article puts
it on the site for every reader, so here approving always opens a confirmation first (with an
optional comment), which says that the article goes live; "Request changes" stays as it is.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask


class KnowledgeBaseApprovalTask(GroupApprovalTask):
    """A group approval whose "approve" asks to confirm that the page is published now."""

    def get_actions(self, obj, user):
        if not super().get_actions(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve and publish"), True),
        ]

    def get_template_for_action(self, action):
        if action == "approve":
            return "cms/admin/confirm_approval.html"
        return super().get_template_for_action(action)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve, and so publish, what is submitted; "
            "approving asks them to confirm first"
        )

    class Meta:
        verbose_name = _("Knowledge-base approval")
        verbose_name_plural = _("Knowledge-base approvals")
