"""Remove what the site keeps only for a while (run daily from cron).

    manage.py purge_expired_data

Each purge is registered by the part that keeps the data (``community.common.retention``);
the periods are settings (README, "Settings").
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from community.common.retention import retention_purges


class Command(BaseCommand):
    help = "Remove search logs, deflection records, sessions and data downloads past their time."

    def handle(self, *args, **options):
        now = timezone.now()
        for _key, label, purge in retention_purges():
            self.stdout.write(f"{label}: {purge(now)}")
