"""The site's one markup pipeline for text that users type.

Contract:

- Posts, answers, comments and profiles store two fields: the Markdown ``source`` the user
  typed (so it can be edited again) and the HTML that :func:`render_markup` made from it.
- Services call :func:`render_markup` once, when they save; templates never render
  Markdown and never sanitize.
- Templates show the stored HTML only through :func:`stored_html`, which models expose as
  e.g. ``body_html``. No user text reaches a template through ``|safe`` or ``mark_safe``
  anywhere else.

The pipeline: Markdown (with raw HTML turned off, so whatever HTML the user typed comes out
as visible text), then bleach with an explicit allowlist, which also links bare URLs and
gives every link ``rel="nofollow ugc noopener"``.
"""

from __future__ import annotations

import html
import re
from functools import partial
from urllib.parse import unquote, urlsplit

import bleach
import markdown
from bleach.html5lib_shim import Filter
from bleach.linkifier import TLDS, LinkifyFilter
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from community.common.markup_guards import (
    INTERNAL_CHARACTERS,
    URL_ENDING_STAND_INS,
    BoundedWorkExtension,
    hide_references,
    reveal_references,
)

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "h3", "h4", "h5", "h6", "hr",
        "table", "thead", "tbody", "tr", "th", "td",
        "a", "img",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

# Fenced blocks mark their language as class="language-xxx"; anything else in a class is refused.
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9][A-Za-z0-9_+#.-]{0,31}")
_ALIGNMENTS = frozenset({"left", "center", "right"})
_DIMENSION = re.compile(r"[0-9]{1,4}")
# C0 controls other than tab, newline and carriage return, and DEL: nobody types them, and
# NUL and STX/ETX have special meanings inside the Markdown and HTML parsers.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Browsers skip ASCII whitespace and control characters inside a URL's scheme.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
_SCRIPT_LIKE = re.compile(r"javascript:|vbscript:|<script", re.IGNORECASE)
# bleach's list of top-level domains predates the newer ones webshops like to use.
_TLDS = sorted(
    {*TLDS, "app", "blog", "cloud", "dev", "online", "shop", "site", "store", "tech", "xyz"}
)
# A bare URL, as bleach's build_url_re finds it, with its backtracking bounded: bleach's own
# pattern took seconds on "a.-a.-a.-…" (its "([\w-]+\.)+" retries every split of every
# word) and on long runs of "(" or "a-a-a-" (each position rescans to the end). Here a match
# starts at the first "(" of a run only; the labels before the top-level domain are taken
# once, never given back (a dot counts only when a word character follows it, so
# "shop.example.com." still ends at "com"); a label has at most 63 characters, a host at
# most eight labels before its top-level domain.
_BARE_URL = re.compile(
    r"""(?<!\()\(*  # opening parentheses, from the first of a run
    \b(?<![@.])(?:(?:http|https):/{0,3}(?:(?:\w+:)?\w+@)?)?  # http://
    (?:[\w-]{1,63}\.(?=\w)){1,8}+(?:"""
    + "|".join(_TLDS)
    + r""")(?:\:[0-9]+)?(?!\.\w)\b  # xx.yy.tld(:##)?
    (?:[/?][^\s\{\}\|\\\^`"""
    + URL_ENDING_STAND_INS
    + r"""<>"]*)?  # /path/zz
    """,
    re.IGNORECASE | re.VERBOSE | re.UNICODE,
)


def render_markup(source: str) -> str:
    """Turn the Markdown a user typed into HTML that is safe to store and show."""
    source = INTERNAL_CHARACTERS.sub("", _CONTROL_CHARACTERS.sub("", source))
    if not source.strip():
        return ""
    # Both objects keep parser state between calls, so each rendering gets its own.
    converter = markdown.Markdown(
        extensions=[
            "fenced_code",
            TableExtension(use_align_attribute=True),  # align="…", not style="…"
            "sane_lists",
            _UserMarkdownExtension(),
            BoundedWorkExtension(),
        ],
        output_format="html",
    )
    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_attribute_allowed,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        # Filters run after the sanitizer, on attribute values it has already decoded.
        filters=[
            _UnwrapRefused,
            partial(
                LinkifyFilter,
                callbacks=[_link_attributes],
                skip_tags={"pre", "code"},
                url_re=_BARE_URL,
            ),
        ],
    )
    return reveal_references(cleaner.clean(hide_references(converter.convert(source)))).strip()


