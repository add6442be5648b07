"""What the apps tell reputation about their content, in their ``AppConfig.ready()``.

- **Event kinds**: the reasons a member's points move ("Answer voted up"). An app declares its
  kinds as a ``TextChoices`` (the value is stored on every event and is the key into
  ``settings.REPUTATION_POINTS``; the label is what the member's profile shows) and registers
  them with :func:`register_event_kinds`, naming those that count once per member who gave
  them (votes, helpful marks) rather than once per item (an accept, a spam penalty).
- **Profile tabs**: the lists on a member's public page ("Questions", "Topics"). An app
  registers each with :func:`register_profile_tab`: its label, the selector that lists one
  member's items as a given viewer may see them, and the template that shows one item.

Reputation itself knows no app: it records, counts and shows what was registered here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import QuerySet

_event_kinds: dict[str, EventKindEntry] = {}
_profile_tabs: dict[str, ProfileTab] = {}


# SECTION event kinds


@dataclass(frozen=True)
class EventKindEntry:
    """One registered reason for points, as reputation sees it."""

    kind: models.TextChoices
    # True: once per member who gave it (a vote, a helpful mark); False: once per item.
    per_actor: bool

    @property
    def value(self) -> str:
        return self.kind.value


def register_event_kinds(
    kinds: type[models.TextChoices], *, per_actor: Iterable[models.TextChoices] = ()
) -> None:
    """Make every member of ``kinds`` a reason for points; ``per_actor`` are those counted once
    per member who gave them. Registering the same kind twice is an error: two apps would be
    counting under one name."""
    per_actor = {kind.value for kind in per_actor}
    for kind in kinds:
        if kind.value in _event_kinds and _event_kinds[kind.value].kind is not kind:
            raise ValueError(f"The reputation event kind {kind.value!r} is registered twice.")
    for kind in kinds:
        _event_kinds[kind.value] = EventKindEntry(kind=kind, per_actor=kind.value in per_actor)


def event_kind(value: str) -> EventKindEntry:
    """The registered kind stored as ``value``; LookupError for a kind no app registered."""
    try:
        return _event_kinds[str(value)]
    except KeyError:
        raise LookupError(f"No app registered the reputation event kind {value!r}.") from None


def event_kind_label(value: str) -> str:
    """What the profile shows for an event of kind ``value``; the stored value when the app
    that registered it is gone, so that old events still read as something."""
    entry = _event_kinds.get(str(value))
    return entry.kind.label if entry is not None else str(value)


# SECTION profile tabs


@dataclass(frozen=True)
class ProfileTab:
    """One list on a member's public page.

    ``items(owner, viewer=...)`` returns the owner's items that ``viewer`` may see, newest
    first, with what ``template`` needs already selected (the page shows one page of them in
    a fixed number of queries); ``template`` renders one item as ``item``.
    """

    key: str
    label: str
    items: Callable[..., QuerySet]
    template: str
    position: int


def register_profile_tab(
    key: str, *, label: str, items: Callable[..., QuerySet], template: str, position: int
) -> None:
    """Add a tab to every profile; ``position`` orders the tabs (lowest first, the default)."""
    if key in _profile_tabs and _profile_tabs[key].items is not items:
        raise ValueError(f"The profile tab {key!r} is registered twice.")
    _profile_tabs[key] = ProfileTab(
        key=key, label=label, items=items, template=template, position=position
    )


def profile_tabs() -> list[ProfileTab]:
    """Every registered tab in its order; the first is the one a profile opens on."""
    return sorted(_profile_tabs.values(), key=lambda tab: (tab.position, tab.key))
