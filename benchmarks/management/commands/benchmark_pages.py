"""The site as a browser meets it: gunicorn with production settings, wrk as the load.

Fills a throwaway SQLite database with the demo (products, forum, knowledge base) and 2,000
benchmark questions with 8,000 answers, starts gunicorn (2 sync workers) with production
settings on it, and runs a fixed wrk scenario: each page for ``--seconds`` with
``--connections`` connections, once as a visitor and once signed in, rotating over
several addresses of each kind. Then it posts answers through the web (session cookie, CSRF
token, POST, redirect) one after another. Prints requests per second and p50/p99 per page,
the in-process time of the same pages beside them, and the workers' memory.

    rm -f /tmp/pages-bench.sqlite3
    export DATABASE_URL=sqlite:////tmp/pages-bench.sqlite3 DJANGO_ENV=development DEBUG=false
    python manage.py migrate -v0 && python manage.py benchmark_pages

Needs ``wrk`` on the PATH (Debian: ``apt-get install wrk``). The machine's other work slows
every figure: the report gives the load average with each run.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings

from benchmarks.harness import BENCH_PREFIX, quiet_static_warnings
from cms.models import ArticlePage, ProductPage
from community.accounts.models import User
from forum.models import Topic
from qa.models import Answer, Question

from .benchmark_qa import POSTER, _load_average, _machine, _percentile, _seed

TARGETS = {"requests_per_second": 150.0, "search_requests_per_second": 80.0, "p50_ms": 12.0}
ANSWER_TARGET_MS = 15.0
SEARCH_TERMS = ["induction", "warranty", "cleaning", "skillet", "kettle", "spare parts"]
# Posting many answers in a row is what the benchmark does, not what the trust rules expect
# of a member: the server it starts lets them through, as from an established member (no
# rate limit, no first posts or repeated text held for a moderator).
SERVER_RULES = {
    "MODERATION_RATE_MEMBER": "100000/m",
    "MODERATION_RATE_NEW_MEMBER": "100000/m",
    "MODERATION_RATE_ADDRESS": "100000/m",
    "MODERATION_HOLD_DUPLICATES": "false",
    "MODERATION_HOLD_FIRST_POSTS": "0",
}
ROTATE_LUA = """
paths = {%s}
i = math.random(#paths)
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


@dataclass
class Page:
    name: str
    paths: list[str]
    search: bool = False


@dataclass
class Run:
    page: Page
    signed_in: bool
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    load: str
    in_process_ms: float


class Command(BaseCommand):
    help = "Time the public pages through gunicorn and wrk, as a visitor and signed in."

    def add_arguments(self, parser):
        parser.add_argument("--questions", type=int, default=2_000)
        parser.add_argument("--answers", type=int, default=8_000)
        parser.add_argument("--seconds", type=int, default=10, help="wrk run per page")
        parser.add_argument("--connections", type=int, default=4)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--posts", type=int, default=200, help="answers posted, timed")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        quiet_static_warnings()
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (Debian: apt-get install wrk).")
        self._check_database()
        rng = random.Random(options["seed"])  # noqa: S311 (benchmark data, not security)
        self._seed(rng, questions=options["questions"], answers=options["answers"])
        pages = _pages(rng)
        member = User.objects.get(username=POSTER)
        in_process = _in_process(pages, member)
        secret_key = secrets.token_urlsafe(64)
        with override_settings(SECRET_KEY=secret_key):  # the server's key signs the session
            session = _session_for(member)
        with _server(options, secret_key) as base:
            runs = []
            for signed_in in (False, True):
                cookie = f"{settings.SESSION_COOKIE_NAME}={session}" if signed_in else ""
                for page in pages:
                    runs.append(
                        _wrk(
                            base,
                            page,
                            cookie=cookie,
                            seconds=options["seconds"],
                            connections=options["connections"],
                            in_process_ms=in_process[page.name, signed_in],
                        )
                    )
            posting = _post_answers(base, session, count=options["posts"], rng=rng)
            memory = _worker_memory(base.server_pid)
        self.stdout.write(_report(runs, posting, memory, options))

    def _check_database(self):
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError("The page benchmark runs on a throwaway SQLite file.")
        name = Path(str(settings.DATABASES["default"]["NAME"]))
        if name == Path(settings.BASE_DIR) / "db.sqlite3":
            raise CommandError(
                "This is the development database. Run the benchmark on a throwaway file: "
                "DATABASE_URL=sqlite:////tmp/pages-bench.sqlite3 (see the command's help)."
            )
        ours = Question.objects.filter(author__username__startswith=BENCH_PREFIX).exists()
        if Question.objects.exists() and not ours:
            raise CommandError("This database holds questions the benchmark did not make.")

    def _seed(self, rng, *, questions, answers):
        if Question.objects.filter(author__username__startswith=BENCH_PREFIX).exists():
            self.stdout.write("Reusing the benchmark data already in this database.")
            return
        started = time.perf_counter()
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        _seed(rng, questions=questions, answers=answers, comments=answers // 4)
        self.stdout.write(f"Seeded in {time.perf_counter() - started:.1f} s.")


# SECTION what is asked for


def _pages(rng: random.Random) -> list[Page]:
    bench = Question.objects.filter(author__username__startswith=BENCH_PREFIX)
    threads = list(
        bench.filter(answer_count__range=(3, 5), duplicate_of=None)
        .order_by("pk")
        .values_list("pk", "slug")
    )
    questions = [f"/questions/{pk}/{slug}/" for pk, slug in rng.sample(threads, 20)]
    products = [page.url for page in ProductPage.objects.live().public().order_by("pk")[:5]]
    topics = [topic.get_absolute_url() for topic in Topic.objects.order_by("pk")[:5]]
    articles = [page.url for page in ArticlePage.objects.live().public().order_by("pk")[:5]]
    if not (products and topics and articles):
        raise CommandError("The demo's products, topics and articles are missing.")
    searches = [f"/search/?{urllib.parse.urlencode({'q': term})}" for term in SEARCH_TERMS]
    return [
        Page("Question list", ["/questions/", "/questions/?order=newest", "/questions/?page=2"]),
        Page("Question page", questions),
        Page("Product page", products),
        Page("Forum topic", topics),
        Page("KB article", articles),
        Page("Search", searches, search=True),
    ]


def _session_for(member: User) -> str:
    """A signed-in session for ``member``, as signing in makes it."""
    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    return session.session_key


def _in_process(pages: list[Page], member: User) -> dict:
    """Median in-process time of each page (Django's test client, these settings)."""
    visitor, signed_in = Client(SERVER_NAME="127.0.0.1"), Client(SERVER_NAME="127.0.0.1")
    signed_in.force_login(member)
    medians = {}
    for page in pages:
        for is_member, client in ((False, visitor), (True, signed_in)):
            timings = []
            for index in range(40):
                path = page.paths[index % len(page.paths)]
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{path}: status {response.status_code} in-process")
            medians[page.name, is_member] = statistics.median(timings[len(page.paths) :])
    return medians


# SECTION the server


@dataclass
class Server:
    host: str
    port: int
    server_pid: int

    def __str__(self) -> str:
        return f"http://{self.host}:{self.port}"


class _server:
    """gunicorn with production settings on this database, for the length of a with block."""

    def __init__(self, options, secret_key: str):
        self.options = options
        self.secret_key = secret_key
        self.static = tempfile.mkdtemp(prefix="pages-bench-static-")
        self.process = None

    def __enter__(self) -> Server:
        env = {
            **os.environ,
            **SERVER_RULES,
            "DJANGO_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "community.settings.production",
            "SECRET_KEY": self.secret_key,
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": self.static,
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{settings.DATABASES['default']['NAME']}",
        }
        manage = Path(settings.BASE_DIR) / "manage.py"
        subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, str(manage), "collectstatic", "--noinput", "-v0"],
            env=env,
            check=True,
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        port = self.options["port"]
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(gunicorn),
                "community.wsgi",
                f"--workers={self.options['workers']}",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            # The default e-mail backend prints each notification the posts send.
            stdout=subprocess.DEVNULL,
        )
        server = Server("127.0.0.1", port, self.process.pid)
        _wait_until_up(server, self.process)
        return server

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        shutil.rmtree(self.static, ignore_errors=True)


