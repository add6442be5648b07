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

import bisect
import html
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
# Runs of backticks longer than this show as typed: a code span that contains backticks is
# opened and closed with two or three, never with seventeen.
MAX_BACKTICK_RUN = 16

# A post's first MAX_MARKUP constructs are Markdown; the text after the line where the budget
# runs out is shown as typed, in one paragraph. Python-Markdown and bleach spend 50–250 µs on
# each element they make or clean, so 20,000 characters of "a\n\n", "# a\n", "`a" or "|a"
# took a second or more. A construct is a paragraph or a line that starts a heading, list
# item, quote, rule or table row; a run of "`", "*" or "_"; a backslash escape, a "[", a "|",
# an entity, a "<" before a letter, a hard line break. A fenced code block counts three (its
# content is free), an opening fence that is never closed ten. A long answer with lists,
# tables and code has a few hundred.
MAX_MARKUP = 500

# The characters that can be hidden, in the order of their stand-ins (U+FDD0 onwards).
_HIDEABLE = "[](>-*+.)_`\\#|=~<&"
_HIDDEN = {plain: chr(0xFDD0 + number) for number, plain in enumerate(_HIDEABLE)}
# What each hidden character stands for, as it must appear in the HTML (text or attribute).
_REVEALED = {hidden: html.escape(plain, quote=False) for plain, hidden in _HIDDEN.items()}
# Every noncharacter of that block, and the stand-ins of hide_references below: render_markup
# drops them from what users type, so all of them in the pipeline are its own.
INTERNAL_CHARACTERS = re.compile("[\ufdd0-\ufdef\uf8f0-\uf8f2]")
_REVEAL = re.compile("[" + "".join(_REVEALED) + "]")
_HIDE_ALL = str.maketrans(_HIDDEN)

# One construct (see MAX_MARKUP) inside a line.
_CONSTRUCT = re.compile(r"`+|\*+|_+|\\.|\[|\||&#?\w+;|<\w| {2,}$")
# A line that starts a block: heading, setext underline, quote, list item, rule, table row.
_BLOCK_START = re.compile(r"[ ]{0,3}(?:[#=>|*+-]|\d{1,9}[.)])")
# The opening line of a fenced code block, as the fenced_code extension reads it.
_FENCE_OPENER = re.compile(
    r"""(?P<fence>~{3,}|`{3,})[ ]*(\{[^\n]*\}|(\.?[\w#.+-]*[ ]*)?(hl_lines=("|').*?\5[ ]*)?)$"""
)

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
        # After whitespace is normalized (30), before fenced code blocks are taken out (25).
        md.preprocessors.register(_MarkupBudget(md), "markup_budget", 28)
        # After fenced code blocks are taken out (25), before the block parser.
        md.preprocessors.register(_ContainerDepthGuard(md), "container_depth_guard", 24)
        # After code spans (190) and backslash escapes (180) became placeholders, so the
        # brackets left are exactly the ones the link patterns (170 and below) will look at.
        md.inlinePatterns.register(_InlineGuard(r"^.", md), "inline_guard", 175)
        # Before code spans (190).
        md.inlinePatterns.register(_BacktickGuard(r"^.", md), "backtick_guard", 195)
        # Right after inline processing (20).
        md.treeprocessors.register(_UnwrapGuarded(md), "unwrap_guarded", 19)
        if "table" in md.parser.blockprocessors:
            _test_tables_cheaply(md.parser.blockprocessors["table"])
        for name, pattern in [("hashheader", "RE"), ("hr", "SEARCH_RE"), ("quote", "RE")]:
            processor = md.parser.blockprocessors[name]
            _remember_fruitless_search(processor, getattr(processor, pattern))
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


def _remember_fruitless_search(processor, pattern: re.Pattern) -> None:
    """Headings, rules and quotes are found anywhere in a block, so their tests search all of
    it; each time a heading or rule is split off the front, the block parser asks again about
    the rest, and 5,000 setext headings took four seconds. A search that found nothing finds
    nothing in what is left of the same block either (each of these patterns matches whole
    lines), so that answer is remembered."""
    full_test = processor.test
    fruitless = [""]  # the last block in which the pattern was not found

    def test(parent, block: str) -> bool:
        searched = fruitless[0]
        start = len(searched) - len(block)
        if start > 0 and searched[start - 1] == "\n" and searched.endswith(block):
            return False
        if pattern.search(block) is None:
            fruitless[0] = block
            return False
        return full_test(parent, block)

    processor.test = test


