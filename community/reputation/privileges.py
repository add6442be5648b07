"""What a member's reputation lets them do. Other parts of the site ask here, never compare
reputation numbers themselves: ``has_privilege(user, Privilege.SKIP_FIRST_POST_QUEUE)``,
``max_links_for(user)``, ``check_has_privilege(user, Privilege.VOTE_DOWN)``."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from community.accounts.permissions import is_community_staff

from .enums import REPUTATION_ONLY_PRIVILEGES, Privilege


def threshold_for(privilege: Privilege) -> int:
    return settings.REPUTATION_PRIVILEGE_THRESHOLDS[Privilege(privilege).value]


def has_privilege(user, privilege: Privilege) -> bool:
    """Staff have every privilege except the reputation-only ones (editing others' words);
    members once their reputation reaches the threshold."""
    if not user.is_authenticated:
        return False
    if user.reputation >= threshold_for(privilege):
        return True
    return privilege not in REPUTATION_ONLY_PRIVILEGES and is_community_staff(user)


def check_has_privilege(user, privilege: Privilege) -> None:
    if not has_privilege(user, privilege):
        raise PermissionDenied(_refusal(privilege) % {"points": threshold_for(privilege)})


def _refusal(privilege: Privilege) -> str:
    # Whole sentences, so that translations can order their words freely.
    return {
        Privilege.SKIP_FIRST_POST_QUEUE: _(
            "Your posts appear without waiting for approval once you have %(points)s "
            "reputation points."
        ),
        Privilege.VOTE_DOWN: _("You can vote down once you have %(points)s reputation points."),
        Privilege.MORE_LINKS: _(
            "You can post more links once you have %(points)s reputation points."
        ),
        Privilege.CLOSE_VOTES: _(
            "You can vote to close duplicates once you have %(points)s reputation points."
        ),
        Privilege.SUGGEST_EDITS: _(
            "You can suggest edits to others' posts once you have %(points)s reputation points."
        ),
        Privilege.EDIT_OTHERS: _(
            "You can edit others' posts directly once you have %(points)s reputation points."
        ),
    }[Privilege(privilege)]


def max_links_for(user) -> int:
    """How many links one post by ``user`` may carry."""
    if has_privilege(user, Privilege.MORE_LINKS):
        return settings.TRUST_MAX_LINKS
    return settings.TRUST_NEW_MEMBER_MAX_LINKS


@dataclass(frozen=True)
class PrivilegeStatus:
    privilege: Privilege
    threshold: int
    unlocked: bool

    @property
    def label(self) -> str:
        return self.privilege.label

    @property
    def description(self) -> str:
        return self.privilege.description


def privileges_for(user) -> list[PrivilegeStatus]:
    """Every privilege with its threshold and whether ``user`` has it, lowest threshold first."""
    return sorted(
        (
            PrivilegeStatus(
                privilege=privilege,
                threshold=threshold_for(privilege),
                unlocked=has_privilege(user, privilege),
            )
            for privilege in Privilege
        ),
        key=lambda status: (status.threshold, status.privilege.value),
    )


def next_privilege(user) -> PrivilegeStatus | None:
    """The privilege ``user`` unlocks next, or None when they have them all."""
    return next((status for status in privileges_for(user) if not status.unlocked), None)


def privilege_refusal(user, privilege: Privilege) -> str:
    """Why ``user`` may not use ``privilege`` yet, for showing beside a locked control; empty
    when they may."""
    try:
        check_has_privilege(user, privilege)
    except PermissionDenied as refusal:
        return str(refusal)
    return ""
