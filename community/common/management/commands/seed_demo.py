from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# Each part of the site adds its demo content here, in the order it depends on.
SEEDERS = [
    "community.accounts.demo.seed",
    "community.shop.demo.seed",
    "qa.demo.seed",
    "cms.knowledge_base_demo.seed",
    "forum.demo.seed",
]


class Command(BaseCommand):
    help = "Load demo content. Safe to run again: what exists is left as it is."

    def handle(self, *args, **options):
        for dotted_path in SEEDERS:
            import_string(dotted_path)(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
