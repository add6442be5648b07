"""``manage.py update_index``: Wagtail's index rebuilt (the admin's searches), then every site
search document (community/search/documents.py)."""

import time

from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as WagtailUpdateIndex,
)

from community.search.documents import rebuild_documents


class Command(WagtailUpdateIndex):
    help = "Rebuild Wagtail's search index and the site search documents."

    def handle(self, **options):
        super().handle(**options)
        if options.get("schema_only"):
            return
        started = time.perf_counter()
        count = rebuild_documents()
        if options["verbosity"]:
            self.stdout.write(
                f"Site search: {count} documents built in {time.perf_counter() - started:.1f} s."
            )
