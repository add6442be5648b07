"""Erase the accounts whose cooling-off period is over (run daily, or hourly, from cron).

manage.py erase_deleted_accounts
"""

from django.core.management.base import BaseCommand

from community.accounts.deletion import accounts_erase_due


class Command(BaseCommand):
    help = "Erase the accounts whose members asked for deletion and did not sign in since."

    def handle(self, *args, **options):
        erased = accounts_erase_due()
        self.stdout.write(f"Erased {erased} account(s).")
