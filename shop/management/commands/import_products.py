from shop.enums import FeedSubject, MissingProducts
from shop.services import product_import_rows

from ._feed_command import FeedImportCommand


class Command(FeedImportCommand):
    help = (
        "Create or update product pages from the shop's catalogue (CSV or JSON), by SKU. "
        "Safe to run again. Products missing from the file are listed and left as they are, "
        "unless --unpublish-missing. README.md (The shop link) describes the formats."
    )
    subject = FeedSubject.PRODUCTS

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--unpublish-missing",
            action="store_true",
            help="Unpublish live products that are not in the file (nothing is deleted).",
        )

    def run_import(self, rows, options, progress):
        missing = (
            MissingProducts.UNPUBLISH if options["unpublish_missing"] else MissingProducts.REPORT
        )
        return product_import_rows(rows=rows, missing=missing, progress=progress)
