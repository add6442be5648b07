"""Two app servers on the same PostgreSQL and Redis behave as one site: what a member does
through one (sign in, vote, go too fast, read their notifications) is what the other shows.

Each server is its own gunicorn with production settings, as behind a load balancer."""

from __future__ import annotations

import re
import time

import pytest

from deploy import stack

from .conftest import Browser, redis_flush, site_shell, stack_environment

pytestmark = pytest.mark.slow

PASSWORD = "stack-test-password-1"


@pytest.fixture(scope="module")
def two_servers(stack_database, stack_static, tmp_path_factory):
    """Two gunicorns (one worker each) on the same database and Redis, and the members and
    the question the tests use."""
    redis_flush()
    env = stack_environment(stack_database, stack_static, MODERATION_RATE_VOTE="3/m")
    made = site_shell(
        f"""
        import json
        from allauth.account.models import EmailAddress
        from community.accounts.models import User
        from community.common.buying_phase import Phase
        from qa import services

        def member(name):
            user = User.objects.create_user(
                username=name, email=name + "@example.com", password={PASSWORD!r}
            )
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            return user

        asker, voter, hasty = member("asker"), member("voter"), member("hasty")
        question = services.question_create(
            author=asker,
            title="Does the 28 cm glass lid fit the deep frying pan?",
            body="The shop says 28 cm, my pan says 28.5 cm.",
            phase=Phase.BEFORE_PURCHASE,
        )
        print(json.dumps({{"question": question.pk}}))
        """,
        env,
    )
    logs = tmp_path_factory.mktemp("app-servers")
    servers = [
        stack.app_server(port=stack.free_port(), env=env, workers=1, log=logs / f"{name}.log")
        for name in ("first", "second")
    ]
    with stack.Stack(servers):
        yield (
            [f"http://127.0.0.1:{server.port}" for server in servers],
            made["question"],
        )
    redis_flush()


def _score(page: str, question: int) -> int:
    block = page.split(f'id="vote-question-{question}"', 1)[1]
    score = block.split('class="vote__score"', 1)[1]
    return int(re.search(r'<span aria-hidden="true">(-?\d+)</span>', score).group(1))


def _eventually(read, expected, *, seconds: float = 10.0):
    """What ``read()`` gives once it gives ``expected``, or after ``seconds``."""
    deadline = time.monotonic() + seconds
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.1)
        value = read()
    return value


def _unread(page: str) -> int:
    return int(re.search(r"Notifications, (\d+) unread", page).group(1))


def test_signed_in_through_one_server_is_signed_in_on_the_other(two_servers):
    (first, second), _question = two_servers
    member = Browser()

    assert member.sign_in(first, "asker", PASSWORD).status_code == 302
    profile = member.get(second, "/accounts/profile/")
    stranger = Browser().get(second, "/accounts/profile/")

    assert profile.status_code == 200
    assert "asker" in profile.text
    assert stranger.status_code == 302
    assert "/accounts/login/" in stranger.headers["Location"]


def test_signing_out_through_one_server_signs_out_on_the_other(two_servers):
    (first, second), _question = two_servers
    member = Browser()
    member.sign_in(first, "voter", PASSWORD)
    session_cookie = member.session.cookies.get("sessionid")

    member.post(second, "/accounts/logout/", {})
    # The old session cookie, sent again (as a thief who copied it would), is worth nothing.
    thief = Browser()
    thief.session.cookies.set("sessionid", session_cookie)

    assert thief.get(first, "/accounts/profile/").status_code == 302


def test_a_vote_through_one_server_is_counted_on_the_other(two_servers):
    (first, second), question = two_servers
    before = _score(Browser().page(second, f"/questions/{question}/"), question)
    member = Browser()
    member.sign_in(second, "voter", PASSWORD)

    voted = member.post(first, f"/questions/{question}/vote/", {"value": "1"})

    assert voted.status_code == 302
    assert _score(Browser().page(second, f"/questions/{question}/"), question) == before + 1


def test_a_rate_limit_counts_what_was_done_through_both_servers(two_servers):
    # MODERATION_RATE_VOTE is 3/m: three votes through either server, the fourth is refused.
    (first, second), question = two_servers
    member = Browser()
    member.sign_in(first, "hasty", PASSWORD)

    answers = [
        member.post(server, f"/questions/{question}/vote/", {"value": value}).status_code
        for server, value in ((first, "1"), (second, "0"), (first, "1"), (second, "0"))
    ]

    assert answers == [302, 302, 302, 429]


def test_a_page_kept_for_visitors_is_made_afresh_after_an_answer_through_the_other(
    two_servers,
):
    # Visitor pages are kept in the shared Redis cache; an answer through the first server
    # moves the page generation on, so the second serves the page with the answer at once.
    # The member's bell, read fresh on every page, follows through either server as well.
    (first, second), question = two_servers
    visitor = Browser()
    before = visitor.page(second, f"/questions/{question}/")
    asker = Browser()
    asker.sign_in(second, "asker", PASSWORD)
    unread_before = _unread(asker.page(second, "/questions/"))
    answerer = Browser()
    answerer.sign_in(first, "voter", PASSWORD)

    answered = answerer.post(
        first, f"/questions/{question}/answer/", {"body": "Yes: the rim takes 28 to 28.5 cm."}
    )
    after = visitor.page(second, f"/questions/{question}/")
    # The asker is told once the answer's response has gone out: a moment later.
    unread_after_answer = _eventually(
        lambda: _unread(asker.page(second, "/questions/")), unread_before + 1
    )
    asker.post(first, "/notifications/read-all/", {})
    unread_after_reading = _unread(asker.page(second, "/questions/"))

    assert answered.status_code == 302
    assert "the rim takes 28 to 28.5 cm" not in before
    assert "the rim takes 28 to 28.5 cm" in after
    assert unread_after_answer == unread_before + 1
    assert unread_after_reading == 0
