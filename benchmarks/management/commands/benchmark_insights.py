"""Server time of the Insights page on a large community: a script, not a test.

Fills a throwaway database with 10,000 questions and 40,000 answers (benchmark_qa's bulk
seeding, spread over two years) and 20,000 order lines, then times the Insights page and a
CSV download in-process with Django's test client, signed in as staff, for 30, 90 and 366
days (the longest period a form accepts). Prints the median and 95th percentile and the
queries per request as a Markdown table.

    rm -f /tmp/insights-bench.sqlite3
    export DATABASE_URL=sqlite:////tmp/insights-bench.sqlite3 DJANGO_ENV=development DEBUG=false
    python manage.py migrate -v0 && python manage.py benchmark_insights

Like benchmark_qa it refuses the development database and a database holding questions it did
not make, unless given --force; running it again reuses the data.
"""

from __future__ import annotations

import math
import platform
import random
import statistics
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchmarks.harness import (
    BENCH_PREFIX,
    add_data_arguments,
    check_database,
    ok,
    quiet_static_warnings,
    seed_once,
)
from benchmarks.management.commands.benchmark_qa import STAFF, _seed
from cms.models import ProductPage
from community.accounts.models import User
from qa.models import Answer, Question
from shop.models import Purchase

ORDER_LINES = 20_000


class Command(BaseCommand):
    help = "Seed 10,000 questions, 40,000 answers and 20,000 order lines; time Insights."

    def add_arguments(self, parser):
        add_data_arguments(parser, runs=30, runs_help="timed requests of each")

    def handle(self, *args, **options):
        quiet_static_warnings()
        check_database(force=options["force"])
        rng = random.Random(2026)  # noqa: S311 (benchmark data, not security)

        def seed():
            _seed(rng, questions=options["questions"], answers=options["answers"], comments=0)
            _orders_seed(rng)

        seed_once(self.stdout, seed)
        staff = User.objects.get(username=STAFF)
        staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client = Client(HTTP_HOST="localhost")
        client.force_login(staff)
        today = timezone.localdate()
        longest = settings.INSIGHTS_MAX_PERIOD_DAYS
        custom = {
            "period": "custom",
            "start": (today - timedelta(days=longest - 1)).isoformat(),
            "end": today.isoformat(),
        }
        cases = [
            ("Insights, last 30 days", reverse("insights"), {"period": "30"}),
            ("Insights, last 90 days", reverse("insights"), {"period": "90"}),
            (f"Insights, {longest} days", reverse("insights"), custom),
            (
                f"… one product, {longest} days",
                reverse("insights"),
                {**custom, "product": ProductPage.objects.order_by("pk").first().pk},
            ),
            (
                f"CSV of the product table, {longest} days",
                reverse("insights-csv", args=["products"]),
                custom,
            ),
        ]
        lines = [
            f"Database: {connection.vendor}; Python {platform.python_version()}; "
            f"{Question.objects.count()} questions, {Answer.objects.count()} answers, "
            f"{Purchase.objects.count()} order lines; {options['runs']} runs each.",
            "",
            "| request | questions in the period | median ms | p95 ms | queries |",
            "|---|---:|---:|---:|---:|",
        ]
        for label, url, query in cases:
            in_period = _questions_in(query, today)
            timings, queries = _time(client, url, query, runs=options["runs"])
            lines.append(
                f"| {label} | {in_period} | {statistics.median(timings):.0f} | "
                f"{_p95(timings):.0f} | {queries} |"
            )
        self.stdout.write("\n".join(lines))


def _questions_in(query: dict, today) -> int:
    days = (
        settings.INSIGHTS_MAX_PERIOD_DAYS if query["period"] == "custom" else int(query["period"])
    )
    since = timezone.now() - timedelta(days=days)
    questions = Question.objects.filter(created_at__gte=since)
    if "product" in query:
        questions = questions.filter(product_id=query["product"])
    return questions.count()


def _time(client: Client, url: str, query: dict, *, runs: int) -> tuple[list[float], int]:
    for _ in range(2):  # warm-up
        ok(client.get(url, query))
    with CaptureQueriesContext(connection) as captured:
        ok(client.get(url, query))
    # Counted now: the captured queries are read from the connection's log, which the
    # next request empties.
    queries = len(captured)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        ok(client.get(url, query))
        timings.append((time.perf_counter() - started) * 1000)
    return timings, queries


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _orders_seed(rng: random.Random) -> None:
    """Order lines for the benchmark's products over the same two years as the questions."""
    products = list(ProductPage.objects.order_by("pk"))
    now = timezone.now()
    Purchase.objects.bulk_create(
        [
            Purchase(
                order_id=f"{BENCH_PREFIX}{number}",
                email=f"{BENCH_PREFIX}buyer{number % 3000}@example.com",
                sku=(product := rng.choice(products)).sku or f"BENCH-{product.pk}",
                product=product,
                ordered_at=now - timedelta(days=730) * rng.random(),
            )
            for number in range(ORDER_LINES)
        ],
        batch_size=1000,
    )
