"""Bounds on the work Python-Markdown does, so that any text the forms accept renders quickly.

Python-Markdown is quadratic (or worse) on some inputs: every ``[`` without a closing ``]``
makes each link and reference pattern scan to the end of the paragraph, every ``(`` after
``]`` without a closing ``)`` does the same, and every container marker at the start of a line
(``>``, ``1.``, ``-``) opens one more level of recursion. Seven thousand ``[`` took over a
minute; a line of a thousand ``1.`` crashed with a RecursionError.

The guards below *hide* the characters that would cause that work: they swap them for Unicode
noncharacters (U+FDD0 onwards, reserved for a program's internal use; render_markup strips them
from what users type), which no Markdown pattern matches, and the last step swaps them back.
What a reader sees is the very same character; only its Markdown meaning is gone. A character
is hidden only where Markdown would not have given it a meaning anyway (an unmatched bracket),
or beyond a depth that no real post reaches.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

# Brackets nested deeper than this lose their link meaning: "[![alt](src)](href)" is two deep,
# and every level lets each link pattern scan the text inside once more.
MAX_BRACKET_DEPTH = 3
# Quotes and lists opened on one line ("> > >", "1. 1. 1.", "- > -"): each level is a recursion
# in the block parser. Real posts nest two or three deep.
MAX_CONTAINER_DEPTH = 8
# Runs of * and _ in one paragraph (or list item, heading, cell): the emphasis parser looks
# back through all open runs for each new one. A long paragraph with every word in italics
# has a few hundred; the ones after this show as typed.
MAX_EMPHASIS_RUNS = 400

# What each hidden character stands for, as it must appear in the HTML (text or attribute).
_REVEALED = {
    "\ufdd0": "[",
    "\ufdd1": "]",
    "\ufdd2": "(",
    "\ufdd3": "&gt;",
    "\ufdd4": "-",
    "\ufdd5": "*",
    "\ufdd6": "+",
    "\ufdd7": ".",
    "\ufdd8": ")",
    "\ufdd9": "_",
}
_HIDDEN = {plain if plain != "&gt;" else ">": hidden for hidden, plain in _REVEALED.items()}
# Every noncharacter of that block: nobody types them, so none may come from the user.
NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")
_REVEAL = re.compile("[" + "".join(_REVEALED) + "]")

# One container marker at the start of what is left of a line: a quote or a list item.
_CONTAINER_MARKER = re.compile(r"[ ]{0,3}(?:>[ ]?|(?:[*+-]|\d{1,9}[.)])[ \t]+)")
# A line of only -, * or _ (and spaces) is a rule, not nested list items.
_RULE_LIKE = re.compile(r"[ \t*_-]*")


def hide(text: str, positions) -> str:
    """text with the characters at positions swapped for their hidden stand-ins."""
    chars = list(text)
    for position in positions:
        chars[position] = _HIDDEN[chars[position]]
    return "".join(chars)


def reveal(html: str) -> str:
    return _REVEAL.sub(lambda match: _REVEALED[match.group()], html)


class BoundedWorkExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After fenced code blocks are taken out (25), before the block parser.
        md.preprocessors.register(_ContainerDepthGuard(md), "container_depth_guard", 24)
        # After code spans (190) and backslash escapes (180) became placeholders, so the
        # brackets left are exactly the ones the link patterns (170 and below) will look at.
        md.inlinePatterns.register(_InlineGuard(r"^.", md), "inline_guard", 175)
        # Right after inline processing (20).
        md.treeprocessors.register(_UnwrapGuarded(md), "unwrap_guarded", 19)
        if "table" in md.parser.blockprocessors:
            _test_tables_cheaply(md.parser.blockprocessors["table"])
        # After stashed code blocks are put back (30) and & is restored (20).
        md.postprocessors.register(_Reveal(md), "reveal_hidden", 5)


def _test_tables_cheaply(tables) -> None:
    """The tables extension splits and strips every line of a block to decide whether the
    block starts a table, and the block parser asks again each time a heading or rule is
    split off the front: 5,000 one-line headings took seconds. A table needs a "|" in its
    first line and a second line of only "|", ":", "-" and spaces; check those two lines
    first and ask the extension only then."""
    full_test = tables.test

    def test(parent, block: str) -> bool:
        first, _, rest = block.partition("\n")
        second = rest.partition("\n")[0].strip(" ")
        return (
            "|" in first and bool(second) and set(second) <= _SEPARATOR and full_test(parent, block)
        )

    tables.test = test


_SEPARATOR = frozenset("|:- ")


class _ContainerDepthGuard(Preprocessor):
    """Hide the marker that would open a quote or list deeper than MAX_CONTAINER_DEPTH on one
    line; the rest of the line becomes text at that depth."""

    def run(self, lines: list[str]) -> list[str]:
        return [self._bounded(line) for line in lines]

    @staticmethod
    def _bounded(line: str) -> str:
        if not _CONTAINER_MARKER.match(line) or _RULE_LIKE.fullmatch(line):
            return line
        position, depth = 0, 0
        while marker := _CONTAINER_MARKER.match(line, position):
            if depth == MAX_CONTAINER_DEPTH:
                first = len(marker.group()) - len(marker.group().lstrip(" "))
                significant = position + first
                if line[significant].isdigit():  # "12." : its dot or parenthesis
                    significant = position + len(marker.group().rstrip(" \t")) - 1
                return hide(line, [significant])
            depth += 1
            position = marker.end()
        return line


class _InlineGuard(InlineProcessor):
    """Hide the brackets and parentheses that would make the link patterns scan far for
    nothing: a ``[`` that no ``]`` closes, brackets nested beyond MAX_BRACKET_DEPTH, and a
    ``(`` after ``]`` that no ``)`` closes. Markdown matches brackets by counting, exactly as
    done here, so the links it would have made are all still made. Also hide the runs of
    ``*`` and ``_`` beyond MAX_EMPHASIS_RUNS.

    It matches the whole text once and hands it on, with those characters hidden, wrapped in
    an element that _UnwrapGuarded removes again; the remaining inline patterns run inside.
    """

    def handleMatch(self, m, data):
        hidden = _link_syntax_to_hide(data) + _emphasis_to_hide(data)
        if not hidden:
            return None, None, None
        wrapper = etree.Element(_WRAPPER_TAG)
        wrapper.text = hide(data, hidden)
        return wrapper, 0, len(data)


_WRAPPER_TAG = "x-bounded"


def _link_syntax_to_hide(data: str) -> list[int]:
    if "[" not in data:
        return []
    hidden: list[int] = []
    openers: list[int] = []
    closers: set[int] = set()
    for position, char in enumerate(data):
        if char == "[":
            openers.append(position)
        elif char == "]" and openers:
            opener = openers.pop()
            if len(openers) >= MAX_BRACKET_DEPTH:
                hidden += (opener, position)
            else:
                closers.add(position)
    hidden += openers  # never closed
    # "(" right after a kept "]" starts a link target; one that no ")" closes is scanned to
    # the end of the text by every such "]".
    targets = [p + 1 for p in closers if p + 1 < len(data) and data[p + 1] == "("]
    if targets:
        hidden += _unclosed_parentheses(data, set(targets))
    return hidden


def _unclosed_parentheses(data: str, wanted: set[int]) -> list[int]:
    openers: list[int] = []
    for position, char in enumerate(data):
        if char == "(":
            openers.append(position)
        elif char == ")" and openers:
            openers.pop()
    return [position for position in openers if position in wanted]


_EMPHASIS_RUN = re.compile(r"\*+|_+")


def _emphasis_to_hide(data: str) -> list[int]:
    if data.count("*") + data.count("_") <= MAX_EMPHASIS_RUNS:
        return []
    hidden: list[int] = []
    for number, run in enumerate(_EMPHASIS_RUN.finditer(data)):
        if number >= MAX_EMPHASIS_RUNS:
            hidden += range(run.start(), run.end())
    return hidden


class _UnwrapGuarded(Treeprocessor):
    """Put what _LinkSyntaxGuard wrapped back in place, without the wrapper."""

    def run(self, root):
        for parent in list(root.iter()):
            while (wrapper := parent.find(_WRAPPER_TAG)) is not None:
                _unwrap(parent, wrapper)


def _unwrap(parent: etree.Element, wrapper: etree.Element) -> None:
    index = list(parent).index(wrapper)
    before = parent[index - 1] if index else None
    leading = (wrapper.text or "") + ("" if len(wrapper) else wrapper.tail or "")
    if before is None:
        parent.text = (parent.text or "") + leading
    else:
        before.tail = (before.tail or "") + leading
    children = list(wrapper)
    if children:
        children[-1].tail = (children[-1].tail or "") + (wrapper.tail or "")
    parent.remove(wrapper)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)


class _Reveal(Postprocessor):
    def run(self, text: str) -> str:
        return reveal(text)
