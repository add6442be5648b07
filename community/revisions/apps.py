from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisionsConfig(AppConfig):
    """Edit history for every kind of post: who changed what, and when."""

    name = "community.revisions"
    label = "revisions"
    verbose_name = _("Revisions")
