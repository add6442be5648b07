"""The accounts the sign-in page lists when SHOW_DEMO_ACCOUNTS is on (development).

The demo tooling owns them (its data files) and registers them in its AppConfig.ready();
the ground floor only shows what was registered, so it never imports the demo.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class SignInAccount(Protocol):
    role: str
    username: str
    password: str


_registered: list[SignInAccount] = []


def register_demo_accounts(accounts: Iterable[SignInAccount]) -> None:
    """Replace the listed accounts (each with ``role``, ``username`` and ``password``)."""
    _registered[:] = list(accounts)


def demo_accounts() -> list[SignInAccount]:
    return list(_registered)
