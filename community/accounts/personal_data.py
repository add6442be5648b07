"""What the site holds about a member, kind by kind, filled in by the parts that hold it.

A member may download everything the site holds about them ("Your data") and may have their
account erased. Accounts knows no app's content: each app (and each ground-floor part) calls
:func:`register_personal_data` in its ``AppConfig.ready()`` for every kind of data it keeps
about a member, the way apps register models with Django's admin site:

- ``export(member)`` returns that member's rows of the kind, as a queryset of ``values()`` or
  a list of dicts (plain JSON values, dates and decimals included); the download holds one
  JSON file per kind, named after ``key``;
- ``files(member)`` yields ``(name, file)`` pairs for the files of the kind (photos, avatar),
  put into the download under ``files/<key>/``;
- ``erase(erasure)`` removes or anonymises the member's data of the kind when the account is
  erased (:class:`Erasure` says whose, their addresses and whether their posts go too). What
  the community wrote stays, shown as by "Former member", unless ``remove_posts``.

Erasers run in one transaction, in the order of their ``position`` (lowest first); accounts'
own (the member's row, addresses, sessions) runs last, so the others still see the addresses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files import File


@dataclass(frozen=True)
class Erasure:
    """One account being erased, as each eraser sees it."""

    user: Any  # the member's User row, not changed yet
    # Every e-mail address the member had, in lower case (purchases and invitations are
    # linked by address, not by account).
    addresses: frozenset[str]
    # Whether the member asked for their posts to be removed as well.
    remove_posts: bool
    # What replaces an address that must stay in a row (a shop order line): points nowhere.
    placeholder_email: str


@dataclass(frozen=True)
class PersonalDataKind:
    key: str
    export: Callable[[Any], Iterable[dict]] | None
    files: Callable[[Any], Iterable[tuple[str, File]]] | None
    erase: Callable[[Erasure], None] | None
    position: int


_kinds: dict[str, PersonalDataKind] = {}


def register_personal_data(
    key: str,
    *,
    export: Callable[[Any], Iterable[dict]] | None = None,
    files: Callable[[Any], Iterable[tuple[str, File]]] | None = None,
    erase: Callable[[Erasure], None] | None = None,
    position: int = 100,
) -> None:
    """Declare a kind of personal data (call from ``AppConfig.ready()``). ``key`` names its
    file in the download (``questions`` → ``questions.json``); registering a key twice with
    other functions is an error: two parts would be exporting under one name."""
    kind = PersonalDataKind(key=key, export=export, files=files, erase=erase, position=position)
    existing = _kinds.get(key)
    if existing is not None and existing != kind:
        raise ValueError(f"The personal data kind {key!r} is registered twice.")
    _kinds[key] = kind


def rows_delete(user, *models) -> None:
    """For erasers: delete ``user``'s rows of each of ``models`` (each with a ``user`` field)."""
    for model in models:
        model.objects.filter(user=user).delete()


def personal_data_kinds() -> list[PersonalDataKind]:
    """Every registered kind, in the order erasers run (and files appear in the download)."""
    return sorted(_kinds.values(), key=lambda kind: (kind.position, kind.key))
