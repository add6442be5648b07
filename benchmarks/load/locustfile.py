"""The site under load: anonymous visitors browsing, signed-in members voting, answering and
asking, and the header search's type-ahead.

Prepare the data and sessions first (``manage.py prepare_load_test --out load-test.json``,
against the same database as the server), start the server with ``TRUSTED_PROXY_COUNT=1``
(each simulated visitor sends its own ``X-Forwarded-For``, as a load balancer would, so limits
per address apply per visitor), then run headless, e.g.::

    locust -f benchmarks/load/locustfile.py --headless --host http://127.0.0.1:8100 \
        --users 40 --spawn-rate 10 --run-time 60s --only-summary --load-data load-test.json

Each visitor asks for about one page a second, each member acts about every three seconds
(the vote and post limits per member stay well out of reach); the mix is four visitors to
one member. At the end one line starting ``LOAD-RESULT`` gives requests per second, the
95th percentile, errors (any unexpected status or failed connection) and, counted apart,
answers ``429 Too Many Requests`` (a limit was met: the run does not show the site's
capacity, only its limits).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import secrets
import string
from pathlib import Path

from locust import HttpUser, constant_throughput, events, task

MEMBER_PACE = 0.3  # tasks per second per member
VISITOR_PACE = 1.0  # pages per second per visitor
TYPED = ["dutch oven", "induction hob", "warranty", "burr grinder", "descaling kettle"]
ANSWER_LINES = [
    "I have used mine for about a year now and it still works like new.",
    "Hand-wash it and dry it straight away; that is all it needs.",
    "It heats evenly on **induction** and on gas.",
    "Support replaced a part within a week when I asked.",
]
QUESTION_STARTS = [
    "Does the {thing} work on a ceramic hob",
    "How heavy is the {thing} when it is full",
    "Can I order a spare lid for the {thing}",
    "Is the {thing} safe for a toddler's kitchen",
]
THINGS = ["skillet", "Dutch oven", "kettle", "moka pot", "pizza oven", "teapot"]

_random = random.Random()  # noqa: S311 (which page to visit, not security)
_data: dict = {}
_accounts: itertools.count = itertools.count()
_rate_limited: dict[str, int] = {}


@events.init_command_line_parser.add_listener
def _arguments(parser):
    parser.add_argument(
        "--load-data",
        default=os.environ.get("LOAD_TEST_DATA", "load-test.json"),
        help="the JSON file manage.py prepare_load_test wrote",
    )


@events.test_start.add_listener
def _load_data(environment, **kwargs):
    _data.update(json.loads(Path(environment.parsed_options.load_data).read_text()))
    _rate_limited.clear()


@events.test_stop.add_listener
def _summary(environment, **kwargs):
    total = environment.stats.total
    errors = total.num_failures
    result = {
        "requests": total.num_requests,
        "rps": round(total.total_rps, 1),
        "p50_ms": total.get_response_time_percentile(0.50),
        "p95_ms": total.get_response_time_percentile(0.95),
        "p99_ms": total.get_response_time_percentile(0.99),
        "errors": errors,
        "errors_by_kind": {
            f"{error.method} {error.name}: {error.error}": error.occurrences
            for error in environment.stats.errors.values()
        },
        "rate_limited": sum(_rate_limited.values()),
        "rate_limited_by_request": dict(_rate_limited),
    }
    print("LOAD-RESULT " + json.dumps(result), flush=True)


def _page_among(listed: str, name: str, *, weight: int):
    """A task: open one of the pages the data lists under ``listed`` (when it lists any),
    counted under ``name``."""

    @task(weight)
    def visit(self):
        if _data[listed]:
            self._get(_random.choice(_data[listed]), name)

    return visit


class _Browsing(HttpUser):
    abstract = True

    def on_start(self):
        # A visitor's own address, as the load balancer in front would pass it on.
        parts = (_random.randrange(256), _random.randrange(256), _random.randrange(1, 255))
        self.client.headers["X-Forwarded-For"] = "10.{}.{}.{}".format(*parts)

    def _get(self, path: str, name: str, **kwargs):
        return self._expect(self.client.get, path, name, (200,), **kwargs)

    def _expect(self, method, path: str, name: str, statuses: tuple[int, ...], **kwargs):
        with method(path, name=name, catch_response=True, allow_redirects=False, **kwargs) as r:
            if r.status_code == 429:
                # Counted apart from errors: a limit was met, the site did not fail.
                _rate_limited[name] = _rate_limited.get(name, 0) + 1
                r.success()
            elif r.status_code not in statuses:
                r.failure(f"status {r.status_code}")
        return r

    def _question(self) -> list:
        return _random.choice(_data["questions"])

    # What visitors and members both do.

    def question_page(self):
        self._get(self._question()[1], "question page")

    def question_list(self):
        order = _random.choice(["", "?order=newest", "?order=votes", "?order=unanswered"])
        page = _random.choice(["", "", "", f"page={_random.randint(2, 40)}"])
        query = order + (("&" if order else "?") + page if page else "")
        self._get(f"/questions/{query}", "question list")

    def typeahead(self):
        """A visitor typing in the header search box: one request per pause while typing."""
        words = _random.choice(TYPED)
        for end in sorted(_random.sample(range(2, len(words) + 1), 3)):
            self._get(
                "/search/typeahead/",
                "type-ahead",
                params={"q": words[:end]},
                headers={"HX-Request": "true"},
            )


class Visitor(_Browsing):
    """Someone who is not signed in: most of the traffic."""

    weight = 4
    wait_time = constant_throughput(VISITOR_PACE)

    @task(8)
    def question_page_task(self):
        self.question_page()

    @task(4)
    def question_list_task(self):
        self.question_list()

    @task(2)
    def product_questions(self):
        product_id, _url = _random.choice(_data["products"])
        self._get(f"/questions/?product={product_id}", "question list: one product")

    @task(1)
    def tag_questions(self):
        if _data["tags"]:
            self._get(f"/questions/?tag={_random.choice(_data['tags'])}", "question list: one tag")

    @task(3)
    def product_page(self):
        self._get(_random.choice(_data["products"])[1], "product page")

    @task(2)
    def search(self):
        self._get("/search/", "search", params={"q": _random.choice(_data["search_terms"])})

    article = _page_among("articles", "knowledge-base article", weight=2)
    forum_board = _page_among("boards", "forum board", weight=1)
    forum_topic = _page_among("topics", "forum topic", weight=1)

    @task(1)
    def home(self):
        self._get("/", "home page")

    @task(1)
    def typeahead_task(self):
        self.typeahead()


class Member(_Browsing):
    """A signed-in load-test member (each simulated member its own account): reads, votes,
    answers and asks."""

    weight = 1
    wait_time = constant_throughput(MEMBER_PACE)

    def on_start(self):
        super().on_start()
        accounts = sorted(_data["sessions"].items())
        username, session_key = accounts[next(_accounts) % len(accounts)]
        self.username = username
        # Set by hand: the server's cookies are Secure, and the load test speaks plain HTTP
        # to it. Any 32-letter token serves as the CSRF secret when cookie and form agree.
        self.csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in "x" * 32)
        self.client.cookies.set(_data["session_cookie"], session_key)
        self.client.cookies.set(_data["csrf_cookie"], self.csrf)
        self.client.headers["X-CSRFToken"] = self.csrf

    @task(10)
    def question_page_task(self):
        self.question_page()

    @task(5)
    def question_list_task(self):
        self.question_list()

    @task(3)
    def typeahead_task(self):
        self.typeahead()

    @task(3)
    def vote(self):
        if _random.random() < 0.7 and _data["answers"]:
            _question_pk, answer_pk = _random.choice(_data["answers"])
            path, name = f"/answers/{answer_pk}/vote/", "vote (answer)"
        else:
            path, name = f"/questions/{self._question()[0]}/vote/", "vote (question)"
        self._expect(
            self.client.post,
            path,
            name,
            (200,),
            data={"value": _random.choice(["1", "1", "0"])},
            headers={"HX-Request": "true"},
        )

    @task(2)
    def answer(self):
        body = "\n\n".join(_random.sample(ANSWER_LINES, 2)) + f"\n\n({secrets.token_hex(4)})"
        self._expect(
            self.client.post,
            f"/questions/{self._question()[0]}/answer/",
            "post an answer",
            (302,),
            data={"body": body},
        )

    @task(1)
    def ask(self):
        thing = _random.choice(THINGS)
        title = _random.choice(QUESTION_STARTS).format(thing=thing)
        product_id = _random.choice(_data["products"])[0]
        self._expect(
            self.client.post,
            "/questions/ask/",
            "ask a question",
            (302,),
            data={
                "title": f"{title} ({secrets.token_hex(3)})?",
                "body": f"We cook for four most days; would the {thing} suit us?",
                "phase": _random.choice(["before", "after"]),
                "product": str(product_id),
            },
        )