class _MarkupBudget(Preprocessor):
    """Count the constructs (see MAX_MARKUP) line by line; from the line where the budget runs
    out, show the text as typed."""

    def run(self, lines: list[str]) -> list[str]:
        fences = _fenced_code(lines)
        used, index, after_blank = 0, 0, True
        while index < len(lines):
            line, following = lines[index], index + 1
            if index in fences:
                used += 3  # it makes three elements, and costs about as much
                following = fences[index] + 1
            elif line[:3] in {"```", "~~~"} and _FENCE_OPENER.match(line):
                # No closing fence: fenced_code reads on to the end of the text looking for one.
                used += 10
            elif line.strip():
                used += after_blank or bool(_BLOCK_START.match(line))
                used += len(_CONSTRUCT.findall(line))
            if used > MAX_MARKUP:
                return [*lines[:index], "", as_typed(lines[index:])]
            after_blank = not line.strip()
            index = following
        return lines


def _fenced_code(lines: list[str]) -> dict[int, int]:
    """{opening line: closing line} of each fenced code block, found as fenced_code finds them:
    the first opening line that has a closing line (the same fence) after it, and so on."""
    closers: dict[str, list[int]] = {}
    candidates = [number for number, line in enumerate(lines) if line[:3] in {"```", "~~~"}]
    for number in candidates:
        closers.setdefault(lines[number].rstrip(" "), []).append(number)
    blocks, after = {}, 0
    for number in candidates:
        if number < after or not (opener := _FENCE_OPENER.match(lines[number])):
            continue
        same = closers.get(opener["fence"], [])
        position = bisect.bisect_right(same, number)
        if position < len(same):
            blocks[number] = after = same[position]
    return blocks


def as_typed(lines: list[str]) -> str:
    """The lines as one paragraph of text with no Markdown meaning."""
    return "\n".join(line.strip() for line in lines if line.strip()).translate(_HIDE_ALL)


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
        hidden = self.to_hide(data)
        if not hidden:
            return None, None, None
        wrapper = etree.Element(_WRAPPER_TAG)
        wrapper.text = hide(data, hidden)
        return wrapper, 0, len(data)

    @staticmethod
    def to_hide(data: str) -> list[int]:
        return _link_syntax_to_hide(data) + _emphasis_to_hide(data)


class _BacktickGuard(_InlineGuard):
    """Hide runs of backticks longer than MAX_BACKTICK_RUN. For a run with no run of the same
    length after it, the code-span pattern reads every character to the end of the text; only
    the last run of each length can be such a run, so this bounds those reads."""

    @staticmethod
    def to_hide(data: str) -> list[int]:
        if "`" * (MAX_BACKTICK_RUN + 1) not in data:
            return []
        runs = _LONG_BACKTICK_RUN.finditer(data)
        return [position for run in runs for position in range(run.start(), run.end())]


_LONG_BACKTICK_RUN = re.compile(f"`{{{MAX_BACKTICK_RUN + 1},}}")
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


# bleach (html5lib) spends 20–30 µs on each character reference it reads, and Markdown writes
# every <, & and > of the text as one. Between tags they go through bleach as stand-ins and
# are put back after it, so text full of them costs no more than other text. (Only exactly
# these three, which stand for plain characters; attributes are left alone.) The stand-ins
# are private-use characters: html5lib reports each noncharacter as a parse error, at a cost.
_TEXT_REFERENCE = re.compile(r"(<[^>]*>)|&(lt|gt|amp);")
_REFERENCE_STAND_INS = {"lt": "\uf8f0", "gt": "\uf8f1", "amp": "\uf8f2"}
_REFERENCES = {stand_in: f"&{name};" for name, stand_in in _REFERENCE_STAND_INS.items()}
_REVEAL_REFERENCES = re.compile("[" + "".join(_REFERENCES) + "]")
# For the bare-URL finder: these stand-ins end a URL as "<" and ">" do.
URL_ENDING_STAND_INS = "\uf8f0\uf8f1"


def hide_references(html: str) -> str:
    return _TEXT_REFERENCE.sub(lambda m: m[1] or _REFERENCE_STAND_INS[m[2]], html)


def reveal_references(html: str) -> str:
    return _REVEAL_REFERENCES.sub(lambda m: _REFERENCES[m[0]], html)


class _Reveal(Postprocessor):
    def run(self, text: str) -> str:
        return reveal(text)
