"""Check every member's stored reputation against their events; ``--fix`` repairs the totals."""

from django.core.management.base import BaseCommand

from community.reputation.services import reputation_recompute


class Command(BaseCommand):
    help = (
        "Adds up every member's reputation events and lists members whose stored reputation "
        "differs; with --fix, sets the stored totals (and badge counts) to what the records say."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Store the recomputed totals for every mismatch."
        )

    def handle(self, *args, fix: bool = False, **options):
        mismatches = reputation_recompute(fix=fix)
        for mismatch in mismatches:
            self.stdout.write(
                f"{mismatch.username}: stored {mismatch.stored}, events add up to "
                f"{mismatch.computed}" + (" (fixed)" if fix else "")
            )
        if not mismatches:
            self.stdout.write(self.style.SUCCESS("Every stored reputation matches its events."))
        elif fix:
            self.stdout.write(self.style.SUCCESS(f"Fixed {len(mismatches)} member(s)."))
        else:
            self.stdout.write(
                self.style.WARNING(f"{len(mismatches)} mismatch(es); run with --fix to repair.")
            )
