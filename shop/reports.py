"""What an import did, row by row: the same report for the commands, the API and the demo."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .enums import FeedSubject, RowOutcome


@dataclass(frozen=True)
class RowRejection:
    row: int
    key: str  # the row's SKU (products) or "order/SKU" (orders), when it could be read
    errors: dict[str, list[str]]

    def as_dict(self) -> dict:
        return {"row": self.row, "key": self.key, "fields": self.errors}

    def describe(self) -> str:
        where = _("row %(row)s") % {"row": self.row}
        if self.key:
            where = f"{where} ({self.key})"
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in self.errors.items()
        )
        return f"{where}: {problems}"


@dataclass
class ImportReport:
    subject: FeedSubject
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[RowRejection] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # live products the feed left out
    unpublished: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, outcome: RowOutcome, key: str) -> None:
        {
            RowOutcome.CREATED: self.created,
            RowOutcome.UPDATED: self.updated,
            RowOutcome.UNCHANGED: self.unchanged,
        }[outcome].append(key)

    def reject(self, row: int, key: str, errors: dict[str, list[str]]) -> None:
        self.rejected.append(RowRejection(row=row, key=key, errors=errors))

    def merge(self, other: ImportReport) -> None:
        """Add what another part of the same import did (a chunk of a batch)."""
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected
        self.missing += other.missing
        self.unpublished += other.unpublished
        self.notes += [note for note in other.notes if note not in self.notes]

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.unpublished)

    def as_dict(self) -> dict:
        """The report as the API returns it."""
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": [rejection.as_dict() for rejection in self.rejected],
            "notes": self.notes,
        }

    def summary_lines(self) -> list[str]:
        """The report for a person: counts first, then every row that needs attention."""
        lines = [
            _(
                "%(subject)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(rejected)s rejected."
            )
            % {
                "subject": self.subject.label.capitalize(),
                "created": len(self.created),
                "updated": len(self.updated),
                "unchanged": len(self.unchanged),
                "rejected": len(self.rejected),
            }
        ]
        if self.rejected:
            lines.append(_("Rejected rows (not imported; fix them and import the file again):"))
            lines.extend(f"  {rejection.describe()}" for rejection in self.rejected)
        if self.missing:
            lines.append(
                ngettext(
                    "%(count)s live product is not in the feed and was left as it is "
                    "(--unpublish-missing unpublishes it):",
                    "%(count)s live products are not in the feed and were left as they are "
                    "(--unpublish-missing unpublishes them):",
                    len(self.missing),
                )
                % {"count": len(self.missing)}
            )
            lines.extend(f"  {key}" for key in self.missing)
        if self.unpublished:
            lines.append(
                ngettext(
                    "%(count)s product was not in the feed and has been unpublished:",
                    "%(count)s products were not in the feed and have been unpublished:",
                    len(self.unpublished),
                )
                % {"count": len(self.unpublished)}
            )
            lines.extend(f"  {key}" for key in self.unpublished)
        lines.extend(self.notes)
        return lines
