"""Redis going away: the site keeps serving (every read a miss, every write dropped and
logged), sign-in keeps working from the session's database row, rate limits let attempts
through, and when Redis is back, what went stale while it was away is deleted first."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from community.common import ratelimit, redis_cache
from tests.conftest import PASSWORD, redis_answers, redis_cache_settings

# Nothing listens on port 1: connections are refused at once, as from a stopped Redis.
NOWHERE = "redis://127.0.0.1:1/0"
# A database number of its own, so these tests never meet another run's keys.
REDIS_TEST_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture
def redis_away():
    """The site's cache pointing at a Redis that does not answer."""
    with override_settings(
        CACHES=redis_cache_settings(NOWHERE),
        SESSION_ENGINE="community.accounts.sessions.cached_db",
    ):
        caches["default"].close()
        yield caches["default"]


def test_every_cache_call_is_a_miss_and_the_outage_is_logged_once(redis_away, caplog):
    cache = redis_away

    assert cache.get("a", "fallback") == "fallback"
    cache.set("a", 1)
    assert cache.add("a", 1) is True  # stored nowhere, like the dummy cache
    assert cache.get("a") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("c", lambda: 42) == 42
    cache.delete("a")
    cache.delete_many(["a", "b"])
    with pytest.raises(ValueError):
        cache.incr("a")

    outage_lines = [r for r in caplog.records if "Redis does not answer" in r.getMessage()]
    assert len(outage_lines) == 1


@pytest.mark.django_db
def test_rate_limits_let_attempts_through_while_redis_is_away(redis_away):
    decisions = [ratelimit.hit("test", key="member-1", rate="2/m") for _ in range(5)]

    assert all(decision.allowed for decision in decisions)


@pytest.mark.django_db
def test_signing_in_and_staying_signed_in_work_while_redis_is_away(redis_away, customer, client):
    response = client.post(
        reverse("account_login"), {"login": customer.username, "password": PASSWORD}
    )
    assert response.status_code == 302

    profile = client.get(reverse("accounts:profile-edit"))

    assert profile.status_code == 200
    assert profile.wsgi_request.user == customer


@pytest.mark.django_db
def test_posting_works_while_redis_is_away(redis_away, customer, question_factory, client):
    from qa.models import Answer

    question = question_factory()
    client.force_login(customer)

    response = client.post(
        reverse("qa:answer-create", args=[question.pk]), {"body": "Posted without Redis."}
    )

    assert response.status_code == 302
    assert Answer.objects.filter(question=question, body="Posted without Redis.").exists()


@pytest.fixture
def redis_cache_instance():
    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    with override_settings(CACHES=redis_cache_settings(REDIS_TEST_URL)):
        cache = caches["default"]
        cache.clear()
        yield cache
        cache.clear()
        cache.close()


def test_a_value_changed_while_redis_was_away_is_not_served_stale_afterwards(
    redis_cache_instance, monkeypatch
):
    from redis.exceptions import ConnectionError as RedisConnectionError

    cache = redis_cache_instance
    cache.set("unread:7", 3)
    cache.set("session:abc", {"signed_in": True})
    real_client = cache._cache.get_client

    def refused(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(cache._cache, "get_client", refused)
    cache.delete("session:abc")  # a sign-out while Redis is away
    cache.set("unread:7", 0)  # the notifications read meanwhile
    monkeypatch.setattr(cache._cache, "get_client", real_client)
    # Redis is back, and the process tries it again once its pause is over.
    monkeypatch.setattr(cache, "_down_until", 0.0)

    assert cache.get("session:abc") is None
    assert cache.get("unread:7") is None
    cache.set("unread:7", 0)
    assert cache.get("unread:7") == 0


def test_the_process_leaves_redis_alone_for_a_moment_after_a_failure(
    redis_cache_instance, monkeypatch
):
    from redis.exceptions import ConnectionError as RedisConnectionError

    cache = redis_cache_instance
    cache.set("kept", "value")
    calls = []
    real_client = cache._cache.get_client

    def refused(*args, **kwargs):
        calls.append(1)
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(cache._cache, "get_client", refused)
    assert cache.get("kept") is None
    assert cache.get("kept") is None
    assert len(calls) == 1  # the second call did not wait for Redis
    monkeypatch.setattr(cache._cache, "get_client", real_client)
    monkeypatch.setattr(cache, "_down_until", 0.0)

    assert cache.get("kept") == "value"


def test_too_many_stale_keys_to_remember_clear_the_sites_keys_on_return(
    redis_cache_instance, monkeypatch
):
    from redis.exceptions import ConnectionError as RedisConnectionError

    cache = redis_cache_instance
    cache.set("kept-before", "old")
    real_client = cache._cache.get_client
    monkeypatch.setattr(redis_cache, "MAX_REMEMBERED_KEYS", 3)

    def refused(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(cache._cache, "get_client", refused)
    cache.set_many({f"key-{number}": number for number in range(5)})
    monkeypatch.setattr(cache._cache, "get_client", real_client)
    monkeypatch.setattr(cache, "_down_until", 0.0)

    assert cache.get("kept-before") is None


@pytest.mark.django_db
def test_the_health_check_names_the_cache_while_redis_is_away(redis_away, client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    assert client.get("/").status_code == 200  # the pages themselves keep being served


@pytest.mark.skipif(not redis_answers(), reason="Redis does not answer on 127.0.0.1:6379")
def test_the_health_check_finds_the_cache_ok_when_redis_answers(client):
    with override_settings(CACHES=redis_cache_settings(REDIS_TEST_URL)):
        caches["default"].close()
        response = client.get("/healthz")

    assert response.json()["cache"] == {"status": "ok", "backend": "ResilientRedisCache"}
