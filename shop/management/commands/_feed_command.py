"""What import_products and import_orders share: reading the file, progress and the summary."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from shop.enums import FeedFormat, FeedSubject
from shop.feeds import FeedError, FeedRow, feed_rows_from_file
from shop.progress import ProgressBar
from shop.reports import ImportReport


class DryRunRollback(Exception):
    def __init__(self, report: ImportReport):
        self.report = report


class FeedImportCommand(BaseCommand):
    subject: FeedSubject

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The feed: a .csv or .json file.")
        parser.add_argument(
            "--format",
            choices=[feed_format.value for feed_format in FeedFormat],
            help="The file's format, when its name does not end in .csv or .json.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check and report everything, then undo it: nothing is saved.",
        )

    def handle(self, *args, **options):
        try:
            rows = feed_rows_from_file(
                options["file"], subject=self.subject, file_format=options["format"]
            )
        except FeedError as error:
            raise CommandError(str(error)) from error
        # The bar redraws one line in place: it writes to the raw stream, because Django's
        # wrapper would colour every redraw and end it with a newline.
        raw_stderr = getattr(self.stderr, "_out", self.stderr)
        progress = ProgressBar(total=len(rows), stream=raw_stderr, label=self.subject.label)
        try:
            if options["dry_run"]:
                report = self._dry_run(rows, options, progress.advance)
            else:
                # No transaction around the whole file: a long import should not hold the
                # database's write lock, and running it again is safe after an interruption.
                report = self.run_import(rows, options, progress.advance)
        finally:
            progress.finish()
        self.write_summary(report, dry_run=options["dry_run"])

    def _dry_run(self, rows, options, progress) -> ImportReport:
        try:
            with transaction.atomic():
                report = self.run_import(rows, options, progress)
                raise DryRunRollback(report)
        except DryRunRollback as rollback:
            return rollback.report

    def run_import(self, rows: list[FeedRow], options, progress) -> ImportReport:
        raise NotImplementedError

    def write_summary(self, report: ImportReport, *, dry_run: bool) -> None:
        lines = report.summary_lines()
        style = self.style.WARNING if report.rejected else self.style.SUCCESS
        self.stdout.write(style(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
