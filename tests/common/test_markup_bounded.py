"""Rendering stays fast for anything the posting forms accept (bodies up to 20,000 characters).

Python-Markdown and bleach's URL finder are quadratic or worse on some inputs; the ones found
are listed in benchmark_markup (which times them too), at the largest length a form accepts.
Each must render in under 200 ms of CPU time, keep every character the member typed, and
stay within the allowlist.
"""

from __future__ import annotations

import gc
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
    # A full garbage collection walks every object of the test process (a hundred ms and more
    # under pytest) whichever code happens to trigger it; that is not the rendering's work.
    gc.disable()
    try:
        started = time.process_time()
        html = render_markup(source)
        elapsed = time.process_time() - started
    finally:
        gc.enable()

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
        pytest.param("5 < 6 & 7 > 3", "<p>5 &lt; 6 &amp; 7 &gt; 3</p>", id="entities-literal"),
        pytest.param(
            "see https://example.com/?a=1&b=2 and www.example.com/x<y",
            '<p>see <a href="https://example.com/?a=1&amp;b=2" rel="nofollow ugc noopener">'
            "https://example.com/?a=1&amp;b=2</a> and "
            '<a href="http://www.example.com/x" rel="nofollow ugc noopener">www.example.com/x</a>'
            "&lt;y</p>",
            id="urls-with-ampersand-and-less-than",
        ),
        pytest.param("Title\n=====\nbody", "<h3>Title</h3>\n<p>body</p>", id="setext-heading"),
        pytest.param(
            "Sub\n---\nbody\n\n---\n\nafter",
            "<h3>Sub</h3>\n<p>body</p>\n<hr>\n<p>after</p>",
            id="setext-heading-and-rule",
        ),
        pytest.param("x\na\n===\nmore", "<p>x\na\n===\nmore</p>", id="underline-mid-paragraph"),
        pytest.param("a\n***\nb", "<p>a</p>\n<hr>\n<p>b</p>", id="rule-inside-paragraph"),
        pytest.param(
            "> q\n# h\n> r",
            "<blockquote>\n<p>q</p>\n</blockquote>\n<h3>h</h3>\n<blockquote>\n<p>r</p>\n"
            "</blockquote>",
            id="heading-between-quotes",
        ),
        pytest.param(
            "```python\nx = 1 < 2 & 3\n# not heading\n---\n```\nafter",
            '<pre><code class="language-python">x = 1 &lt; 2 &amp; 3\n# not heading\n---\n'
            "</code></pre>\n<p>after</p>",
            id="fenced-code",
        ),
        pytest.param("``a`b``", "<p><code>a`b</code></p>", id="code-span-with-backtick"),
        pytest.param(
            "line one  \nline two  \nthree",
            "<p>line one<br>\nline two<br>\nthree</p>",
            id="line-breaks",
        ),
        pytest.param(
            "# h\n|a|b|\n|-|-|\n|1|2|\n# x",
            "<h3>h</h3>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
            "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n<tr>\n<td># x</td>\n<td></td>\n"
            "</tr>\n</tbody>\n</table>",
            id="table-after-heading-takes-its-block",
        ),
    ],
)
def test_ordinary_markdown_renders_as_before(source, expected):
    assert render_markup(source) == expected


def test_noncharacters_typed_by_a_member_are_dropped():
    # The pipeline uses them internally to hide syntax; none may come from outside.
    assert render_markup("a\ufdd0b\ufdd3c[") == "<p>abc[</p>"
    assert render_markup("a\uf8f0b\uf8f2c") == "<p>abc</p>"


def test_past_five_hundred_constructs_the_rest_of_a_post_shows_as_typed():
    html = render_markup("# a\n" * 600)
    assert html.count("<h3>") == 500
    assert html.endswith("<p>" + "\n".join(["# a"] * 100) + "</p>")


def test_fenced_code_costs_the_same_however_much_markup_it_holds():
    code = "x = *a_b [c] | d\n" * 1000
    html = render_markup(f"```\n{code}```\n\n**after**")
    assert html.startswith("<pre><code>x = *a_b [c] | d\n")
    assert html.endswith("</code></pre>\n<p><strong>after</strong></p>")


def test_backtick_runs_longer_than_sixteen_show_as_typed():
    fence = "`" * 17
    assert render_markup(f"{fence}a{fence} ``b``") == f"<p>{fence}a{fence} <code>b</code></p>"
