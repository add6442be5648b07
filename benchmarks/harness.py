"""What every benchmark command shares: its data's size on the command line, seeding a
throwaway database once (a second run reuses the data), its members, and requests that must
succeed."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, connection

from community.accounts.models import User
from qa.models import Question

# Every account (and tag) the benchmarks make is named with it, so their data is known.
BENCH_PREFIX = "bench-"


def add_data_arguments(parser, *, runs: int, runs_help: str) -> None:
    """How many timed requests of each kind, and how many questions and answers to seed."""
    parser.add_argument("--runs", type=int, default=runs, help=runs_help)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=40_000)
    parser.add_argument(
        "--force",
        action="store_true",
        help="run even on a database with other questions, or on the development database",
    )


def check_database(*, force: bool) -> None:
    """Refuse the development database, and one holding questions the benchmarks did not
    make (someone's real data), unless ``force``."""
    development_db = Path(settings.BASE_DIR) / "db.sqlite3"
    name = Path(str(settings.DATABASES["default"]["NAME"]))
    if not force and connection.vendor == "sqlite" and name == development_db:
        raise CommandError(
            "This is the development database. Run the benchmark on a throwaway file: "
            "DATABASE_URL=sqlite:////tmp/qa-bench.sqlite3 DJANGO_ENV=development DEBUG=false "
            "python manage.py migrate -v0 && ... benchmark_qa (or pass --force)."
        )
    try:
        others = Question.objects.exclude(author__username__startswith=BENCH_PREFIX).count()
    except DatabaseError as error:
        raise CommandError(f"The database is not ready ({error}); run migrate first.") from None
    if others and not force:
        raise CommandError(
            f"This database holds {others} questions the benchmark did not make. "
            "Use a throwaway database, or pass --force."
        )


def quiet_static_warnings() -> None:
    # Static files are not collected on a throwaway setup; whitenoise need not say so.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)


def seed_once(stdout, seed: Callable[[], None]) -> bool:
    """Run ``seed`` unless the database holds the benchmark's data already, and say which;
    True when it seeded."""
    if Question.objects.filter(author__username__startswith=BENCH_PREFIX).exists():
        stdout.write("Reusing the benchmark data already in this database.")
        return False
    started = time.perf_counter()
    seed()
    stdout.write(f"Seeded in {time.perf_counter() - started:.1f} s.")
    return True


def members_ensure(
    names: list[str],
    *,
    shown_as: tuple[str, str],
    joined: datetime,
    password: str,
    reputation: int,
    staff: Collection[str] = (),
) -> list[User]:
    """The members ``names``, in that order, each with a verified address: those missing are
    made (``shown_as`` turns a name's prefix into the start of its display name; ``password``
    is a hash), and every one is given ``reputation``. Reputation is kept equal to a member's
    reputation events elsewhere; these accounts live only in a throwaway database, where only
    the privileges it brings matter."""
    prefix, shown = shown_as
    existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(
                username=name,
                email=f"{name}@example.com",
                display_name=name.replace(prefix, shown).title(),
                password=password,
                is_staff=name in staff,
                date_joined=joined,
            )
            for name in names
            if name not in existing
        ],
        batch_size=500,
    )
    by_name = User.objects.in_bulk(names, field_name="username")
    members = [by_name[name] for name in names]
    User.objects.filter(pk__in=[member.pk for member in members]).update(reputation=reputation)
    for member in members:
        member.reputation = reputation
    with_address = set(
        EmailAddress.objects.filter(user__in=members).values_list("user_id", flat=True)
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=member, email=member.email, verified=True, primary=True)
            for member in members
            if member.pk not in with_address
        ]
    )
    return members


def ok(response):
    """``response``, which must have succeeded: a timing of an error page means nothing."""
    if response.status_code != 200:
        raise CommandError(f"Unexpected status {response.status_code}")
    return response