def _wait_until_up(server: Server, process) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CommandError("gunicorn stopped while starting.")
        try:
            connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
            connection.request("GET", "/questions/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise CommandError("gunicorn did not answer within two minutes.")


# SECTION measuring


def _wrk(base, page, *, cookie, seconds, connections, in_process_ms) -> Run:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(ROTATE_LUA % ", ".join(f'"{path}"' for path in page.paths))
    command = ["wrk", "-t1", f"-c{connections}", "--latency", "-s", script.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    try:
        # A short untimed run first: every worker has made each page once.
        subprocess.run([*command, "-d2s", str(base)], capture_output=True, check=True)  # noqa: S603
        load = _load_average()
        output = subprocess.run(  # noqa: S603
            [*command, f"-d{seconds}s", str(base)], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    return Run(
        page=page,
        signed_in=bool(cookie),
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_latency(output, "50%"),
        p99_ms=_latency(output, "99%"),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        errors=_errors(output),
        load=load,
        in_process_ms=in_process_ms,
    )


def _latency(output: str, percentile: str) -> float:
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _errors(output: str) -> int:
    found = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return (int(found.group(1)) if found else 0) + (
        sum(int(n) for n in socket.groups()) if socket else 0
    )


def _post_answers(base: Server, session: str, *, count: int, rng: random.Random) -> dict:
    """Answers posted one after another as a browser posts them; the time to the redirect."""
    csrf = secrets.token_hex(16)  # an unmasked token of 32 characters, as the cookie holds
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}"
    targets = list(
        Question.objects.filter(author__username__startswith=BENCH_PREFIX, is_locked=False)
        .exclude(author__username=POSTER)
        .values_list("pk", flat=True)[:500]
    )
    before = Answer.objects.count()
    connection = http.client.HTTPConnection(base.host, base.port, timeout=30)
    timings = []
    for number in range(count):
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "body": f"Answer {number}: mine has lasted three years of daily use. "
                "Dry it straight after washing and it stays rust-free.",
            }
        )
        started = time.perf_counter()
        connection.request(
            "POST",
            f"/questions/{rng.choice(targets)}/answer/",
            body=body,
            headers={
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Host": base.host,
            },
        )
        response = connection.getresponse()
        response.read()
        timings.append((time.perf_counter() - started) * 1000)
        if response.status != 302 or "login" in response.getheader("Location", ""):
            raise CommandError(
                f"Posting an answer answered {response.status} "
                f"({response.getheader('Location')}), not the answer's address."
            )
    posted = Answer.objects.count() - before
    if posted != count:
        raise CommandError(f"{count} answers posted, {posted} stored.")
    return {
        "count": count,
        "p50_ms": statistics.median(timings),
        "p99_ms": _percentile(timings, 99),
        "load": _load_average(),
    }


