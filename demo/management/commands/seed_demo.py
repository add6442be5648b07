from django.core.management.base import BaseCommand

from demo.loader import demo_seed


class Command(BaseCommand):
    help = "Load demo content. Safe to run again: what exists is left as it is."

    def handle(self, *args, **options):
        demo_seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
