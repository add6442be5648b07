"""Rendering time of user text: a script, not a test.

Times community.common.markup.render_markup (Markdown, then bleach) on a typical answer and on
each pathological input at the longest length a posting form accepts (20,000 characters), and
prints the median and maximum CPU time of each (garbage collection paused) as a Markdown
table. Needs no database:

    DJANGO_ENV=development python manage.py benchmark_markup

tests/common/test_markup_bounded.py holds every input to 200 ms.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand

from community.common.markup import render_markup

MAX_BODY = 20_000  # the longest body a form accepts (answers, replies, forum posts)
BUDGET_MS = 200.0

TYPICAL_POST = """\
Thanks for the question! I have had the **Dutch oven** for two years now.

- It works on induction, gas and in the oven (up to 250 °C).
- Clean it with warm water; *no* dishwasher.
- The lid knob gets hot, so use a cloth.

> The enamel can chip if you drop it, so be careful on a stone floor.

See the [care guide](https://shop.example.com/care) or www.example.com/faq for more.
Code for the timer I use: `timer --minutes 90`.
"""


def _repeat(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _lines(make: Callable[[int], str], length: int) -> str:
    lines, total, number = [], 0, 0
    while total < length:
        lines.append(make(number))
        total += len(lines[-1]) + 1
        number += 1
    return "\n".join(lines)[:length]


def pathological_inputs(length: int = MAX_BODY) -> dict[str, str]:
    """Inputs that took seconds, minutes or crashed before the guards; now under budget."""
    return {
        "brackets": _repeat("[", length),
        "image-openers": _repeat("![", length),
        "empty-links-unclosed": _repeat("[](", length),
        "links-unclosed": _repeat("[a](", length),
        "references-unclosed": _repeat("[a][", length),
        "images-unclosed": _repeat("![a](", length),
        "link-and-image-openers": _repeat("[![", length),
        "link-then-parentheses": ("[a](" + "(" * length)[:length],
        "nested-brackets": "[" * (length // 2) + "]" * (length // 2),
        "bracket-per-line": _repeat("[a\n", length),
        "image-opener-per-line": _repeat("![\n", length),
        "brackets-and-emphasis": _repeat("[*_", length),
        "emphasis-mixed": _repeat("*_", length),
        "emphasis-words": _repeat("*a_", length),
        "stars": _repeat("*", length),
        "underscores": _repeat("_", length),
        "backticks": _repeat("`", length),
        "backtick-runs-shrinking": "".join("`" * k + "a" for k in range(400, 0, -1))[-length:],
        "nested-ordered-lists": _repeat("1. ", length),
        "nested-lists-parenthesis": _repeat("1) ", length),
        "nested-plus-lists": _repeat("+ ", length),
        "parentheses": _repeat("(", length),
        "url-like-dots-dashes": _repeat("a.-", length),
        "url-like-dashes": _repeat("a-", length),
        "schemes": _repeat("http://", length),
        "www": _repeat("www.", length),
        "reference-definitions": _lines(lambda n: f"[r{n}]: /x{n}", length),
        "list-nested-by-indentation": _lines(lambda n: " " * (2 * n) + "- a", length),
        "quote-markers": _repeat(">", length),
        "quote-per-line-deepening": _lines(lambda n: "> " * n + "a", length),
        "quotes-and-lists": _repeat("> - ", length),
        "less-than": _repeat("<", length),
        "ampersands": _repeat("&", length),
        "html-comment-openers": _repeat("<!--", length),
        "autolink-openers": _repeat("<http://", length),
        "backslashes": _repeat("\\", length),
        "code-spans": _repeat("`a", length),
        "backtick-runs-growing": "".join("`" * k + "a" for k in range(1, 400))[:length],
        "line-breaks": _repeat("a  \n", length),
        "paragraphs": _repeat("a\n\n", length),
        "headings": _repeat("# a\n", length),
        "setext-headings": _repeat("a\n=\n", length),
        "rules": _repeat("---\n", length),
        "fences": _repeat("```\n", length),
        "wide-table": ("|a" * 300 + "\n" + "|-" * 300 + "\n" + ("|b" * 300 + "\n") * 100)[:length],
        "long-setext-headings": _repeat("a" * 40 + "\n=\n", length),
        "setext-headings-then-hash": _repeat("a\n=\n", length - 4) + "\n# a",
        "links": _repeat("[a](b) ", length),
        "bare-urls": _repeat("a.shop ", length),
        "autolinked-mail": _repeat("<a@b.nl> ", length),
        "entities": _repeat("&copy;", length),
        "list-items": _repeat("- a\n", length),
        "narrow-table": "|a|b\n|-|-\n" + _repeat("|1|2\n", length - 10),
        "indented-code-blocks": _repeat("    a\n\n", length),
        "quote-lines": _repeat("> a\n", length),
        "fences-growing": _lines(lambda n: "`" * (n + 3), length),
    }


class Command(BaseCommand):
    help = "Time render_markup on a typical post and on pathological inputs of 20,000 characters."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5, help="timed renderings per input")
        parser.add_argument("--length", type=int, default=MAX_BODY)

    def handle(self, *args, **options):
        runs, length = options["runs"], options["length"]
        load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
        render_markup(TYPICAL_POST)  # imports and compiled patterns
        lines = [
            f"render_markup, CPU time per rendering, {runs} runs of each; inputs of "
            f"{length:,} characters (the typical post: {len(TYPICAL_POST)}).",
            "",
            "| input | median ms | max ms | within 200 ms |",
            "|---|---:|---:|---|",
        ]
        lines.append(self._row("typical post", TYPICAL_POST, max(runs, 50)))
        for name, source in pathological_inputs(length).items():
            lines.append(self._row(name, source, runs))
        lines += [
            "",
            f"Machine: Python {platform.python_version()}, {platform.machine()}, "
            f"{os.cpu_count()} CPUs; load average {load} when timing started.",
        ]
        self.stdout.write("\n".join(lines))

    @staticmethod
    def _row(name: str, source: str, runs: int) -> str:
        timings = []
        # As in the test: a full garbage collection, which any code may happen to trigger,
        # walks every object of the process and is not the rendering's work.
        gc.disable()
        try:
            for _ in range(runs):
                started = time.process_time()
                render_markup(source)
                timings.append((time.process_time() - started) * 1000)
        finally:
            gc.enable()
        median, worst = statistics.median(timings), max(timings)
        verdict = "yes" if worst < BUDGET_MS else "**no**"
        return f"| {name} | {median:.1f} | {worst:.1f} | {verdict} |"
