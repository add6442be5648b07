"""Trust rules for posts: the one gate every create and edit service passes through.

``post_admit`` refuses floods (rate limits per member and per address; new posts only) and
posts with more links than the member may post, and decides whether the post is published or
held for a moderator: a new member's first posts, their link-heavy posts and their repeats of
something they posted a moment ago wait in the queue. An edit passes the same rules, so a
published post edited into spam goes back to the queue. Who counts as "new" is the
reputation app's privilege "skip the first-post queue"; how many links one may post is its
``max_links_for``.

``has_standing`` says whether what a member does weighs on others: only reports by members
with standing count toward hiding a post automatically, and only their votes and accepts
earn its author reputation, so that a handful of fresh accounts can neither hide a post nor
lift anyone to a privilege.

Services call it through ``post_prepare``, before their write transaction opens: the text is
rendered once there, and the link rule counts the links in that rendered HTML.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from community.accounts.permissions import is_community_staff
from community.common import ratelimit
from community.common.markup import render_markup
from community.common.storage import StorageUnavailable
from community.common.transactions import DatabaseBusy
from community.reputation.enums import Privilege
from community.reputation.privileges import has_privilege, max_links_for

from .enums import ContentStatus
from .registry import KINDS

# The address of the request being served, set by ClientAddressMiddleware: services do not
# see the request, yet the per-address flood limit must hold on every path that posts.
client_address: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="")
_rules_on: contextvars.ContextVar[bool] = contextvars.ContextVar("trust_rules_on", default=True)

_LINK = re.compile(r"<a\s[^>]*href=", re.IGNORECASE)
# What the author reads after posting something that was held.
HELD_MESSAGE = gettext_lazy(
    "Thank you! Your post waits for a moderator's approval; others see it once it is approved."
)


def thank_for_post(request, item, posted_message: str) -> None:
    """Thank the author of a new post: it waits for a moderator (``HELD_MESSAGE``) when the
    trust rules held it, else ``posted_message``."""
    held = item.status == ContentStatus.PENDING
    messages.success(request, HELD_MESSAGE if held else posted_message)


@dataclass(frozen=True)
class Admission:
    """How a new post starts: published, or held with the reason the author and staff see."""

    status: str
    reason: str = ""

    @property
    def is_held(self) -> bool:
        return self.status == ContentStatus.PENDING


@contextmanager
def trust_rules(*, enabled: bool) -> Iterator[None]:
    """Switch the trust rules off for content that predates them (demo history), or on."""
    token = _rules_on.set(enabled)
    try:
        yield
    finally:
        _rules_on.reset(token)


def is_new_member(user) -> bool:
    """Members whose posts still wait for approval: they lack the privilege to skip the queue."""
    return not has_privilege(user, Privilege.SKIP_FIRST_POST_QUEUE)


def has_standing(user) -> bool:
    """Whether ``user``'s reports and votes weigh on others: staff always; members once their
    account is ``TRUST_STANDING_MIN_AGE_DAYS`` old with a verified e-mail address, or once
    they have ``TRUST_STANDING_MIN_REPUTATION`` points (earned from members with standing).
    With the trust rules off (the demo's history) everyone has it."""
    if not _rules_on.get():
        return True
    if not user.is_authenticated:
        return False
    if is_community_staff(user) or user.reputation >= settings.TRUST_STANDING_MIN_REPUTATION:
        return True
    joined_before = timezone.now() - timedelta(days=settings.TRUST_STANDING_MIN_AGE_DAYS)
    if user.date_joined > joined_before:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


@dataclass(frozen=True)
class PreparedPost:
    """What a member typed, rendered once and admitted by the trust rules: the slow part of
    writing a post, done before the write transaction opens."""

    body: str
    html: str
    admission: Admission


def post_prepare(*, author, kind: str, body: str, editing=None) -> PreparedPost:
    """Render ``body`` and pass it through ``post_admit`` (see there); call it before the
    transaction that stores the post, and store ``html`` as the post's rendered text."""
    html = render_markup(body)
    admission = post_admit(author=author, kind=kind, text=body, html=html, editing=editing)
    return PreparedPost(body=body, html=html, admission=admission)


def link_count(html: str) -> int:
    """Links in rendered ``html`` as the site shows them (bare addresses became links too)."""
    return len(_LINK.findall(html))


def post_admit(*, author, kind: str, text: str, html: str, editing=None) -> Admission:
    """Refuse a flood or too many links (ValidationError, the form keeps the text), else say
    whether ``author``'s ``kind`` post with ``text`` (rendered as ``html``) is published or
    held for approval.

    ``editing``: the stored post whose text ``text`` replaces. An edit is not a new post, so
    it is not rate limited, and it does not count as a repeat of itself; otherwise the same
    rules decide, and a held edit sends a published post back to the queue.
    """
    if not _rules_on.get():
        return Admission(status=ContentStatus.PUBLISHED)
    new_member = is_new_member(author)
    if editing is None:
        _check_rate(author, new_member=new_member)
    links = check_link_limit(author=author, html=html, new_member=new_member)
    if not new_member:
        return Admission(status=ContentStatus.PUBLISHED)
    reason = _hold_reason(author, kind=kind, text=text, links=links, editing=editing)
    if not reason:
        return Admission(status=ContentStatus.PUBLISHED)
    return Admission(status=ContentStatus.PENDING, reason=reason)


def check_link_limit(*, author, html: str, new_member: bool | None = None) -> int:
    """Refuse rendered ``html`` when it has more links than ``author`` may post; returns the
    number of links. ``post_admit`` applies it to every new post and edit."""
    if not _rules_on.get():
        return 0
    if new_member is None:
        new_member = is_new_member(author)
    links = link_count(html)
    allowed_links = max_links_for(author)
    if links > allowed_links:
        message = (
            ngettext(
                "New members can post at most %(count)s link in one post. Please remove some.",
                "New members can post at most %(count)s links in one post. Please remove some.",
                allowed_links,
            )
            if new_member
            else ngettext(
                "One post can carry at most %(count)s link. Please remove some.",
                "One post can carry at most %(count)s links. Please remove some.",
                allowed_links,
            )
        )
        raise ValidationError(message % {"count": allowed_links}, code="too_many_links")
    return links


def _check_rate(author, *, new_member: bool) -> None:
    if is_community_staff(author):
        # The shop's staff answer many questions in a row; their accounts cannot be used to
        # flood anonymously, and staff working from one office must not lock each other out.
        return
    rates = settings.MODERATION_RATE_LIMITS
    checks = [
        ("post-member", str(author.pk), rates["new_member" if new_member else "member"]),
    ]
    if new_member and client_address.get():
        # Established members are limited per member only: members who share an address (an
        # office, a phone network, every visitor when TRUSTED_PROXY_COUNT is unset behind a
        # load balancer) never use up each other's posts. Fresh accounts made in bulk from
        # one address still share its budget.
        checks.append(("post-address", client_address.get(), rates["address"]))
    for scope, key, rate in checks:
        decision = ratelimit.hit(scope, key=key, rate=rate)
        if not decision.allowed:
            raise ValidationError(
                ngettext(
                    "You are posting faster than we allow. You can post again in %(seconds)s "
                    "second.",
                    "You are posting faster than we allow. You can post again in %(seconds)s "
                    "seconds.",
                    decision.retry_after,
                )
                % {"seconds": decision.retry_after},
                code="rate_limited",
                params={"retry_after": decision.retry_after},
            )


def check_vote_rate(voter) -> None:
    """Refuse a vote (or a vote taken back) beyond ``MODERATION_RATE_VOTE`` per member: a
    ValidationError with code "rate_limited" and the seconds to wait as ``retry_after``."""
    if not _rules_on.get():
        return
    decision = ratelimit.hit("vote-member", key=str(voter.pk), rate=settings.MODERATION_RATE_VOTE)
    if not decision.allowed:
        raise ValidationError(
            ngettext(
                "You are voting faster than we allow. You can vote again in %(seconds)s second.",
                "You are voting faster than we allow. You can vote again in %(seconds)s seconds.",
                decision.retry_after,
            )
            % {"seconds": decision.retry_after},
            code="rate_limited",
            params={"retry_after": decision.retry_after},
        )


def _hold_reason(author, *, kind: str, text: str, links: int, editing=None) -> str:
    hold_first = settings.MODERATION_HOLD_FIRST_POSTS
    if hold_first and _published_post_count(author, stop_at=hold_first) < hold_first:
        return _("A new member's first post: a moderator approves it before others see it.")
    hold_links_at = settings.MODERATION_HOLD_LINKS_AT
    if hold_links_at and links >= hold_links_at:
        return _("Several links in a new member's post: a moderator checks it first.")
    if settings.MODERATION_HOLD_DUPLICATES and _repeats_recent_post(
        author, text=text, editing=editing
    ):
        return _("The same text as another recent post: a moderator checks it first.")
    return ""


def _published_post_count(author, *, stop_at: int) -> int:
    """The member's published posts of every kind, counted only as far as ``stop_at``."""
    total = 0
    for kind in KINDS.values():
        if not kind.counts_as_post:
            continue  # a topic's text is its first post, which is counted as a post
        total += kind.model.objects.filter(
            author=author, status=ContentStatus.PUBLISHED, **dict(kind.public_filter)
        ).count()
        if total >= stop_at:
            break
    return total


def _repeats_recent_post(author, *, text: str, editing=None) -> bool:
    normalised = " ".join(text.split())
    if not normalised:
        return False
    since = timezone.now() - timedelta(hours=settings.MODERATION_DUPLICATE_WINDOW_HOURS)
    for kind in KINDS.values():
        if kind.text_field is None:
            continue
        recent = kind.model.objects.filter(author=author, created_at__gte=since).exclude(
            status=ContentStatus.DELETED
        )
        if isinstance(editing, kind.model):
            recent = recent.exclude(pk=editing.pk)  # an edit does not repeat itself
        for earlier in recent.values_list(kind.text_field, flat=True):
            if " ".join(earlier.split()) == normalised:
                return True
    return False


def is_trust_refusal(error: ValidationError) -> bool:
    """Whether ``error`` came from ``post_admit`` (a flood or too many links), so that a view
    shows it with the text field rather than, say, with the photos."""
    return getattr(error, "code", None) in ("rate_limited", "too_many_links")


def refusal_show(error: ValidationError, *, form, photo_forms) -> None:
    """Show why a post with photos was refused where it belongs: the trust rules' refusal
    and a busy database or failing media storage (send it again) beside the text, the photo
    service's beside the photos."""
    if is_trust_refusal(error) or isinstance(error, DatabaseBusy | StorageUnavailable):
        form.add_error(None, error)
    else:
        photo_forms.photo_errors = error.messages


def refused_for_contents(form) -> bool:
    """Whether a form sent back was refused for what it says (an empty text, a photo without
    its description), not by the trust rules (a flood, too many links): only then are the
    photos chosen on it worth keeping for the re-shown form."""
    fields = [NON_FIELD_ERRORS, *form.fields]
    return not any(
        form.has_error(field, code=code)
        for field in fields
        for code in ("rate_limited", "too_many_links")
    )


def refusal_status(form, *, default: int = 400) -> int:
    """The HTTP status for a form sent back with errors: 429 (Too Many Requests) when the
    trust rules refused a flood, so that clients and tools see it for what it is, 503 when
    the media storage failed (try again later), else ``default``."""
    fields = [NON_FIELD_ERRORS, *form.fields]
    if any(form.has_error(field, code="rate_limited") for field in fields):
        return 429
    if form.has_error(NON_FIELD_ERRORS, code="storage_unavailable"):
        return 503
    return default
