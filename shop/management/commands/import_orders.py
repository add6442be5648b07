from shop.enums import FeedSubject
from shop.services import purchase_import_rows

from ._feed_command import FeedImportCommand


class Command(FeedImportCommand):
    help = (
        "Create or update purchases from the shop's orders (CSV or JSON), one per order "
        "number and SKU. Safe to run again. README.md (The shop link) describes the formats."
    )
    subject = FeedSubject.ORDERS

    def run_import(self, rows, options, progress):
        return purchase_import_rows(rows=rows, progress=progress)
