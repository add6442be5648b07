"""Search time on a large community: a script, not a test.

Fills a throwaway database with 10,000 questions and 40,000 answers (benchmark_qa's bulk
seeding) and 500 knowledge-base articles, rebuilds the search index, then times site search
(the ranked, merged search of every kind plus the page of hits shown), the ask form's
suggestions and the header box's type-ahead. Prints the median and 95th percentile.

    rm -f /tmp/search-bench.sqlite3
    export DATABASE_URL=sqlite:////tmp/search-bench.sqlite3 DJANGO_ENV=development DEBUG=false
    python manage.py migrate -v0 && python manage.py benchmark_search

It refuses the development database (db.sqlite3) and a database with questions it did not
make, unless given --force. Running it again reuses the data.
"""

from __future__ import annotations

import platform
import random
import statistics
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from wagtail.rich_text import RichText

from benchmarks.harness import add_data_arguments, ok, quiet_static_warnings, seed_once
from benchmarks.management.commands.benchmark_qa import THINGS, _seed
from cms.enums import Layer
from cms.knowledge_base import ArticlePage, KnowledgeBaseSectionPage
from community.search import selectors, typeahead
from demo.loader import demo_seed
from qa.models import Answer, Question

ARTICLE_PREFIX = "Bench guide"
TOPICS = [
    "Cleaning and care for the {thing}",
    "Choosing the right {thing}",
    "Getting started with your {thing}",
    "Troubleshooting the {thing}",
    "Spare parts and repairs for the {thing}",
]
QUERIES = [
    "induction hob",
    "clean skillet",
    "warranty outdoors",
    "spare parts moka pot",
    "dishwasher",
    "food sticks pan",
    "how long heat up",
    "big enough family",
    "pizza oven present beginner",
    "descaling kettle",
    "grinder",
    "teapot rust",
    "knif sharpning",  # typos: the did-you-mean fallback runs
    "camping stove cold weather",
    "which size dutch oven",
]


