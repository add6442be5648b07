"""Rendering stays fast for anything the posting forms accept (bodies up to 20,000 characters).

Python-Markdown and bleach's URL finder are quadratic or worse on some inputs; the ones found
are listed in benchmark_markup (which times them too), at the largest length a form accepts.
Each must render in under 200 ms of CPU time, keep every character the member typed, and
stay within the allowlist.
"""

from __future__ import annotations

import time

import pytest

from benchmarks.management.commands.benchmark_markup import MAX_BODY, pathological_inputs
from community.common.markup import plain_text, render_markup
from tests.common.test_markup import unsafe_parts

BUDGET_SECONDS = 0.2
PATHOLOGICAL = pathological_inputs(MAX_BODY)


@pytest.mark.parametrize("source", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_a_pathological_post_renders_quickly_and_keeps_its_text(source):
    assert len(source) <= MAX_BODY
    render_markup("warm up")
    started = time.process_time()
    html = render_markup(source)
    elapsed = time.process_time() - started

    assert elapsed < BUDGET_SECONDS, f"{elapsed * 1000:.0f} ms"
    assert unsafe_parts(html) == []
    text = plain_text(html)
    assert not any("\ufdd0" <= char <= "\ufdef" for char in text)
    if "]:" not in source:  # reference definitions are consumed, not shown
        for char in "[(":
            assert text.count(char) == source.count(char)


def test_a_line_of_a_thousand_nested_list_markers_renders_instead_of_crashing():
    # It used to raise RecursionError: a 500 for the member and the post lost.
    html = render_markup("1. " * 1000 + "deep")
    assert "deep" in html
    assert html.count("<ol>") == 8


def test_quotes_nest_eight_deep_and_the_rest_shows_as_typed():
    html = render_markup(">" * 12 + " hello")
    assert html.count("<blockquote>") == 8
    assert "&gt;&gt;&gt;&gt; hello" in html


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "[![chair](/media/a.png)](/shop/)",
            '<p><a href="/shop/" rel="nofollow ugc noopener">'
            '<img alt="chair" src="/media/a.png"></a></p>',
            id="linked-image",
        ),
        pytest.param(
            "[wiki](https://example.com/a_(b)) and [x] and [y](",
            '<p><a href="https://example.com/a_(b)" rel="nofollow ugc noopener">wiki</a>'
            " and [x] and [y](</p>",
            id="parentheses-in-url-and-unclosed-ones",
        ),
        pytest.param(
            "[a [b [c]]](/x)",
            '<p><a href="/x" rel="nofollow ugc noopener">a [b [c]]</a></p>',
            id="brackets-nested-in-link-text",
        ),
        pytest.param("`[`](/x) [", "<p><code>[</code>](/x) [</p>", id="bracket-in-code"),
        pytest.param(
            "> > > three\n\n1. a\n    - b",
            "<blockquote>\n<blockquote>\n<blockquote>\n<p>three</p>\n</blockquote>\n"
            "</blockquote>\n</blockquote>\n<ol>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ol>",
            id="ordinary-nesting",
        ),
        pytest.param("- - -\n\n* * * * * * * * * *", "<hr>\n<hr>", id="rules"),
        pytest.param(
            "see shop.example.com. and (www.example.org)",
            '<p>see <a href="http://shop.example.com" rel="nofollow ugc noopener">'
            'shop.example.com</a>. and (<a href="http://www.example.org" '
            'rel="nofollow ugc noopener">www.example.org</a>)</p>',
            id="bare-urls",
        ),
    ],
)
def test_ordinary_markdown_renders_as_before(source, expected):
    assert render_markup(source) == expected


def test_noncharacters_typed_by_a_member_are_dropped():
    # The pipeline uses them internally to hide syntax; none may come from outside.
    assert render_markup("a\ufdd0b\ufdd3c[") == "<p>abc[</p>"
