"""Every 429 the site sends says when to try again (Retry-After), whichever limit refused:
ours (community.common.ratelimit) or allauth's sign-in and sign-up limits.

The posting limits' 429s (answers, questions, comments, reviews, forum topics and replies)
are checked in tests/moderation/test_followups.py (``assert_refused_for_flooding``)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from shop.services import shop_api_token_create

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/shop/products/"


def _until_refused(send, *, attempts: int = 40):
    for _ in range(attempts):
        response = send()
        if response.status_code == 429:
            return response
    raise AssertionError(f"never refused; last answer {response.status_code}")


def _sign_up(settings, **_fixtures):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    browser = Client()
    numbers = iter(range(100))

    def send():
        n = next(numbers)
        return browser.post(
            "/accounts/signup/",
            {
                "email": f"bulk{n}@example.com",
                "username": f"bulk{n}",
                "password1": "a-much-longer-passphrase-42",
                "password2": "a-much-longer-passphrase-42",
            },
        )

    return send


def _sign_in(settings, **_fixtures):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    browser = Client()
    return lambda: browser.post("/accounts/login/", {"login": "nobody", "password": "guess"})


def _search_suggestions(settings, **_fixtures):
    settings.SEARCH_SUGGESTIONS_RATE = "2/m"
    browser = Client()
    return lambda: browser.get(
        reverse("search:suggestions"), {"title": "kettle"}, headers={"HX-Request": "true"}
    )


def _shop_api(settings, staff_user, **_fixtures):
    settings.SHOP_API_RATE_LIMITS = {"token": "2/m", "failed_auth": "20/m"}
    token = shop_api_token_create(name="Shop", created_by=staff_user)
    return lambda: Client().post(
        PRODUCTS,
        data=json.dumps([]),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token.secret}"},
    )


def _shop_api_wrong_token(settings, **_fixtures):
    settings.SHOP_API_RATE_LIMITS = {"token": "100/m", "failed_auth": "2/m"}
    return lambda: Client().post(
        PRODUCTS,
        data="[]",
        content_type="application/json",
        headers={"Authorization": "Bearer shop_guess"},
    )


def _report(settings, question_factory, user_factory, **_fixtures):
    settings.MODERATION_RATE_LIMITS = {**settings.MODERATION_RATE_LIMITS, "flag": "2/10m"}
    browser = Client()
    browser.force_login(user_factory())
    return lambda: browser.post(
        reverse("moderation:flag", args=["question", question_factory().pk]), {"reason": "spam"}
    )


def _vote(settings, question_factory, user_factory, **_fixtures):
    settings.MODERATION_RATE_VOTE = "2/10m"
    browser = Client()
    browser.force_login(user_factory())
    return lambda: browser.post(f"/questions/{question_factory().pk}/vote/", {"value": 1})


@pytest.mark.parametrize(
    ("endpoint", "longest_wait"),
    [
        (_sign_up, 60),  # allauth says nothing of its wait: the default is announced
        (_sign_in, 60),
        (_search_suggestions, 60),
        (_shop_api, 60),
        (_shop_api_wrong_token, 60),
        (_report, 600),
        (_vote, 600),
    ],
    ids=lambda value: getattr(value, "__name__", "").strip("_") or str(value),
)
def test_every_refusal_for_going_too_fast_says_when_to_try_again(
    endpoint, longest_wait, settings, staff_user, question_factory, user_factory
):
    send = endpoint(
        settings=settings,
        staff_user=staff_user,
        question_factory=question_factory,
        user_factory=user_factory,
    )
    response = _until_refused(send)
    assert 1 <= int(response["Retry-After"]) <= longest_wait
