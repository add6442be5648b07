"""Server time of the Q&A pages on a large community: a script, not a test.

Fills a throwaway database with 10,000 questions and 40,000 answers (bulk inserts, counters
consistent with the rows), then times requests in-process with Django's test client (no
network, no web server): the question list in several orders and pages, question pages, and
posting an answer. Prints median and 95th percentile per request type as a Markdown table.

Run it on its own SQLite file, never on a database that matters::

    rm -f /tmp/qa-bench.sqlite3
    export DATABASE_URL=sqlite:////tmp/qa-bench.sqlite3 DJANGO_ENV=development DEBUG=false
    python manage.py migrate -v0 && python manage.py benchmark_qa

It refuses a database holding questions it did not make, and the development database
(db.sqlite3), unless given --force. Running it again reuses the benchmark data.
"""

from __future__ import annotations

import cProfile
import io
import math
import os
import platform
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http.request import validate_host
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from benchmarks.harness import (
    BENCH_PREFIX,
    add_data_arguments,
    check_database,
    members_ensure,
    quiet_static_warnings,
    seed_once,
)
from cms.models import ProductPage
from cms.services import product_index_get_or_create
from community.accounts.models import User
from community.common.buying_phase import Phase
from community.common.markup import render_markup
from community.common.models import title_slug
from community.revisions.models import Revision
from qa.models import Answer, AnswerVote, Comment, Question, QuestionVote

POSTER = f"{BENCH_PREFIX}poster"
STAFF = f"{BENCH_PREFIX}staff"
MEMBERS = 300
# The benchmark's members are established: they joined when the data begins (two years
# ago), with reputation past the first-post hold, so the poster's answers publish at once.
MEMBER_REPUTATION = 100
UNREACHED_RATE = "1000000/m"
TARGETS_MS = {"list": 12.0, "question": 12.0, "answer": 15.0}

THINGS = [
    "skillet", "Dutch oven", "saucepan", "frying pan", "chef's knife", "burr grinder",
    "gooseneck kettle", "French press", "moka pot", "teapot", "kettle barbecue",
    "camping stove", "pizza oven", "meat thermometer", "cook set",
]  # fmt: skip
TITLES = [
    "Does the {thing} work on an induction hob",
    "How do I clean the {thing} after a long cook",
    "Is the {thing} big enough for a family of five",
    "Which size of {thing} should I choose",
    "Can the {thing} go in the dishwasher",
    "How long does the {thing} take to heat up",
    "Where do I get spare parts for the {thing}",
    "Does the warranty cover the {thing} when used outdoors",
    "Why does food stick to my {thing}",
    "Is the {thing} a good present for a beginner",
]
SENTENCES = [
    "I have read the product page and the manual, but I am still not sure.",
    "We cook for four most days and for ten on a busy weekend.",
    "My hob is an induction hob from 2019 with a **booster** zone.",
    "The old one I had lasted six years, so I want something that lasts longer.",
    "I tried the tips from the care guide:\n\n- hot water\n- a soft sponge\n- drying it well",
    "Has anyone used it for more than a year? How does it hold up?",
    "I would rather ask before I order than send it back later.",
    "The shop's description says it is suitable, but reviews elsewhere disagree.",
]
ANSWER_SENTENCES = [
    "I have had mine for two years and use it almost daily.",
    "Yes, it works fine: the base is flat and heats evenly.",
    "Wash it by hand and dry it straight away; that is all it needs.",
    "The manual has a table with the sizes on page 4.",
    "Support replaced mine within a week when the handle came loose.",
    "Choose the larger one: you will be glad of the room.",
    "It takes about ten minutes to heat up fully at a medium setting.",
    "Spare parts are listed on the product page under *Manuals*.",
    "See the care guide: <https://shop.example.com/care>",
]
ANSWER_POST = (
    "I have used mine for about a year now.\n\n"
    "- It heats up evenly on **induction** and gas.\n"
    "- Hand-wash it and dry it straight away.\n\n"
    "Support was quick to help when I had a question about the warranty."
)


@dataclass
class Scenario:
    name: str
    kind: str  # list, question or answer: which target applies
    request: Callable[[], object]
    expected_status: int = 200
    after: Callable[[], None] | None = None
    timings_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)  # this process's CPU time only
    queries: int = 0


