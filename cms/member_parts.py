"""Which signed-in pages of cms are made of parts kept for every member who sees them alike.

A product page and a knowledge-base article show members mostly what they show everyone;
their parts are kept under the page generation (``community.common.page_cache``) and keyed on
the viewer's marks (``cms.sections.PageSection.viewer_marks``). The generation is read with
the member's summary before anything it keeps: before Wagtail's routing reads the page
(``HomePage.route``). A page reached some other way is made in full: its ``serve()`` would
read the generation after the page, too late.
"""

from __future__ import annotations

from community.accounts.member_summary import member_summary
from community.accounts.permissions import is_community_staff


def shares_member_parts(request) -> bool:
    """Whether this request's page is made of parts kept for every member who sees them
    alike: a signed-in member's GET whose generation was read before routing, not a
    preview (its draft may be unsaved)."""
    return getattr(request, "generation_read_before_routing", False) and not getattr(
        request, "is_preview", False
    )


def read_generation_first(request) -> None:
    """For a member's page (not staff's: their tools are theirs alone): read the page
    generation with their summary (one query), before the content kept under it, so that what
    is kept is at least this new."""
    user = request.user
    if request.method == "GET" and user.is_authenticated and not is_community_staff(user):
        member_summary(request, with_page_generation=True)
        request.generation_read_before_routing = True
