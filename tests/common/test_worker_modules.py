"""What a web worker holds: the site, and not code that no request of it can reach."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Started as a gunicorn worker starts (production settings, the WSGI application), with every
# URL pattern read and every Wagtail hook found, as after its first requests; prints the
# modules it holds.
WORKER = textwrap.dedent(
    """
    import json, sys
    from community.wsgi import application
    from django.urls import reverse
    from wagtail import hooks
    reverse("healthz")
    hooks.get_hooks("register_admin_urls")
    print(json.dumps(sorted(sys.modules)))
    """
)


@pytest.fixture(scope="module")
def worker_modules() -> set[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(
        DJANGO_ENV="production",
        SECRET_KEY="a-real-secret-" + "x7Q2m9" * 10,
        ALLOWED_HOSTS="community.example.com",
        DATABASE_URL="sqlite:////nonexistent/never-opened.sqlite3",
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.slow
def test_a_worker_holds_the_site_it_serves(worker_modules):
    assert {"community.urls", "qa.views", "wagtail.admin.urls"} <= worker_modules


@pytest.mark.slow
def test_a_worker_holds_no_part_of_wagtails_api_v3_which_the_site_does_not_serve(
    worker_modules,
):
    assert sorted(m for m in worker_modules if m == "ninja" or ".api.v3" in m) == []


@pytest.mark.slow
def test_a_worker_holds_no_demo_loader_nor_its_font_drawing(worker_modules):
    assert "demo.data_files" in worker_modules  # the sign-in page's demo accounts
    assert {"demo.loader", "PIL.ImageFont"}.isdisjoint(worker_modules)
