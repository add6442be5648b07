import io

import pytest
from django.core.management import call_command

from community.accounts.models import User

pytestmark = pytest.mark.django_db


def _run(monkeypatch, **env) -> str:
    for key in ("ADMIN_USERNAME", "ADMIN_EMAIL", "ADMIN_PASSWORD"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_first_run_creates_a_superuser_and_prints_a_generated_password(monkeypatch, client):
    output = _run(monkeypatch)
    password = output.split("password: ")[1].split()[0]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200


def test_second_run_keeps_the_password_and_does_not_print_it(monkeypatch):
    first = _run(monkeypatch)
    password = first.split("password: ")[1].split()[0]
    second = _run(monkeypatch)
    assert password not in second
    assert User.objects.get(username="admin").check_password(password)


def test_admin_password_from_the_environment_is_used(monkeypatch):
    _run(monkeypatch, ADMIN_PASSWORD="from-the-environment-123")
    assert User.objects.get(username="admin").check_password("from-the-environment-123")
    _run(monkeypatch, ADMIN_PASSWORD="changed-later-456")
    assert User.objects.get(username="admin").check_password("changed-later-456")


def test_customers_cannot_open_either_admin(customer_client):
    assert customer_client.get("/admin/").status_code == 302
    assert customer_client.get("/django-admin/").status_code == 302