class Command(BaseCommand):
    help = "Fill a throwaway database with 10,000 questions and time the Q&A pages."

    def add_arguments(self, parser):
        add_data_arguments(parser, runs=200, runs_help="timed requests per kind")
        parser.add_argument("--warmup", type=int, default=20, help="untimed requests first")
        parser.add_argument("--comments", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026, help="random seed for the data")
        parser.add_argument(
            "--profile",
            action="store_true",
            help="also profile each request kind with cProfile and print where time goes",
        )

    def handle(self, *args, **options):
        quiet_static_warnings()
        check_database(force=options["force"])
        if settings.DEBUG:
            self.stderr.write(
                "DEBUG is on: Django records every query, which slows requests down. "
                "Set DEBUG=false for numbers that resemble production."
            )
        rng = random.Random(options["seed"])  # noqa: S311 (benchmark data, not security)
        seed_once(
            self.stdout,
            lambda: _seed(
                rng,
                questions=options["questions"],
                answers=options["answers"],
                comments=options["comments"],
            ),
        )
        scenarios = self._scenarios(rng)
        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                # Follow-up work is queued as in production, never run inside the request.
                TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
                # The poster answers hundreds of times a minute, which no member may: the
                # limit is still checked on every post (its cost is timed), never reached.
                MODERATION_RATE_LIMITS={
                    **settings.MODERATION_RATE_LIMITS,
                    "member": UNREACHED_RATE,
                },
                # Hundreds of answers in a row repeat each other's text: none is held for it.
                MODERATION_HOLD_DUPLICATES=False,
            ),
            _tasks_counted() as queued,
        ):
            mail.outbox = []
            load = _load_average()
            _measure(scenarios, runs=options["runs"], warmup=options["warmup"])
            sent = len(mail.outbox)
            if options["profile"]:
                for scenario in scenarios:
                    self.stdout.write(_profile(scenario, runs=min(options["runs"], 50)))
        self.stdout.write(
            _report(scenarios, runs=options["runs"], mails=sent, tasks=queued, load=load)
        )

    # SECTION guards

    # SECTION what is timed

    def _scenarios(self, rng: random.Random) -> list[Scenario]:
        host = _client_host()
        secure = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
        visitor = Client(SERVER_NAME=host)
        member = Client(SERVER_NAME=host)
        poster = User.objects.get(username=POSTER)
        member.force_login(poster)

        bench = Question.objects.filter(author__username__startswith=BENCH_PREFIX)
        candidates = list(
            bench.filter(answer_count__range=(3, 5), is_locked=False, duplicate_of=None)
            .exclude(author=poster)
            .order_by("pk")
            .values_list("pk", "slug")
        )
        threads = rng.sample(candidates, min(300, len(candidates)))
        if not threads:
            raise CommandError("No benchmark question has 3 to 5 answers; seed more data.")
        urls = [f"/questions/{pk}/{slug}/" for pk, slug in threads]
        product_id = bench.exclude(product=None).values_list("product_id", flat=True).first()
        tag_slug = Tag.objects.filter(slug__startswith=BENCH_PREFIX).values_list("slug", flat=True)
        tag_slug = tag_slug.first()

        def get(client, url):
            return lambda: client.get(url, secure=secure)

        def random_get(client):
            return lambda: client.get(rng.choice(urls), secure=secure)

        def post_answer():
            pk = rng.choice(threads)[0]
            return member.post(f"/questions/{pk}/answer/", {"body": ANSWER_POST}, secure=secure)

        def forget_message():
            # A browser shows "Your answer is posted" on the next page; the benchmark does not
            # follow the redirect, so drop the message instead of letting it pile up.
            member.cookies.pop("messages", None)

        pages = bench.count() // 20
        return [
            Scenario("Question list `/questions/`", "list", get(visitor, "/questions/")),
            Scenario("… `?order=newest`", "list", get(visitor, "/questions/?order=newest")),
            Scenario("… `?order=votes`", "list", get(visitor, "/questions/?order=votes")),
            Scenario("… `?order=unanswered`", "list", get(visitor, "/questions/?order=unanswered")),
            Scenario(
                f"… `?page={pages // 2}` (middle page)",
                "list",
                get(visitor, f"/questions/?page={pages // 2}"),
            ),
            Scenario(
                "… `?product=…` (one product)",
                "list",
                get(visitor, f"/questions/?product={product_id}"),
            ),
            Scenario("… `?tag=…` (one tag)", "list", get(visitor, f"/questions/?tag={tag_slug}")),
            Scenario("Question page, visitor (3–5 answers)", "question", random_get(visitor)),
            Scenario("Question page, signed in (3–5 answers)", "question", random_get(member)),
            Scenario(
                "Post an answer, signed in (POST, redirect)",
                "answer",
                post_answer,
                expected_status=302,
                after=forget_message,
            ),
        ]


# SECTION measuring