def stored_html(html: str) -> SafeString:
    """Mark HTML that render_markup produced earlier (and that was stored) safe for templates.

    This is the only place where user-derived HTML is marked safe. Pass it nothing but the
    stored output of render_markup; never a user's source, never HTML built elsewhere.
    """
    return mark_safe(html)  # noqa: S308 - the input is render_markup's sanitized output


class _UserMarkdownExtension(Extension):
    """Markdown without raw HTML, with headings kept below the page's own h1 and h2."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Without these two, typed HTML would pass straight into the output; this way it is
        # escaped and shown as text, and the sanitizer below is a second wall, not the only one.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # After inline processing (20), before prettify and unescape.
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 15)


class _DemoteHeadings(Treeprocessor):
    """h1 and h2 belong to the page; a user's heading starts at h3."""

    def run(self, root):
        for element in root.iter():
            if element.tag in {"h1", "h2"}:
                element.tag = "h3"


def _is_our_media(url: str) -> bool:
    # Images from elsewhere would track readers and let anyone swap the picture later.
    media_url = settings.MEDIA_URL or ""
    return (
        bool(media_url)
        and url.startswith(media_url)
        and not url.startswith("//")
        # "/media/../x" or "/media/%2e%2e/x" would leave the media folder; browsers also read
        # a backslash as a slash.
        and ".." not in unquote(url)
        and "\\" not in url
    )


def _attribute_allowed(tag: str, name: str, value: str) -> bool:
    """The attribute allowlist, judged on the value as a browser will read it."""
    # bleach hands over the value with its character references still encoded.
    value = html.unescape(value)
    if _SCRIPT_LIKE.search(_IGNORED_IN_URLS.sub("", value)):
        # Harmless in a title or alt, but nothing that reads as script is kept anywhere.
        return False
    if tag == "a":
        # rel is added by _link_attributes; target is never allowed.
        return name in {"href", "title"}
    if tag == "img":
        if name == "src":
            return _is_our_media(value)
        if name in {"width", "height"}:
            return bool(_DIMENSION.fullmatch(value))
        return name in {"alt", "title"}
    if tag in {"th", "td"}:
        return name == "align" and value in _ALIGNMENTS
    if tag == "code":
        return name == "class" and bool(_LANGUAGE_CLASS.fullmatch(value))
    return False


class _UnwrapRefused(Filter):
    """Tidy what the sanitizer emptied: a link without href keeps only its content, and an
    image without src (it came from elsewhere) becomes its alt text."""

    def __iter__(self):
        kept_links: list[bool] = []  # one entry per open <a>: whether it was kept
        for token in super().__iter__():
            kind, name = token["type"], token.get("name")
            if name == "img" and kind in {"EmptyTag", "StartTag"}:
                if (None, "src") not in token["data"]:
                    if alt := token["data"].get((None, "alt"), ""):
                        yield {"type": "Characters", "data": alt}
                    continue
            elif name == "a" and kind == "StartTag":
                kept_links.append((None, "href") in token["data"])
                if not kept_links[-1]:
                    continue
            elif name == "a" and kind == "EndTag" and kept_links and not kept_links.pop():
                continue
            yield token


def _link_attributes(attrs: dict, new: bool) -> dict | None:
    """Give every link our rel; drop a new link whose scheme we refuse (its text stays)."""
    href = attrs.get((None, "href"), "")
    # Links made by linkify never went through the sanitizer, so their scheme is checked here.
    if not href or not _scheme_allowed(href):
        return None
    kept = {key: attrs[key] for key in [(None, "href"), (None, "title"), "_text"] if key in attrs}
    kept[(None, "rel")] = LINK_REL
    return kept


def _scheme_allowed(href: str) -> bool:
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:  # e.g. an unclosed "[" where an IPv6 host would be
        return False
    return not scheme or scheme in ALLOWED_PROTOCOLS


def plain_text(rendered: str) -> str:
    """Stored HTML as the text a reader sees: tags gone, entities such as &amp; decoded."""
    return html.unescape(strip_tags(rendered)).strip()
