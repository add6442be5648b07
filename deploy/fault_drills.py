"""Fault drills against the production stack on this machine (README, "Fault drills").

    python deploy/fault_drills.py                 # every drill
    python deploy/fault_drills.py redis worker    # some of them

Each drill starts its own processes (gunicorn, nginx, the task worker) on a database of its
own (`community_drills`, copied from the migrated template) and Redis database 13, and
prints what happened. The drills:

- ``slow``: idle connections straight to a gunicorn sync worker, then through nginx;
- ``redis``: Redis goes away while members browse, sign in and post, then comes back (the
  app reaches Redis through a relay this script stops and starts: the machine's Redis, which
  others use, keeps running);
- ``worker``: the task worker is killed while it sends notification e-mails, is started
  again, and every e-mail arrives exactly once;
- ``postgres``: PostgreSQL restarts while members post. This restarts the machine's
  cluster (`pg_ctlcluster ... restart`), cutting every other connection to it too.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402

from deploy import stack  # noqa: E402 - after the path above

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE_URL = f"{POSTGRES_SERVER}/community_drills"
REDIS_DB = 13
PASSWORD = "drill-password-1"  # noqa: S105 - members of a throwaway drill database


def say(text: str = "") -> None:
    print(text, flush=True)


# SECTION helpers: a relay to Redis, an SMTP sink, members and their browsers


class Relay:
    """A TCP relay to Redis that can be stopped (every connection cut, new ones refused)
    and started again on the same port: Redis going away, as the app sees it."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = stack.free_port()
        self._server: socket.socket | None = None
        self._connections: list[socket.socket] = []

    def start(self) -> None:
        self._server = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        threading.Thread(target=self._accept, args=(self._server,), daemon=True).start()

    def stop(self) -> None:
        if self._server:
            self._server.close()
            self._server = None
        for connection in self._connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
                connection.close()
        self._connections.clear()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _address = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough of an SMTP server to receive the site's e-mail. A message counts as
    delivered when the sink has said 250 to it; ``before_ack`` runs before that (the drill
    kills the worker there, mid-send, and returns True: the message is not acknowledged)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, pause: float = 0.2):
        self.delivered: list[str] = []  # the To: address of each acknowledged message
        self.received = 0
        self.pause = pause
        self.before_ack = None
        super().__init__(("127.0.0.1", stack.free_port()), _SmtpHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        sink: SmtpSink = self.server
        self.wfile.write(b"220 drill ESMTP\r\n")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.wfile.write(b"250 drill\r\n")
            elif verb == "RCPT":
                recipients.append(re.search(r"<([^>]*)>", command).group(1))
                self.wfile.write(b"250 OK\r\n")
            elif verb == "DATA":
                self.wfile.write(b"354 go on\r\n")
                while self.rfile.readline() not in {b".\r\n", b""}:
                    pass
                sink.received += 1
                time.sleep(sink.pause)
                if sink.before_ack and sink.before_ack(sink.received):
                    return  # the sender is gone: never acknowledged, so never delivered
                sink.delivered.extend(recipients)
                recipients = []
                self.wfile.write(b"250 queued\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:  # MAIL, RSET, NOOP
                self.wfile.write(b"250 OK\r\n")


class Visitor:
    """One browser: its cookies, against the site behind nginx."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.base + path, allow_redirects=False, timeout=60)

    def post(self, path: str, data: dict) -> requests.Response:
        if "csrftoken" not in self.session.cookies:
            self.get("/accounts/login/")
        return self.session.post(
            self.base + path,
            data={"csrfmiddlewaretoken": self.session.cookies["csrftoken"], **data},
            headers={"Referer": self.base + path},
            allow_redirects=False,
            timeout=60,
        )

    def sign_in(self, username: str) -> bool:
        answer = self.post("/accounts/login/", {"login": username, "password": PASSWORD})
        return answer.status_code == 302


MAKE_MEMBERS = """
import json
from functools import partial
from allauth.account.models import EmailAddress
from community.accounts.models import User
from community.common.buying_phase import Phase
from qa import services

made = {"questions": []}
create_user = partial(User.objects.create_user, password=%(password)r)
for number in range(%(askers)d):
    name = "asker%%d" %% number
    user = create_user(username=name, email=name + "@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    question = services.question_create(
        author=user, title="Question number %%d about the lid" %% number,
        body="Does it fit?", phase=Phase.BEFORE_PURCHASE,
    )
    made["questions"].append(question.pk)
for name in ("writer", "helper"):
    user = create_user(username=name, email=name + "@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
print(json.dumps(made))
"""


def site_shell(code: str, env: dict) -> dict:
    import json

    output = stack.manage("shell", "-c", code, env=env, quiet=True)
    return json.loads(output.strip().splitlines()[-1])


def count_rows(sql: str) -> int:
    import psycopg

    with psycopg.connect(DATABASE_URL) as connection:
        return connection.execute(sql).fetchone()[0]


def fresh_site(workdir: Path, *, askers: int = 3, redis_url: str | None = None, **extra):
    """A migrated drill database with members and questions; the environment to run on it."""
    env = stack.local_environment(
        database_url=DATABASE_URL,
        redis_url=redis_url or f"redis://127.0.0.1:6379/{REDIS_DB}",
        secret_key="drill-secret-key-" + "0123456789" * 5,
        STATIC_ROOT=str(_static(workdir)),
        MODERATION_HOLD_FIRST_POSTS="0",
        MODERATION_HOLD_DUPLICATES="false",
        MODERATION_RATE_MEMBER="1000/m",
        MODERATION_RATE_NEW_MEMBER="1000/m",
        MODERATION_RATE_ADDRESS="1000/m",
        LOG_LEVEL="WARNING",
        **extra,
    )
    import redis

    redis.Redis(db=REDIS_DB).flushdb()
    stack.migrated_database(DATABASE_URL, env=env)
    if not _static(workdir).exists():
        stack.manage("collectstatic", "--noinput", env=env, quiet=True)
    made = site_shell(MAKE_MEMBERS % {"askers": askers, "password": PASSWORD}, env)
    return env, made


def _static(workdir: Path) -> Path:
    """The static files, collected once for all the drills of a run."""
    return workdir.parent / "static"


def web_stack(env: dict, workdir: Path, *, workers: int = 2) -> tuple[stack.Stack, str]:
    app = stack.app_server(
        port=stack.free_port(), env=env, workers=workers, log=workdir / "app.log"
    )
    proxy = stack.nginx(
        workdir=workdir / "nginx",
        port=stack.free_port(),
        app_ports=[app.port],
        static_root=_static(workdir),
    )
    return stack.Stack([app, proxy]), f"http://127.0.0.1:{proxy.port}"


# SECTION the drills


def drill_slow(workdir: Path) -> None:
    say("== Slow clients: 10 idle connections, then a page (one gunicorn sync worker)")
    env, _made = fresh_site(workdir)
    app = stack.app_server(port=stack.free_port(), env=env, workers=1, log=workdir / "app.log")
    proxy = stack.nginx(
        workdir=workdir / "nginx",
        port=stack.free_port(),
        app_ports=[app.port],
        static_root=_static(workdir),
    )
    with stack.Stack([app, proxy]):
        for name, port in (("straight to gunicorn", app.port), ("through nginx", proxy.port)):
            idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(10)]
            started = time.monotonic()
            try:
                answer = requests.get(f"http://127.0.0.1:{port}/questions/", timeout=10)
                outcome = f"{answer.status_code} after {time.monotonic() - started:.2f} s"
            except requests.RequestException:
                outcome = f"no answer within {time.monotonic() - started:.0f} s (timed out)"
            finally:
                for connection in idle:
                    connection.close()
            say(f"   {name}: GET /questions/ -> {outcome}")
            time.sleep(1)


def drill_redis(workdir: Path) -> None:
    say("== Redis goes away while members browse, sign in and post, then comes back")
    relay = Relay(("127.0.0.1", 6379))
    relay.start()
    env, made = fresh_site(workdir, redis_url=f"redis://127.0.0.1:{relay.port}/{REDIS_DB}")
    running, base = web_stack(env, workdir)
    with running:
        member = Visitor(base)
        say(f"   signed in before: {member.sign_in('writer')}")
        question = made["questions"][0]
        posted = member.post(f"/questions/{question}/answer/", {"body": "Before the outage."})
        say(f"   answer posted before: {posted.status_code}")
        relay.stop()
        say("   -- Redis stopped")
        pages = [Visitor(base).get(path).status_code for path in ("/", "/questions/", "/forum/")]
        say(f"   pages for a visitor: {pages}")
        say(f"   still signed in: {member.get('/accounts/profile/').status_code == 200}")
        newcomer = Visitor(base)
        say(f"   another member signs in: {newcomer.sign_in('helper')}")
        say(f"   ... and stays signed in: {newcomer.get('/accounts/profile/').status_code == 200}")
        posted = member.post(f"/questions/{question}/answer/", {"body": "During the outage."})
        say(f"   answer posted during the outage: {posted.status_code}")
        relay.start()
        say("   -- Redis back")
        time.sleep(6)  # each process tries Redis again after its pause (RETRY_SECONDS)
        pages = [Visitor(base).get(path).status_code for path in ("/", "/questions/", "/forum/")]
        signed_in = member.get("/accounts/profile/").status_code == 200
        say(f"   pages: {pages}; still signed in: {signed_in}")
        import redis

        say(f"   keys in Redis again: {redis.Redis(db=REDIS_DB).dbsize()}")
        saved = count_rows("SELECT count(*) FROM qa_answer WHERE body LIKE '%% the outage.'")
        say(f"   answers saved: {saved} of 2")
    log = (workdir / "app.log").read_text()
    for line in log.splitlines():
        if "Redis" in line:
            say(f"   log: {line.strip()[:160]}")
    relay.stop()


def drill_worker(workdir: Path, *, mails: int = 30) -> None:
    say(f"== The task worker is killed while sending {mails} notification e-mails")
    sink = SmtpSink()
    env, made = fresh_site(
        workdir,
        askers=mails,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_URL=f"smtp://127.0.0.1:{sink.server_address[1]}",
        MAIL_STALE_CLAIM_MINUTES="1",
    )
    # One answer to each question: each asker is to get one e-mail ("E-mail right away").
    site_shell(
        """
import json
from community.accounts.models import User
from qa import services
from qa.models import Question
helper = User.objects.get(username="helper")
for question in Question.objects.all():
    services.answer_create(question=question, author=helper, body="It fits, I have both.")
print(json.dumps({}))
""",
        env,
    )
    worker = stack.task_worker(env=env, log=workdir / "worker.log")

    def kill_mid_send(number: int) -> bool:
        if number != mails // 3:
            return False
        worker.signal(9)
        say(f"   -- worker killed (SIGKILL) while message {number} was being handed over")
        return True

    sink.before_ack = kill_mid_send
    worker.start()
    deadline = time.monotonic() + 120
    while worker.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    sink.before_ack = None
    say(f"   delivered before the kill: {len(sink.delivered)}")
    worker = stack.task_worker(env=env, log=workdir / "worker.log")
    worker.start()
    say("   -- worker started again")
    _wait_for(lambda: len(sink.delivered) >= mails - 1, seconds=120)
    say(f"   delivered after the restart: {len(sink.delivered)}")
    say("   -- waiting for the dead run's claim to go stale (MAIL_STALE_CLAIM_MINUTES=1)")
    time.sleep(65)
    say("   " + stack.manage("send_digests", env=env, quiet=True).strip())
    _wait_for(lambda: len(sink.delivered) >= mails, seconds=30)
    worker.stop()
    counts = {address: sink.delivered.count(address) for address in set(sink.delivered)}
    expected = {f"asker{number}@example.com" for number in range(mails)}
    say(f"   messages handed over in all: {sink.received}, acknowledged: {len(sink.delivered)}")
    say(
        f"   askers with exactly one e-mail: {sum(counts.get(a) == 1 for a in expected)} of {mails}"
    )
    say(f"   askers with none: {sorted(a for a in expected if a not in counts)}")
    say(f"   askers with more than one: {sorted(a for a, n in counts.items() if n > 1)}")
    sink.shutdown()


def _wait_for(condition, *, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def drill_postgres(workdir: Path, *, writers: int = 4, seconds_after: float = 15) -> None:
    say("== PostgreSQL restarts while members post answers")
    env, made = fresh_site(workdir)
    running, base = web_stack(env, workdir, workers=3)
    question = made["questions"][0]
    results: list[tuple[str, int, bool]] = []  # (text, status, text kept in the page)
    signed_in = threading.Barrier(writers + 1)
    stop = threading.Event()

    def write(number: int) -> None:
        member = Visitor(base)
        member.sign_in("writer")
        signed_in.wait()
        count = 0
        while not stop.is_set():
            count += 1
            text = f"Drill answer {number}-{count}: the lid fits."
            try:
                answer = member.post(f"/questions/{question}/answer/", {"body": text})
                results.append((text, answer.status_code, text in answer.text))
            except requests.RequestException as error:
                results.append((text, -1, False))
                say(f"   request failed: {error}")
            time.sleep(0.05)

    with running:
        threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
        for thread in threads:
            thread.start()
        signed_in.wait()
        time.sleep(5)
        before = len(results)
        cluster = sorted(os.listdir("/etc/postgresql"))[-1]
        restart_at = time.monotonic()
        subprocess.run(  # noqa: S603 - fixed command
            ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"],  # noqa: S607
            check=True,
        )
        say(f"   -- PostgreSQL {cluster} restarted in {time.monotonic() - restart_at:.1f} s")
        time.sleep(seconds_after)
        stop.set()
        for thread in threads:
            thread.join()
        after = Visitor(base).get("/questions/").status_code
    statuses: dict[int, int] = {}
    for _text, status, _kept in results:
        statuses[status] = statuses.get(status, 0) + 1
    accepted = [text for text, status, _kept in results if status == 302]
    refused = [(text, kept) for text, status, kept in results if status == 503]
    import psycopg

    with psycopg.connect(DATABASE_URL) as connection:
        rows = connection.execute("SELECT body FROM qa_answer WHERE body LIKE 'Drill answer %'")
        saved = {body for (body,) in rows}
    say(
        f"   posts sent: {len(results)} ({before} before the restart); by status: "
        f"{dict(sorted(statuses.items()))}"
    )
    say(f"   accepted (302) and saved: {sum(t in saved for t in accepted)} of {len(accepted)}")
    say(
        f"   refused with 503 'try again': {len(refused)}, their text kept in the page: "
        f"{sum(kept for _t, kept in refused)}; of them saved anyway: "
        f"{sum(t in saved for t, _k in refused)}"
    )
    say(f"   a page after the restart: {after}")


DRILLS = {
    "slow": drill_slow,
    "redis": drill_redis,
    "worker": drill_worker,
    "postgres": drill_postgres,
}


def main(names: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="community-drills-") as folder:
        for name in names or list(DRILLS):
            workdir = Path(folder) / name
            workdir.mkdir()
            DRILLS[name](workdir)
            say()
    stack.database_drop(DATABASE_URL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