def _measure(scenarios: list[Scenario], *, runs: int, warmup: int) -> None:
    """Warm up, count queries once, then time the kinds in turn, so that other work on the
    machine slows all of them alike instead of whichever ran at that moment."""
    for scenario in scenarios:
        for _ in range(warmup):
            _checked(scenario)
        with CaptureQueriesContext(connection) as captured:
            _checked(scenario)
        scenario.queries = len(captured.captured_queries)
    for _ in range(runs):
        for scenario in scenarios:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = scenario.request()
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            _status_check(scenario, response)
            scenario.timings_ms.append(elapsed * 1000)
            scenario.cpu_ms.append(cpu * 1000)
            if scenario.after:
                scenario.after()


def _checked(scenario: Scenario) -> None:
    _status_check(scenario, scenario.request())
    if scenario.after:
        scenario.after()


def _status_check(scenario: Scenario, response) -> None:
    if response.status_code != scenario.expected_status:
        raise CommandError(
            f"{scenario.name}: expected status {scenario.expected_status}, "
            f"got {response.status_code}."
        )


def _profile(scenario: Scenario, *, runs: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        _checked(scenario)
    profiler.disable()
    out = io.StringIO()
    out.write(f"\n### Profile: {scenario.name} ({runs} requests, cumulative)\n\n```\n")
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(30)
    out.write("```\n")
    return out.getvalue()


@contextmanager
def _tasks_counted():
    from django_tasks.signals import task_enqueued

    queued: list[object] = []

    def count(sender, task_result, **kwargs):
        queued.append(task_result)

    task_enqueued.connect(count, weak=False)
    try:
        yield queued
    finally:
        task_enqueued.disconnect(count)


def _client_host() -> str:
    for host in ("localhost", "127.0.0.1", *settings.ALLOWED_HOSTS):
        host = host.lstrip(".").replace("*", "") or "localhost"
        if validate_host(host, settings.ALLOWED_HOSTS):
            return host
    raise CommandError("ALLOWED_HOSTS allows neither localhost nor any plain host name.")


# SECTION the report


def _percentile(values: list[float], percent: int) -> float:
    """Nearest-rank percentile: the value below which ``percent`` % of the timings fall."""
    ordered = sorted(values)
    rank = max(0, math.ceil(percent / 100 * len(ordered)) - 1)
    return ordered[rank]


def _report(scenarios: list[Scenario], *, runs: int, mails: int, tasks: list, load: str) -> str:
    lines = [
        "",
        f"Server time per request, Django test client in-process, {runs} timed runs of each "
        "(taken in turn) after a warm-up:",
        "",
        "| request | median ms | p95 ms | median CPU ms | queries | target (median) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for scenario in scenarios:
        median = statistics.median(scenario.timings_ms)
        target = TARGETS_MS[scenario.kind]
        verdict = "met" if median <= target else "**missed**"
        lines.append(
            f"| {scenario.name} | {median:.1f} | {_percentile(scenario.timings_ms, 95):.1f} "
            f"| {statistics.median(scenario.cpu_ms):.1f} | {scenario.queries} "
            f"| ≤ {target:g} ms: {verdict} |"
        )
    counts = (
        f"{Question.objects.count():,} questions, {Answer.objects.count():,} answers, "
        f"{Comment.objects.count():,} comments, "
        f"{QuestionVote.objects.count() + AnswerVote.objects.count():,} votes"
    )
    lines += [
        "",
        f"Data: {counts}.",
        "Median CPU ms is this process's CPU time: other programs on the machine hardly "
        "change it, while they do stretch the wall-clock times.",
        f"While timing: {mails} e-mails sent, {len(tasks)} background tasks queued.",
        f"Machine: {_machine()}; load average {load} when timing started.",
        "",
    ]
    return "\n".join(lines)


def _load_average() -> str:
    """Other work on the machine slows every request down: the report says how busy it was."""
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _machine() -> str:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if connection.vendor == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    else:
        database = f"{connection.vendor} {connection.get_database_version()}"
    return (
        f"nproc {cores}{f' ({cpu})' if cpu else ''}, {platform.system()} {platform.machine()}, "
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, {database}, DEBUG={settings.DEBUG}"
    )


# SECTION the data


@contextmanager
def _timestamps_as_given(*models):
    """Let bulk inserts keep the created_at we planned instead of "now" (auto_now_add)."""
    fields = [
        model_field
        for model in models
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now_add", False)
    ]
    for model_field in fields:
        model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field in fields:
            model_field.auto_now_add = True


@transaction.atomic
def _seed(rng: random.Random, *, questions: int, answers: int, comments: int) -> None:
    now = timezone.now()
    members = _members_seed()
    voters = [user.pk for user in members]
    askers = [user.pk for user in members if user.username not in (POSTER, STAFF)]
    staff_id = next(user.pk for user in members if user.username == STAFF)
    products = _products_seed()
    tags = _tags_seed()

    # Markup is rendered once per distinct text, as a service would for each post.
    question_bodies = ["\n\n".join(rng.sample(SENTENCES, rng.randint(1, 3))) for _ in range(25)]
    answer_bodies = [
        "\n\n".join(rng.sample(ANSWER_SENTENCES, rng.randint(1, 3))) for _ in range(40)
    ]
    rendered = {text: render_markup(text) for text in {*question_bodies, *answer_bodies}}

    # Plan: when each question was asked, how many answers it gets, and when they came.
    span = timedelta(days=730)
    asked = sorted(now - span * rng.random() for _ in range(questions))
    per_question = _answer_counts(rng, questions, answers)

    question_rows = []
    for index, asked_at in enumerate(asked):
        title = rng.choice(TITLES).format(thing=rng.choice(THINGS)) + "?"
        body = rng.choice(question_bodies)
        question_rows.append(
            Question(
                author_id=rng.choice(askers),
                title=title,
                slug=title_slug(title, fallback="question"),
                body=body,
                body_rendered=rendered[body],
                product=rng.choice(products) if rng.random() < 0.7 else None,
                phase=rng.choice([Phase.BEFORE_PURCHASE, Phase.AFTER_PURCHASE]),
                answer_count=per_question[index],
                created_at=asked_at,
                last_activity_at=asked_at,
            )
        )
    with _timestamps_as_given(Question, Answer, Comment, QuestionVote, AnswerVote, Revision):
        Question.objects.bulk_create(question_rows, batch_size=1000)

        answer_rows = []
        for question in question_rows:
            moment = question.created_at
            for _ in range(question.answer_count):
                moment = min(moment + timedelta(hours=rng.expovariate(1 / 20)), now)
                body = rng.choice(answer_bodies)
                by_staff = rng.random() < 0.05
                answer_rows.append(
                    Answer(
                        question_id=question.pk,
                        author_id=staff_id if by_staff else rng.choice(askers),
                        body=body,
                        body_rendered=rendered[body],
                        created_at=moment,
                    )
                )
            question.last_activity_at = moment
        Answer.objects.bulk_create(answer_rows, batch_size=1000)

        comment_rows = _comments_plan(rng, question_rows, answer_rows, comments, askers, now)
        Comment.objects.bulk_create(comment_rows, batch_size=1000)

        _votes_seed(rng, question_rows, answer_rows, voters)
        _accepted_and_official(rng, question_rows, answer_rows, staff_id)
        Question.objects.bulk_update(
            question_rows,
            [
                "score",
                "comment_count",
                "last_activity_at",
                "accepted_answer",
                "official_answer",
            ],
            batch_size=500,
        )
        Answer.objects.bulk_update(answer_rows, ["score", "comment_count"], batch_size=500)
        _revisions_seed(question_rows, answer_rows)

    question_type = ContentType.objects.get_for_model(Question)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(tag=tag, content_type=question_type, object_id=question.pk)
            for question in question_rows
            if rng.random() < 0.4
            for tag in rng.sample(tags, rng.randint(1, 2))
        ],
        batch_size=1000,
    )


