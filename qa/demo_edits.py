"""Demo suggested edit for `manage.py seed_demo`: one improvement waiting for a decision.

It runs after the seeders that earn reputation, so the suggester is a demo customer whose
points came from real (seeded) votes and accepts, never points typed in here: the customer
with the most reputation who may suggest edits but not edit others' posts directly. They
suggest a clearer version of Emma's short answer about the sticky ceramic pan, through the
suggested-edits service, so the answer's author is notified as in real use.

Seeding again changes nothing: once that answer has a suggestion (waiting or decided), the
seeder leaves it alone.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from community.accounts.models import User
from community.accounts.permissions import is_community_staff
from community.reputation.enums import Privilege
from community.reputation.privileges import has_privilege, threshold_for

from . import permissions, services
from .models import Answer, SuggestedEdit

ORIGINAL_START = "A melamine sponge (a magic eraser) took the film off mine"
IMPROVED_BODY = (
    "A melamine sponge (a “magic eraser”) took the sticky film off mine in a minute.\n\n"
    "Use it on a cold pan with a little water, rub gently and rinse well afterwards."
)
SUMMARY = "Said what the sponge removes and how to use it without harming the coating"


@transaction.atomic
def seed(stdout) -> None:
    answer = (
        Answer.objects.select_related("question", "author")
        .filter(body__startswith=ORIGINAL_START)
        .order_by("pk")
        .first()
    )
    if answer is None:
        stdout.write("Demo suggested edit: the demo answer to improve is missing; none made.")
        return
    if SuggestedEdit.objects.filter(answer=answer).exists():
        stdout.write("Demo suggested edit: already in place.")
        return
    suggester = _suggester(answer)
    if suggester is None:
        points = threshold_for(Privilege.SUGGEST_EDITS)
        stdout.write(
            f"Demo suggested edit: no demo customer has the {points} reputation points needed "
            "to suggest edits (without editing directly); none made."
        )
        return
    try:
        suggestion = services.suggested_edit_create(
            item=answer, suggester=suggester, body=IMPROVED_BODY, summary=SUMMARY
        )
    except (PermissionDenied, ValidationError) as refusal:
        stdout.write(f"Demo suggested edit: refused ({refusal}); none made.")
        return
    stdout.write(
        f"Demo suggested edit: {suggester.username} ({suggester.reputation} reputation points) "
        f"suggested an edit to {answer.author.username}'s answer; it waits at "
        f"{suggestion.get_absolute_url()}."
    )


def _suggester(answer: Answer) -> User | None:
    """The highest-reputation demo customer the suggested-edit rule lets suggest on ``answer``."""
    candidates = (
        User.objects.filter(is_active=True, reputation__gte=threshold_for(Privilege.SUGGEST_EDITS))
        .exclude(pk=answer.author_id)
        .order_by("-reputation", "pk")
    )
    for candidate in candidates:
        if is_community_staff(candidate) or has_privilege(candidate, Privilege.EDIT_OTHERS):
            continue
        try:
            permissions.check_can_suggest_edit(candidate, answer)
        except (PermissionDenied, Http404):
            continue
        return candidate
    return None
