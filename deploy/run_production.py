"""`make run-production`: the site as it runs in production, on this machine's PostgreSQL and
Redis, behind nginx; Ctrl+C stops every process.

Steps: create the database when missing, migrate, collect the static files (hashed and
compressed), load the demo content when the database has none, make sure of the
administrator account; then start the app server (gunicorn, WEB_CONCURRENCY workers), the
task worker and nginx in front. A process that exits on its own is started again.

Settings come from the environment (README, "Production"); for plain HTTP on this machine
it sets SECURE_SSL_REDIRECT=false, SECURE_HSTS_SECONDS=0 and SECURE_COOKIES=false, and keeps
a generated SECRET_KEY in `.production-secret-key` (never committed).
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy import stack  # noqa: E402 - after the path above

RESTART_PAUSE_SECONDS = 2
SCHEDULED_COMMANDS = (
    "send_digests",
    "send_notice_emails",
    "send_review_invitations",
    "send_insights_summaries",
)


def main() -> int:
    port = int(os.environ.get("PORT", "8000"))
    app_port = int(os.environ.get("APP_PORT", str(port + 1)))
    database_url = os.environ.get("DATABASE_URL", stack.DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("REDIS_URL", stack.DEFAULT_REDIS_URL)
    secret_key = os.environ.get("SECRET_KEY") or stack.secret_key_file(
        stack.REPO / ".production-secret-key"
    )
    env = stack.local_environment(
        database_url=database_url,
        redis_url=redis_url,
        secret_key=secret_key,
        SITE_URL=os.environ.get("SITE_URL", f"http://127.0.0.1:{port}"),
        WEB_CONCURRENCY=os.environ.get("WEB_CONCURRENCY", "2"),
    )

    created = database_url.startswith("postgres") and stack.database_create(database_url)
    if created:
        print(f"== created the database {database_url}")
    print("== migrate")
    stack.manage("migrate", "--noinput", env=env, quiet=True)
    if created:
        # Each re-queues itself with the worker; queued once per database, never again.
        print("== queued the self-scheduling mail tasks")
        for command in SCHEDULED_COMMANDS:
            stack.manage(command, "--schedule", env=env, quiet=True)
    print("== collectstatic (hashed, compressed)")
    stack.manage("collectstatic", "--noinput", env=env, quiet=True)
    if os.environ.get("SEED_DEMO", "true").lower() in {"1", "true", "yes", "on"}:
        print("== demo content (only what is missing)")
        stack.manage("seed_demo", env=env, quiet=True)
    admin = stack.manage("ensure_admin", env=env, quiet=True)

    static_root = Path(os.environ.get("STATIC_ROOT", stack.REPO / "staticfiles"))
    workdir = Path(tempfile.mkdtemp(prefix="community-nginx-"))
    services = [
        stack.app_server(port=app_port, env=env),
        stack.task_worker(env=env),
        stack.nginx(workdir=workdir, port=port, app_ports=[app_port], static_root=static_root),
    ]
    running = stack.Stack(services)
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    running.start()
    print()
    print(f"The site runs on http://127.0.0.1:{port}/ (nginx; gunicorn on :{app_port},")
    print(f"{env['WEB_CONCURRENCY']} workers; task worker; PostgreSQL {database_url};")
    print(f"Redis {redis_url}; nginx logs in {workdir}).")
    print(admin.strip() or "Administrator: see ADMIN_USERNAME / ADMIN_PASSWORD.")
    print("Ctrl+C stops every process.", flush=True)
    try:
        while not stopping:
            for service in services:
                if not service.alive() and not stopping:
                    print(f"== {service.name} exited ({service.process.returncode}); restarting")
                    time.sleep(RESTART_PAUSE_SECONDS)
                    service.start()
            time.sleep(0.5)
    finally:
        print("\n== stopping nginx, the task worker and the app server", flush=True)
        running.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
