from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search over everything public, suggestions while asking, and the content-gap log."""

    name = "community.search"
    # "search" is wagtail.search's label; ours must not clash with it.
    label = "sitesearch"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from .indexing import reindex_parent_of_answer, reindex_parent_of_post

        # A question is indexed with its answers' text and a topic with its posts' text, so
        # saving an answer or a post re-indexes its parent (Wagtail only sees the parent's save).
        post_save.connect(
            reindex_parent_of_answer, sender="qa.Answer", dispatch_uid="search-answer"
        )
        post_save.connect(reindex_parent_of_post, sender="forum.Post", dispatch_uid="search-post")
