"""The production processes on one machine: gunicorn app servers, the task worker and nginx
in front, started and stopped together.

``make run-production`` (deploy/run_production.py), the tests of the stack (tests/deploy)
and deploy/fault_drills.py all start them through here, so they run what a deployment runs.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
PYTHON = sys.executable

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/community_production"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(host: str, port: int, timeout: float = 1.0) -> bool:
    """Whether something accepts connections on ``host:port``."""
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError:
        return False
    return True


def secret_key_file(path: Path) -> str:
    """The SECRET_KEY kept in ``path``, made (random, 64 bytes) the first time."""
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64) + "\n")
        path.chmod(0o600)
    return path.read_text().strip()


def local_environment(*, database_url: str, redis_url: str, secret_key: str, **extra) -> dict:
    """The environment of every process of a production run on this machine (plain HTTP on
    127.0.0.1 behind the local nginx): production settings, with what needs HTTPS turned off
    explicitly. A real deployment sets these itself (README, "Production")."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        # DJANGO_ENV decides, also when started from the test suite (which sets the module).
        if name != "DJANGO_SETTINGS_MODULE"
    }
    return {
        **inherited,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secret_key,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        # Plain HTTP on this machine: no redirect to HTTPS, no HSTS, cookies sent over HTTP.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SECURE_COOKIES": "false",
        # nginx is the one proxy in front and sets X-Forwarded-For and X-Forwarded-Proto.
        "TRUSTED_PROXY_COUNT": "1",
        "PROXY_SETS_X_FORWARDED_PROTO": "true",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def database_create(database_url: str) -> bool:
    """Create the PostgreSQL database ``database_url`` names when it is missing; True when
    it was made."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone():
            return False
        connection.execute(f'CREATE DATABASE "{name}"')  # a name from our own settings
    return True


def database_drop(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrated_database(database_url: str, *, env: dict) -> None:
    """Make ``database_url`` a new, migrated database (dropping what was there), copied from
    a migrated template kept between runs: migrating from nothing takes minutes. The template
    is named after the migrations and made again when they change."""
    import psycopg

    parts = urlsplit(database_url)
    server = urlunsplit(parts._replace(path="/postgres"))
    template = f"community_template_{_migrations_digest()}"
    template_url = urlunsplit(parts._replace(path=f"/{template}"))
    with psycopg.connect(server, autocommit=True) as connection:
        found = connection.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'community_template_%%'"
        ).fetchall()
    if (template,) not in found:
        for (old,) in found:  # templates of earlier migrations
            database_drop(urlunsplit(parts._replace(path=f"/{old}")))
        database_create(template_url)
        try:
            manage("migrate", "--noinput", env={**env, "DATABASE_URL": template_url}, quiet=True)
        except BaseException:
            database_drop(template_url)
            raise
    database_drop(database_url)
    name = parts.path.lstrip("/")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def _migrations_digest() -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(REPO.glob("*/**/migrations/*.py")):
        if ".venv" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def manage(*arguments: str, env: dict, quiet: bool = False) -> str:
    """Run ``manage.py`` with ``arguments``; its output (also printed unless ``quiet``)."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, str(REPO / "manage.py"), *arguments],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if not quiet:
        print(result.stdout, end="", flush=True)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr}")
    return result.stdout


@dataclass
class Service:
    """One long-running process: started, watched, stopped (SIGTERM, then SIGKILL)."""

    name: str
    command: list[str]
    env: dict
    port: int | None = None  # ready once something answers here
    log: Path | None = None  # None: the process writes to our own output
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        output = open(self.log, "ab") if self.log else None  # noqa: SIM115 - the child keeps it
        self.process = subprocess.Popen(  # noqa: S603 - commands built here
            self.command,
            cwd=REPO,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            start_new_session=True,  # Ctrl+C reaches us; we stop the children in order
        )
        if output:
            output.close()

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.port and not answers("127.0.0.1", self.port, timeout=0.5):
            if not self.alive():
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}{self._tail()}"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not answer on port {self.port}{self._tail()}")
            time.sleep(0.1)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, number: int) -> None:
        if self.alive():
            os.killpg(self.process.pid, number)

    def stop(self, timeout: float = 25) -> None:
        if not self.alive():
            return
        self.signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.process.wait()

    def _tail(self) -> str:
        if not self.log or not self.log.exists():
            return ""
        return "\n" + "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])


def app_server(*, port: int, env: dict, workers: int | None = None, log: Path | None = None):
    """gunicorn serving the site on 127.0.0.1:``port`` (workers: WEB_CONCURRENCY)."""
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "community.wsgi:application",
        "--config",
        str(DEPLOY / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if workers:
        command += ["--workers", str(workers)]
    return Service(f"app server :{port}", command, env, port=port, log=log)


def task_worker(*, env: dict, log: Path | None = None) -> Service:
    """The background-task worker (notifications, digests, invitations, webhooks)."""
    command = [PYTHON, str(REPO / "manage.py"), "db_worker"]
    return Service("task worker", command, env, log=log)


def nginx_config(*, workdir: Path, port: int, app_ports: list[int], static_root: Path) -> Path:
    """deploy/nginx/local.conf.template filled in, written to ``workdir``/nginx.conf."""
    workdir.mkdir(parents=True, exist_ok=True)
    upstreams = "\n".join(f"        server 127.0.0.1:{number};" for number in app_ports)
    # Run as root (a container), nginx hands its workers to an unprivileged user, which
    # could not read this checkout; as anyone else the directive is ignored.
    user = "user root;" if os.geteuid() == 0 else ""
    text = (DEPLOY / "nginx" / "local.conf.template").read_text()
    for name, value in {
        "WORKDIR": str(workdir),
        "PORT": str(port),
        "UPSTREAMS": upstreams,
        "STATIC_ROOT": str(static_root),
        # Uploads on local disk (the default; with a bucket, their addresses point there).
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(REPO / "media")).rstrip("/"),
        "DEPLOY": str(DEPLOY),
        "USER": user,
    }.items():
        text = text.replace(f"@{name}@", value)
    config = workdir / "nginx.conf"
    config.write_text(text)
    return config


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(path).exists()),
        None,
    )


def nginx(*, workdir: Path, port: int, app_ports: list[int], static_root: Path) -> Service:
    """nginx in the foreground on 127.0.0.1:``port``, in front of ``app_ports``."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    config = nginx_config(workdir=workdir, port=port, app_ports=app_ports, static_root=static_root)
    command = [binary, "-c", str(config), "-p", str(workdir), "-e", str(workdir / "error.log")]
    return Service("nginx", command, dict(os.environ), port=port, log=workdir / "nginx.out")


class Stack:
    """Services started in order and stopped in the reverse order."""

    def __init__(self, services: list[Service]):
        self.services = services

    def start(self, timeout: float = 90) -> None:
        try:
            for service in self.services:
                service.start()
                service.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
