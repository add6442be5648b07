from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search over everything public, suggestions while asking, and the content-gap log.

    What is searched is registered by the apps (community/search/registry.py).
    """

    name = "community.search"
    # "search" is wagtail.search's label; ours must not clash with it.
    label = "sitesearch"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import atexit

        from django.core.signals import request_finished
        from django.db.models.signals import post_delete, post_migrate, post_save

        from community.common.page_cache import ignore_writes_to

        from . import documents, indexing, registry, retention, services
        from .models import DeflectionEvent, SearchQueryLog, SearchSynonym
        from .synonyms import synonyms_forget

        post_save.connect(
            synonyms_forget, sender=SearchSynonym, dispatch_uid="search-synonyms-save"
        )
        post_delete.connect(
            synonyms_forget, sender=SearchSynonym, dispatch_uid="search-synonyms-delete"
        )
        retention.register()
        from wagtail.search.models import IndexEntry

        # What was searched and which suggestion was opened: staff reports, no visitor page;
        # Wagtail's own index serves the admin's search only.
        ignore_writes_to(SearchQueryLog, DeflectionEvent, IndexEntry)
        request_finished.connect(
            services.search_log_flush_when_due, dispatch_uid="search-log-flush"
        )
        atexit.register(services.search_log_flush)  # a worker that stops keeps its counts
        # The search documents follow every source's rows, and the parents of their children.
        registry.watch_sources(documents.watch_source)
        indexing.refresh_parents_also_with(documents.refresh_parent_later)
        post_migrate.connect(
            documents.fill_when_empty, sender=self, dispatch_uid="search-documents-fill"
        )
