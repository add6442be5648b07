"""Whole pages kept for signed-in members, with the parts that are each member's own made
for them on every request.

A member's page differs from another member's in two ways. The frame's **personal parts**
(the bell, the account menu with their name and points, a moderator's warning, a pending
message) are theirs alone: templates name them with ``{% personal_part "template" %}``, and
they are made for the member on every request (from the request's context: the user, the
member summary, the messages). Everything else depends on who they are only through the
page's **marks** (see ``page_cache.member_fragment_key``): the outcome of every permission
check the page's buttons ask, their votes, what they follow. The view works the marks out
and asks for its page with them (``kept_or_made``); members with equal marks get the page
made once, under the page generation, the address and the language, with the personal parts
left as marks of their own, filled in for each member as it is served.

A member qualifies when the request is a GET and they are neither staff (their moderation
tools are theirs alone) nor allowed into Wagtail's admin (its user bar is made per page and
person). The view decides the rest: it asks only when it found the page the same for every
member with the same marks, and returns the page made in full otherwise.
"""

from __future__ import annotations

import re
import zlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.context import make_context
from django.template.loader import get_template

from community.accounts.member_summary import member_summary
from community.accounts.permissions import is_community_staff

from .page_cache import (
    CSRF_PLACEHOLDER,
    _without_csrf_tokens,
    cache_for_visitors,
    member_fragment_key,
)

# The frame's parts that are each member's own (templates, made with the request's context).
PERSONAL_PARTS = frozenset(
    {
        "includes/personal/compact_bell.html",
        "includes/personal/account_menu.html",
        "moderation/includes/banners.html",
        "includes/messages.html",
    }
)
# Comments are stripped from members' text (markup.py) and every other text on a page is
# escaped, so a mark can only come from our templates; and a forged one could only show the
# viewer's own part to themselves.
_PERSONAL_MARK = re.compile(rb"<!--personal-part:([\w/.-]+)-->")
_PART_NAMES = {name.encode(): name for name in PERSONAL_PARTS}
_LEAVE_MARKS = "leave_personal_marks"


def personal_mark(template_name: str) -> str:
    return f"<!--personal-part:{template_name}-->"


def read_generation_first(request) -> bool:
    """For a member's page (not staff's: their tools are theirs alone): read the page
    generation with their summary (one query) before the content kept under it, so that what
    is kept is at least this new. Whether it was read."""
    user = request.user
    if user.is_authenticated and not is_community_staff(user):
        member_summary(request, with_page_generation=True)
        return True
    return False


def kept_or_made(request, name: str, make, *, viewer_marks) -> HttpResponse:
    """The member's page kept for ``viewer_marks`` when there is one, else the page ``make()``
    makes now (a ``TemplateResponse``), kept for the next visitor or member with the same
    marks. ``viewer_marks`` None: the page is this member's alone, made in full."""
    if viewer_marks is not None:
        kept = kept_member_page(request, name, viewer_marks=viewer_marks)
        if kept is not None:
            return kept
    return keep_member_page(request, cache_for_visitors(make()))


def kept_member_page(request, name: str, *, viewer_marks) -> HttpResponse | None:
    """The member's page kept for these marks, with their own parts in; None when it is not
    kept yet (the page the view makes next is then kept: ``keep_member_page``) or when this
    member's page is theirs alone. ``viewer_marks`` must hold everything of the member's that
    the page shows outside its personal parts."""
    if not _qualifies(request):
        return None
    key = member_fragment_key(request, f"page:{name}", viewer_marks=viewer_marks)
    request.member_page_key = key
    kept = cache.get(key)
    if kept is None:
        return None
    return HttpResponse(_filled(request, zlib.decompress(kept)))


def keep_member_page(request, response):
    """Keep the page just made (a ``TemplateResponse`` of a view that asked
    ``kept_member_page`` first) once it is rendered, then fill in this member's parts."""
    key = getattr(request, "member_page_key", None)
    if key is None or getattr(response, "context_data", None) is None:
        return response
    # Only this page leaves its personal parts as marks (not an error page made instead).
    response.context_data[_LEAVE_MARKS] = True

    def kept(rendered):
        shared = _without_csrf_tokens(rendered.content, request)
        if rendered.status_code == 200:
            cache.set(key, zlib.compress(shared, 1), settings.PAGE_CACHE_SECONDS)
        rendered.content = _filled(request, shared)

    response.add_post_render_callback(kept)
    return response


def makes_personal_marks(context) -> bool:
    """Whether ``{% personal_part %}`` leaves a mark (the page is being kept) or makes the
    part now."""
    return bool(context.get(_LEAVE_MARKS))


def _qualifies(request) -> bool:
    user = request.user
    return (
        request.method == "GET"
        and user.is_authenticated
        and not is_community_staff(user)
        and not member_summary(request).can_use_admin
    )


def _filled(request, content: bytes) -> bytes:
    token = None
    if CSRF_PLACEHOLDER in content:
        token = get_token(request)
        content = content.replace(CSRF_PLACEHOLDER, token.encode())
    # The page as it is kept, in one pass: [text, name, text, name, …, text].
    pieces = _PERSONAL_MARK.split(content)
    if len(pieces) == 1:
        return content
    names = sorted({_PART_NAMES[name] for name in pieces[1::2] if name in _PART_NAMES})
    parts = {}
    if names:
        # One context for all the parts: the context processors run once. Their forms carry
        # the token just put in the page's (one masking of the secret instead of two).
        templates = [get_template(name).template for name in names]
        context = make_context({} if token is None else {"csrf_token": token}, request)
        with context.bind_template(templates[0]):
            for name, template in zip(names, templates, strict=True):
                parts[name.encode()] = template.render(context).encode()
    pieces[1::2] = [parts.get(name, b"") for name in pieces[1::2]]
    return b"".join(pieces)