def _members_seed() -> list[User]:
    names = [f"{BENCH_PREFIX}{n:04d}" for n in range(1, MEMBERS + 1)] + [POSTER, STAFF]
    return members_ensure(
        names,
        shown_as=(BENCH_PREFIX, "Member "),
        joined=timezone.now() - timedelta(days=731),
        password=make_password("bench-password-not-secret"),
        reputation=MEMBER_REPUTATION,
        staff={STAFF},
    )


def _products_seed() -> list[ProductPage]:
    """The catalogue's products when there are any, else a dozen benchmark product pages."""
    existing = list(ProductPage.objects.live().order_by("pk")[:15])
    if existing:
        return existing
    index = product_index_get_or_create()
    products = []
    for number in range(1, 13):
        page = ProductPage(
            title=f"Benchmark product {number}",
            slug=f"{BENCH_PREFIX}product-{number}",
            sku=f"BENCH-{number:03d}",
            short_description="A product made by the Q&A benchmark.",
        )
        index.add_child(instance=page)
        products.append(page)
    return products


def _tags_seed() -> list[Tag]:
    names = ["Induction", "Cleaning", "Sizing", "Warranty", "Spare parts", "Accessories"]
    return [
        Tag.objects.get_or_create(
            slug=f"{BENCH_PREFIX}{name.lower().replace(' ', '-')}",
            defaults={"name": f"{name} (benchmark)"},
        )[0]
        for name in names
    ]


