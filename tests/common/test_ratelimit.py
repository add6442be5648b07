"""The limiter counts over a sliding period: "1/m" means one a minute wherever the attempts
fall (to within a tenth of it), not two around the turn of a minute, and it says how long
to wait."""

import time

import pytest
from django.core.cache import cache

from community.common import ratelimit


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves; the cache's expiry follows it too."""
    cache.clear()
    now = [1_800_000_000.0]  # a whole number of minutes and hours
    monkeypatch.setattr(time, "time", lambda: now[0])

    def advance(seconds: float) -> None:
        now[0] += seconds

    advance.at = lambda: now[0]
    return advance


def test_one_a_minute_refuses_a_second_attempt_across_the_turn_of_the_minute(clock):
    clock(59.5)
    assert ratelimit.hit("post", "ann", "1/m").allowed
    clock(1)  # now 0.5 s into the next minute
    refused = ratelimit.hit("post", "ann", "1/m")
    assert not refused.allowed
    assert 54 <= refused.retry_after <= 60


def test_the_wait_it_gives_is_the_wait_that_works(clock):
    for _ in range(3):
        assert ratelimit.hit("post", "bob", "3/m").allowed
        clock(7)
    refused = ratelimit.hit("post", "bob", "3/m")
    assert not refused.allowed
    clock(refused.retry_after - 1)
    assert not ratelimit.hit("post", "bob", "3/m").allowed
    clock(1)
    assert ratelimit.hit("post", "bob", "3/m").allowed


def test_refused_attempts_do_not_push_the_wait_out(clock):
    assert ratelimit.hit("post", "cy", "1/m").allowed
    clock(10)
    first = ratelimit.hit("post", "cy", "1/m").retry_after
    for _ in range(20):
        ratelimit.hit("post", "cy", "1/m")
    clock(first)
    assert ratelimit.hit("post", "cy", "1/m").allowed


def test_the_allowance_comes_back_as_the_period_slides(clock):
    for _ in range(10):
        assert ratelimit.hit("search", "dee", "10/m").allowed
    assert not ratelimit.hit("search", "dee", "10/m").allowed
    clock(59)
    assert not ratelimit.hit("search", "dee", "10/m").allowed
    clock(1)
    allowed = [ratelimit.hit("search", "dee", "10/m").allowed for _ in range(11)]
    assert allowed.count(True) == 10


def test_peek_counts_nothing_and_agrees_with_hit(clock):
    assert ratelimit.peek("login", "eve", "2/m").allowed
    assert ratelimit.peek("login", "eve", "2/m").remaining == 2
    ratelimit.hit("login", "eve", "2/m")
    ratelimit.hit("login", "eve", "2/m")
    peeked = ratelimit.peek("login", "eve", "2/m")
    assert not peeked.allowed
    assert peeked.retry_after == ratelimit.hit("login", "eve", "2/m").retry_after


def test_keys_and_scopes_are_counted_apart(clock):
    assert ratelimit.hit("post", "fay", "1/m").allowed
    assert ratelimit.hit("post", "gus", "1/m").allowed
    assert ratelimit.hit("vote", "fay", "1/m").allowed
    assert not ratelimit.hit("post", "fay", "1/m").allowed