class Command(BaseCommand):
    help = "Seed 10,000 questions, 40,000 answers and 500 articles; time site search."

    def add_arguments(self, parser):
        add_data_arguments(parser, runs=200, runs_help="timed searches per kind")
        parser.add_argument("--articles", type=int, default=500)

    def handle(self, *args, **options):
        quiet_static_warnings()
        self._check_database(force=options["force"])
        rng = random.Random(2026)  # noqa: S311 (benchmark data, not security)

        def seed():
            demo_seed(StringIO())  # site, products, knowledge base
            _seed(rng, questions=options["questions"], answers=options["answers"], comments=0)
            _articles_seed(rng, count=options["articles"])

        if seed_once(self.stdout, seed):
            started = time.perf_counter()
            call_command("update_index", stdout=StringIO(), stderr=StringIO())
            self.stdout.write(f"Indexed in {time.perf_counter() - started:.1f} s.")

        search_ms = _time(lambda q: selectors.search_everything(q), options["runs"])
        page_client = Client(HTTP_HOST="localhost")
        page_ms = _time(
            lambda q: ok(page_client.get("/search/", {"q": q})), options["runs"], warmup=5
        )
        suggest_client = Client(HTTP_HOST="localhost")

        def suggest(q):
            ok(suggest_client.get("/search/suggestions/", {"title": q}, HTTP_HX_REQUEST="true"))

        with _unlimited_suggestions():
            suggest_ms = _time(suggest, options["runs"], warmup=5)
        typeahead_ms = self._time_typeahead(options["runs"])
        self.stdout.write(self._report(search_ms, page_ms, suggest_ms, typeahead_ms, options))

    def _time_typeahead(self, runs: int) -> list[float]:
        """The header box's type-ahead as a customer types: each query's growing prefixes
        ("de", "des", ... "descaling kettle"), each asked once with an empty cache, as the
        first visitor to type it would (later ones get the cached ranking)."""
        client = Client(HTTP_HOST="localhost")
        prefixes = [query[:end] for query in QUERIES for end in range(2, len(query) + 1)]
        with _unlimited_suggestions():
            for prefix in prefixes[:5]:  # warm-up
                ok(client.get("/search/typeahead/", {"q": prefix}, HTTP_HX_REQUEST="true"))
            timings = []
            for index in range(runs):
                prefix = prefixes[index % len(prefixes)]
                cache.delete(typeahead.cache_key(selectors.normalise_query(prefix)))
                started = time.perf_counter()
                ok(client.get("/search/typeahead/", {"q": prefix}, HTTP_HX_REQUEST="true"))
                timings.append((time.perf_counter() - started) * 1000)
        return timings

    def _check_database(self, *, force: bool) -> None:
        development_db = Path(settings.BASE_DIR) / "db.sqlite3"
        name = Path(str(settings.DATABASES["default"]["NAME"]))
        if not force and connection.vendor == "sqlite" and name == development_db:
            raise CommandError("This is the development database; use a throwaway one.")
        # The demo content it seeds itself is fine; anything else is someone's real data.
        ours = ArticlePage.objects.filter(title__startswith=ARTICLE_PREFIX).exists()
        if not force and not ours and Question.objects.exists():
            raise CommandError(
                "This database holds questions the benchmark did not make. "
                "Use a throwaway database, or pass --force."
            )

    def _report(self, search_ms, page_ms, suggest_ms, typeahead_ms, options) -> str:
        lines = [
            f"Database: {connection.vendor}; Python {platform.python_version()}; "
            f"{Question.objects.count()} questions, {Answer.objects.count()} answers, "
            f"{ArticlePage.objects.count()} articles; {options['runs']} runs each over "
            f"{len(QUERIES)} queries.",
            "",
            "| What | median ms | p95 ms |",
            "|---|---:|---:|",
        ]
        for label, timings in (
            ("search_everything (ranked, all kinds)", search_ms),
            ("GET /search/?q= (whole page)", page_ms),
            ("GET /search/suggestions/ (ask form)", suggest_ms),
            ("GET /search/typeahead/ (header box, uncached)", typeahead_ms),
        ):
            lines.append(f"| {label} | {_median(timings):.1f} | {_p95(timings):.1f} |")
        return "\n".join(lines)


class _unlimited_suggestions:
    """No rate limit on the suggestions and the type-ahead while timing them."""

    NAMES = ("SEARCH_SUGGESTIONS_RATE", "SEARCH_TYPEAHEAD_RATE")

    def __enter__(self):
        self.saved = {name: getattr(settings, name) for name in self.NAMES}
        for name in self.NAMES:
            setattr(settings, name, "1000000/m")

    def __exit__(self, *exc):
        for name, value in self.saved.items():
            setattr(settings, name, value)


def _time(action, runs: int, warmup: int = 5) -> list[float]:
    for query in QUERIES[:warmup]:
        action(query)
    timings = []
    for index in range(runs):
        query = QUERIES[index % len(QUERIES)]
        started = time.perf_counter()
        action(query)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _articles_seed(rng: random.Random, *, count: int) -> None:
    """Articles are Wagtail pages: created one by one in the after-sales section (tree paths)."""
    section = KnowledgeBaseSectionPage.objects.filter(layer=Layer.AFTER_BUYING).first()
    if section is None:
        raise CommandError("No after-sales knowledge-base section; seed_demo should make one.")
    for number in range(count):
        thing = rng.choice(THINGS)
        title = f"{ARTICLE_PREFIX} {number}: " + rng.choice(TOPICS).format(thing=thing)
        article = ArticlePage(
            title=title,
            slug=f"bench-guide-{number}",
            summary=f"What to know about the {thing}, from the shop's support team.",
            body=[
                (
                    "paragraph",
                    RichText(
                        f"<p>Keep the {thing} clean and dry. Check the manual for the "
                        "warranty and spare parts. Most problems come from heat that is "
                        "too high or from cleaning with abrasive sponges.</p>"
                    ),
                )
            ],
        )
        section.add_child(instance=article)
        section.refresh_from_db()