def _answer_counts(rng: random.Random, questions: int, answers: int) -> list[int]:
    """How many answers each question gets: 0 to 9, about 5% none, adding up to ``answers``."""
    counts = [rng.choice([0, 1, 2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8]) for _ in range(questions)]
    counts = [0 if rng.random() < 0.05 else count for count in counts]
    total = sum(counts)
    while total != answers:
        index = rng.randrange(questions)
        if total < answers and 0 < counts[index] < 9:
            counts[index] += 1
            total += 1
        elif total > answers and counts[index] > 1:
            counts[index] -= 1
            total -= 1
    return counts


def _comments_plan(rng, question_rows, answer_rows, comments, askers, now) -> list[Comment]:
    rows = []
    for _ in range(comments):
        if answer_rows and rng.random() < 0.6:
            answer = rng.choice(answer_rows)
            question = None
            parent_at = answer.created_at
            question_id = answer.question_id
        else:
            answer = None
            question = rng.choice(question_rows)
            parent_at = question.created_at
            question_id = question.pk
        written_at = min(parent_at + timedelta(hours=rng.expovariate(1 / 6)), now)
        rows.append(
            Comment(
                question_id=question_id,
                answer_id=answer.pk if answer else None,
                author_id=rng.choice(askers),
                body="Thanks, that helps. Does it also work with the larger size?",
                body_rendered="<p>Thanks, that helps. Does it also work with the larger size?</p>",
                created_at=written_at,
            )
        )
        if answer:
            answer.comment_count += 1
        else:
            question.comment_count += 1
    by_pk = {question.pk: question for question in question_rows}
    for comment in rows:
        question = by_pk[comment.question_id]
        question.last_activity_at = max(question.last_activity_at, comment.created_at)
    return rows


def _votes_seed(rng, question_rows, answer_rows, voters) -> None:
    """Scores follow from vote rows: a few upvotes on most posts, now and then a downvote."""
    question_votes, answer_votes = [], []
    for question in question_rows:
        score = min(int(rng.expovariate(1 / 3)), 40)
        chosen = rng.sample(voters, score + 1)
        chosen = [pk for pk in chosen if pk != question.author_id][:score]
        question.score = len(chosen)
        question_votes += [
            QuestionVote(
                question_id=question.pk, voter_id=pk, value=1, created_at=question.created_at
            )
            for pk in chosen
        ]
    for answer in answer_rows:
        ups = min(int(rng.expovariate(1 / 2.5)), 40)
        downs = 1 if rng.random() < 0.08 else 0
        chosen = [pk for pk in rng.sample(voters, ups + downs + 1) if pk != answer.author_id]
        chosen = chosen[: ups + downs]
        values = [1] * min(ups, len(chosen)) + [-1] * (len(chosen) - min(ups, len(chosen)))
        answer.score = sum(values)
        answer_votes += [
            AnswerVote(answer_id=answer.pk, voter_id=pk, value=value, created_at=answer.created_at)
            for pk, value in zip(chosen, values, strict=True)
        ]
    QuestionVote.objects.bulk_create(question_votes, batch_size=2000)
    AnswerVote.objects.bulk_create(answer_votes, batch_size=2000)


def _accepted_and_official(rng, question_rows, answer_rows, staff_id) -> None:
    """About one answered question in six has an accepted answer; some an official one."""
    by_question: dict[int, list[Answer]] = {}
    for answer in answer_rows:
        by_question.setdefault(answer.question_id, []).append(answer)
    for question in question_rows:
        candidates = [
            a for a in by_question.get(question.pk, []) if a.author_id != question.author_id
        ]
        if candidates and rng.random() < 0.16:
            question.accepted_answer = max(candidates, key=lambda answer: answer.score)
        staff_answers = [a for a in candidates if a.author_id == staff_id]
        if staff_answers and rng.random() < 0.6:
            question.official_answer = staff_answers[0]


def _revisions_seed(question_rows, answer_rows) -> None:
    """The first version of every post, as the services keep it."""
    revisions = [
        Revision(
            target_type=ContentType.objects.get_for_model(model),
            target_id=post.pk,
            editor_id=post.author_id,
            title=post.title if model is Question else "",  # an answer has no title
            body=post.body,
            created_at=post.created_at,
        )
        for model, rows in ((Question, question_rows), (Answer, answer_rows))
        for post in rows
    ]
    Revision.objects.bulk_create(revisions, batch_size=2000)
