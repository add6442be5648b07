from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from community.search.relevance import evaluate


class Command(BaseCommand):
    help = "Report recall@3 and MRR of site search against a relevance set (demo content)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--set",
            default=str(Path(settings.BASE_DIR) / "tests" / "search" / "relevance.json"),
            help="The relevance set (JSON).",
        )

    def handle(self, *args, **options):
        report = evaluate(Path(options["set"]))
        for query, rank in report.misses:
            self.stdout.write(f"  not first: {query!r} (rank {rank or 'not found'})")
        self.stdout.write(
            f"queries: {report.queries}  recall@3: {report.recall_at_3:.3f}  MRR: {report.mrr:.3f}"
        )
