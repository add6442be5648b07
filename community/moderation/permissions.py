"""Who may flag, who may be warned or suspended, and what staff may do with an item now.

Checks raise when refused; ``moderation_actions`` tells templates which staff buttons to show,
so that they never restate these rules.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from community.accounts.permissions import (
    check_can_participate,
    check_is_community_staff,
    is_community_staff,
)

from . import registry
from .enums import ContentStatus


def can_see(user, item) -> bool:
    """Whether ``user`` may see ``item``, as the app that owns its kind decides."""
    return registry.kind_for(item).can_see(user, item)


def shows_report_control(user, item) -> bool:
    """Whether the "Report" control shows under ``item``: on public posts by others (visitors
    see it too and are asked to sign in; ``check_can_flag`` decides the report itself)."""
    return item.status == ContentStatus.PUBLISHED and item.author_id != user.pk


def check_can_flag(user, target) -> None:
    """Signed-in, not suspended members report public posts by others."""
    check_can_participate(user)
    _check_public(user, target)
    if target.author_id == user.pk:
        raise PermissionDenied(_("You cannot report your own post."))


def check_can_be_sanctioned(staff, member) -> None:
    """Warnings and suspensions are for members; staff accounts are managed elsewhere."""
    if member.pk == staff.pk:
        raise PermissionDenied(_("You cannot warn or suspend yourself."))
    if is_community_staff(member):
        raise PermissionDenied(_("Staff accounts cannot be warned or suspended here."))


def check_can_label(user, item) -> None:
    """Staff label posts of the kinds that take labels (questions and topics)."""
    check_is_community_staff(user)
    if not registry.kind_for(item).labels:
        raise PermissionDenied(_("This kind of post takes no labels."))


# SECTION what staff may do with an item


def is_hidden_automatically(item) -> bool:
    """Hidden after reports, before any moderator decided (nobody is named as its hider)."""
    return item.status == ContentStatus.HIDDEN and item.status_changed_by_id is None


def may_hide_automatically(item) -> bool:
    """Whether reports may hide ``item`` before a moderator decides: not what the shop's staff
    wrote, nor what speaks for the shop (an official answer); reports about those wait in
    the queue, so that a few members cannot silence the shop."""
    if is_community_staff(item.author):
        return False
    return not registry.kind_for(item).is_official(item)


def is_awaiting_approval(item) -> bool:
    """Held for approval, or hidden automatically: publishing it is a moderator's approval."""
    return item.status == ContentStatus.PENDING or is_hidden_automatically(item)


def hide_refusal(item) -> str:
    """Why staff cannot hide ``item`` ("" when they can): a moderator hid it already, or its
    author withdrew it (it is out of view, and a withdrawn review must stay withdrawn beside
    the new one its author may have written since)."""
    if item.status == ContentStatus.HIDDEN and not is_hidden_automatically(item):
        return _("A moderator has hidden this already.")
    if item.status == ContentStatus.DELETED:
        return _("This is deleted already.")
    return ""


def restore_refusal(item) -> str:
    """Why staff cannot bring ``item`` back ("" when they can); the owning app may know more
    reasons (a merged topic, a review replaced by a newer one)."""
    if item.status == ContentStatus.PUBLISHED:
        return _("This is public already.")
    return registry.kind_for(item).restore_refusal(item)


@dataclass(frozen=True)
class ModerationActions:
    """What a staff member may do with one item now; the staff tools show exactly these."""

    hide: bool = False
    # Publish an item held for approval or hidden automatically.
    approve: bool = False
    # Bring back an item a moderator hid or its author deleted.
    restore: bool = False
    delete: bool = False
    # Keep a public item as it is and close its reports.
    keep: bool = False
    # Put a staff-only label on it (an assortment wish, a product problem).
    label: bool = False

    @property
    def any(self) -> bool:
        return self.hide or self.approve or self.restore or self.delete


NO_ACTIONS = ModerationActions()


def moderation_actions(user, item) -> ModerationActions:
    """The moderation buttons ``user`` gets for ``item`` (none for members)."""
    if not is_community_staff(user):
        return NO_ACTIONS
    awaiting = is_awaiting_approval(item)
    return ModerationActions(
        hide=not hide_refusal(item),
        approve=awaiting,
        # The app's own reason is asked for only when it matters (it may cost a query).
        restore=not awaiting
        and item.status != ContentStatus.PUBLISHED
        and not restore_refusal(item),
        delete=item.status != ContentStatus.DELETED,
        keep=item.status == ContentStatus.PUBLISHED,
        label=registry.kind_for(item).labels,
    )


# SECTION notices, statements of reasons and appeals


def check_can_send_notice(user, target) -> None:
    """Anyone, signed in or not, may send a notice of illegal content about a public post."""
    _check_public(user, target)


def _check_public(user, target) -> None:
    """Only public posts are reported; one the user may not see does not exist to them."""
    if target.status != ContentStatus.PUBLISHED:
        if not can_see(user, target):
            raise Http404
        raise PermissionDenied(_("Only public posts can be reported."))


def check_can_see_statement(user, statement) -> None:
    """A statement of reasons is for the member it concerns, and for staff; to anyone else
    it does not exist."""
    if not user.is_authenticated:
        raise Http404
    if statement.member_id != user.pk and not is_community_staff(user):
        raise Http404


def appeal_refusal(user, statement) -> str:
    """Why ``user`` cannot appeal ``statement`` now ("" when they can): only its member,
    once per decision. The statement's ``appeal`` must be loaded (see the selector)."""
    if statement.member_id != user.pk:
        return _("Only the member a decision concerns can appeal it.")
    if hasattr(statement, "appeal"):  # the reverse one-to-one raises when there is none
        return _("You have appealed this decision already.")
    return ""


def check_can_appeal(user, statement) -> None:
    check_can_see_statement(user, statement)
    refusal = appeal_refusal(user, statement)
    if refusal:
        raise PermissionDenied(refusal)


def appeal_decision_refusal(staff, appeal) -> str:
    """Why ``staff`` cannot decide ``appeal`` ("" when they can): someone other than the one
    who made the decision decides, and only once."""
    if not appeal.is_open:
        return _("This appeal has been decided already.")
    if appeal.statement.decided_by_id == staff.pk:
        return _("You made this decision: another staff member decides the appeal.")
    if appeal.member_id == staff.pk:
        return _("You cannot decide your own appeal.")
    return ""
