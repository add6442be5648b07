from unittest import mock

from django.db import DatabaseError


def test_health_check_answers_ok_when_the_database_answers(
    client, db, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_503_when_the_database_is_down(client, db):
    with mock.patch("community.common.health.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_health_check_refuses_posts(client, db):
    assert client.post("/healthz").status_code == 405
