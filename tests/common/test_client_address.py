"""Limits per address read the visitor's address right behind any number of proxies
(TRUSTED_PROXY_COUNT), and a count that does not match the proxies never breaks the site."""

import pytest
from django.test import Client, RequestFactory

from community.common.ratelimit import client_ip

LOAD_BALANCER = "10.0.0.2"
FIRST_PROXY = "10.0.0.3"
VISITOR = "203.0.113.7"
SPOOFED = "198.51.100.99"


def _request(*, remote: str, forwarded_for: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_connecting_address_counts_and_the_header_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(remote=VISITOR)) == VISITOR
    assert client_ip(_request(remote=VISITOR, forwarded_for=SPOOFED)) == VISITOR


def test_a_count_of_0_behind_a_load_balancer_makes_every_visitor_one_address(settings):
    """Why README insists on TRUSTED_PROXY_COUNT in production: two different visitors."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    one = _request(remote=LOAD_BALANCER, forwarded_for=VISITOR)
    other = _request(remote=LOAD_BALANCER, forwarded_for="203.0.113.8")
    assert client_ip(one) == client_ip(other) == LOAD_BALANCER


def test_behind_one_proxy_the_address_it_saw_counts_whatever_the_client_sent(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(remote=LOAD_BALANCER, forwarded_for=VISITOR)) == VISITOR
    # The client sent its own X-Forwarded-For; the load balancer appended the real address.
    spoofing = _request(remote=LOAD_BALANCER, forwarded_for=f"{SPOOFED}, {VISITOR}")
    assert client_ip(spoofing) == VISITOR


def test_behind_two_proxies_the_address_the_outer_one_saw_counts(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    chain = _request(remote=LOAD_BALANCER, forwarded_for=f"{VISITOR}, {FIRST_PROXY}")
    assert client_ip(chain) == VISITOR
    spoofing = _request(remote=LOAD_BALANCER, forwarded_for=f"{SPOOFED}, {VISITOR}, {FIRST_PROXY}")
    assert client_ip(spoofing) == VISITOR


def test_a_count_higher_than_the_real_proxies_lets_a_client_choose_its_address(settings):
    """Why README warns against counting too many: with one real proxy and a count of 2, the
    client's own header decides."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    spoofing = _request(remote=LOAD_BALANCER, forwarded_for=f"{SPOOFED}, {VISITOR}")
    assert client_ip(spoofing) == SPOOFED


@pytest.mark.django_db
def test_a_header_shorter_than_the_count_falls_back_to_the_connecting_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request(remote=LOAD_BALANCER, forwarded_for=VISITOR)) == LOAD_BALANCER
    # The site still answers (allauth alone stops with ImproperlyConfigured, a 500).
    browser = Client(REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR=VISITOR)
    assert browser.get("/accounts/login/").status_code == 200


def test_an_ipv6_visitor_counts_as_its_64_network(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    one = client_ip(_request(remote="2001:db8:1:2::1"))
    same_subscriber = client_ip(_request(remote="2001:db8:1:2:ffff::9"))
    other_subscriber = client_ip(_request(remote="2001:db8:1:3::1"))
    assert one == same_subscriber == "2001:db8:1:2::"
    assert other_subscriber != one


def test_no_address_at_all_is_one_unknown_address(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(remote="")) == "unknown"
