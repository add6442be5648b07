"""Prepare a throwaway database for the load test (benchmarks/load/locustfile.py).

Seeds what a grown community holds (the demo site with its knowledge base and forum, then
10,000 questions with 40,000 answers, articles, and the search index), makes the load-test
members, and writes what the load test needs to a JSON file: signed-in sessions for those
members and the pages to visit.

The load-test members are established members (joined months ago, a verified address,
reputation well past every privilege), so their posts are published at once and only the
limits every established member has apply to them: posts per member per minute and votes
per member per ten minutes. Their sessions are made here, in the site's own session store,
so the load test never signs in through the (deliberately slow) password check.

Run it with the same settings as the server under test (DATABASE_URL, REDIS_URL)::

    export DATABASE_URL=sqlite:////tmp/load.sqlite3 DJANGO_ENV=development DEBUG=false
    python manage.py migrate -v0 && python manage.py prepare_load_test --out /tmp/load.json

Running it again reuses the seeded data and makes fresh sessions.
"""

from __future__ import annotations

import json
import random
import time
from datetime import timedelta
from importlib import import_module
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone
from taggit.models import Tag

from benchmarks.harness import (
    add_data_arguments,
    check_database,
    members_ensure,
    quiet_static_warnings,
)
from benchmarks.management.commands.benchmark_qa import BENCH_PREFIX, _seed
from benchmarks.management.commands.benchmark_search import ARTICLE_PREFIX, _articles_seed
from cms.knowledge_base import ArticlePage
from cms.models import ProductPage
from community.accounts.models import User
from community.moderation.enums import ContentStatus
from demo.loader import demo_seed
from forum.models import Board, Topic
from qa.models import Question

# Every load-test member is named with it: the JSON file names them, nothing else does.
LOAD_PREFIX = "load-"
# Past every privilege threshold (skip the approval queue, vote down, more links, close
# votes, suggest edits); below editing others' posts directly, which members rarely have.
LOAD_MEMBER_REPUTATION = 500
SEARCH_TERMS = [
    "induction", "dishwasher", "warranty", "spare parts", "dutch oven", "kettle",
    "burr grinder", "french press", "pizza oven", "thermometer", "teapot", "cleaning",
    "camping stove", "descaling", "knife sharpening", "frying pan size",
]  # fmt: skip


class Command(BaseCommand):
    help = "Seed a throwaway database and make load-test members and their sessions."

    def add_arguments(self, parser):
        add_data_arguments(parser, runs=0, runs_help="unused")
        parser.add_argument("--comments", type=int, default=10_000)
        parser.add_argument("--articles", type=int, default=200)
        parser.add_argument("--members", type=int, default=200, help="load-test members")
        parser.add_argument(
            "--out", type=Path, default=Path("load-test.json"), help="the JSON file to write"
        )

    def handle(self, *args, **options):
        quiet_static_warnings()
        seeded = Question.objects.filter(author__username__startswith=BENCH_PREFIX).exists()
        if not seeded:  # once seeded, the demo's questions are its own as well
            check_database(force=options["force"])
        rng = random.Random(2026)  # noqa: S311 (load-test data, not security)
        if not seeded:
            started = time.perf_counter()
            demo_seed(StringIO())  # the site, products, knowledge base, forum
            _seed(
                rng,
                questions=options["questions"],
                answers=options["answers"],
                comments=options["comments"],
            )
            if not ArticlePage.objects.filter(title__startswith=ARTICLE_PREFIX).exists():
                _articles_seed(rng, count=options["articles"])
            call_command("update_index", stdout=StringIO(), stderr=StringIO())
            self.stdout.write(f"Seeded and indexed in {time.perf_counter() - started:.0f} s.")
        else:
            self.stdout.write("Reusing the data already in this database.")
        members = _members_ensure(options["members"])
        data = {
            "sessions": _sessions_for(members),
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            **_targets(rng),
        }
        options["out"].write_text(json.dumps(data, indent=1))
        self.stdout.write(
            f"{len(members)} load-test members signed in; "
            f"{len(data['questions'])} questions, {len(data['products'])} products, "
            f"{len(data['articles'])} articles and {len(data['boards'])} boards to visit: "
            f"{options['out']}"
        )


def _members_ensure(count: int) -> list[User]:
    """``count`` established members, made once (later runs reuse them)."""
    return members_ensure(
        [f"{LOAD_PREFIX}{number:04d}" for number in range(1, count + 1)],
        shown_as=(LOAD_PREFIX, "Load member "),
        joined=timezone.now() - timedelta(days=180),
        password=make_password(None),  # they never sign in with a password
        reputation=LOAD_MEMBER_REPUTATION,
    )


def _sessions_for(members: list[User]) -> dict[str, str]:
    """A signed-in session per member, in the site's own session store, as signing in
    makes it: username -> session key."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    backend = settings.AUTHENTICATION_BACKENDS[0]
    sessions = {}
    for member in members:
        session = store()
        session[SESSION_KEY] = str(member.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = member.get_session_auth_hash()
        session.create()
        sessions[member.username] = session.session_key
    return sessions


def _targets(rng: random.Random) -> dict[str, list]:
    """What the load test visits: published questions (id, path), products, articles, forum
    boards and topics, tags and search terms."""
    question_rows = list(
        Question.objects.filter(status=ContentStatus.PUBLISHED, is_locked=False, duplicate_of=None)
        .order_by("pk")
        .values_list("pk", "slug")
    )
    questions = rng.sample(question_rows, min(3000, len(question_rows)))
    answer_ids = list(
        Question.objects.filter(pk__in=[pk for pk, _ in questions])
        .exclude(answers=None)
        .values_list("pk", "answers__pk")[:5000]
    )
    return {
        "questions": [[pk, f"/questions/{pk}/{slug}/"] for pk, slug in questions],
        "answers": [[question_pk, answer_pk] for question_pk, answer_pk in answer_ids],
        "products": [
            [page.pk, page.url] for page in ProductPage.objects.live().order_by("pk")[:100]
        ],
        "articles": [page.url for page in ArticlePage.objects.live().order_by("pk")[:300]],
        "boards": [board.get_absolute_url() for board in Board.objects.order_by("pk")],
        "topics": [
            topic.get_absolute_url()
            for topic in Topic.objects.filter(status=ContentStatus.PUBLISHED)
            .select_related("board")
            .order_by("pk")[:200]
        ],
        "tags": list(Tag.objects.order_by("pk").values_list("slug", flat=True)[:50]),
        "search_terms": SEARCH_TERMS,
    }