def _worker_memory(server_pid: int) -> list[int]:
    """Resident memory (MB) of each gunicorn worker (the server's children), from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != server_pid:  # the parent's pid
                continue
            status = stat.with_name("status").read_text()
        except (OSError, IndexError):
            continue  # a process that ended while we looked
        kilobytes = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1))
        sizes.append(kilobytes // 1024)
    return sizes


# SECTION the report


def _report(runs: list[Run], posting: dict, memory: list[int], options) -> str:
    lines = [
        "",
        f"gunicorn ({options['workers']} sync workers, production settings, SQLite), "
        f"wrk -c{options['connections']} for {options['seconds']} s per page, "
        "rotating over several addresses of each page:",
        "",
        "| page | who | req/s | p50 ms | p99 ms | in-process median ms | load | aim |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    for run in runs:
        needed = TARGETS["search_requests_per_second" if run.page.search else "requests_per_second"]
        met = run.requests_per_second >= needed and (
            run.page.search or run.p50_ms <= TARGETS["p50_ms"]
        )
        aim = f"≥ {needed:g} req/s"
        if not run.page.search:
            aim += f", p50 ≤ {TARGETS['p50_ms']:g} ms"
        errors = f" ({run.errors} errors)" if run.errors else ""
        lines.append(
            f"| {run.page.name}{errors} | {'member' if run.signed_in else 'visitor'} "
            f"| {run.requests_per_second:.0f} | {run.p50_ms:.1f} | {run.p99_ms:.1f} "
            f"| {run.in_process_ms:.1f} | {run.load} | {aim}: {'met' if met else '**missed**'} |"
        )
    met = posting["p50_ms"] <= ANSWER_TARGET_MS
    total = sum(run.requests for run in runs) + posting["count"]
    lines += [
        "",
        f"Posting an answer (signed in, CSRF, POST, redirect; {posting['count']} in a row): "
        f"p50 {posting['p50_ms']:.1f} ms, p99 {posting['p99_ms']:.1f} ms "
        f"(aim ≤ {ANSWER_TARGET_MS:g} ms: {'met' if met else '**missed**'}; "
        f"load {posting['load']}).",
        f"Worker memory after {total:,} timed requests: "
        + ", ".join(f"{size} MB" for size in memory)
        + " (aim < 150 MB).",
        f"Data: {Question.objects.count():,} questions, {Answer.objects.count():,} answers.",
        f"Machine: {_machine()}.",
        "",
    ]
    return "\n".join(lines)
