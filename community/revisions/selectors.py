from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import Revision


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


@dataclass(frozen=True)
class RevisionWithChanges:
    revision: Revision
    number: int
    title_changes: list[DiffLine]
    body_changes: list[DiffLine]


def revision_history(item: models.Model) -> list[RevisionWithChanges]:
    """Every version of ``item``, newest first, each with what it changed (one query)."""
    revisions = list(
        Revision.objects.filter(
            target_type=ContentType.objects.get_for_model(item), target_id=item.pk
        ).select_related("editor")
    )
    history = []
    previous_title, previous_body = "", ""
    for number, revision in enumerate(revisions, start=1):
        history.append(
            RevisionWithChanges(
                revision=revision,
                number=number,
                title_changes=_line_diff(previous_title, revision.title),
                body_changes=_line_diff(previous_body, revision.body),
            )
        )
        previous_title, previous_body = revision.title, revision.body
    history.reverse()
    return history


def line_diff(before: str, after: str) -> list[DiffLine]:
    """The lines ``after`` adds to and removes from ``before``, for ``includes/diff.html``;
    empty when nothing changed."""
    return _line_diff(before, after)


def _line_diff(before: str, after: str) -> list[DiffLine]:
    if before == after:
        return []
    kinds = {"+": "added", "-": "removed", " ": "same"}
    return [
        DiffLine(kinds[line[0]], line[2:])
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[0] in kinds
    ]
